/// Builds a `ConfigValue` tree from libyaml events (one recursive call per node).
///
/// Aliases are expanded by copying the anchored node; every node produced, copies included,
/// counts towards `maxNodes`, so an alias bomb ("billion laughs") fails after a bounded amount
/// of work. An alias's top node is located at the alias (`*name`), the nodes inside it at
/// their definition under the anchor.
struct YAMLTreeBuilder {
  /// Most nodes a document may produce, alias copies included.
  static let maxNodes = 1_000_000
  /// Deepest nesting of sequences and mappings; bounds the recursion (and stack use).
  static let maxDepth = 128

  private let reader: YAMLEventReader
  private var anchors: [String: (value: ConfigValue, nodes: Int)] = [:]
  private var nodeCount = 0

  init(reader: YAMLEventReader) {
    self.reader = reader
  }

  /// Reads the whole stream: exactly one document whose root is a mapping.
  mutating func parseStream() throws(Diagnostic) -> ConfigValue {
    _ = try reader.next()  // STREAM-START
    let first = try reader.next()
    // An empty file, only comments, or a bare `---`: point at the start of the file, where
    // the user will type, not at libyaml's end-of-stream mark.
    let empty = Diagnostic(
      "the file is empty", at: reader.map.location(atByte: reader.map.bodyStart),
      help: "a LoadForge config is a mapping of keys, e.g. `name: shop`")
    guard case .documentStart = first.kind else { throw empty }
    let rootEvent = try reader.next()
    if case .scalar(let value, nil, nil, .plain) = rootEvent.kind, value.isEmpty { throw empty }
    let root = try parseNode(rootEvent, depth: 0)
    guard case .table = root.kind else {
      throw Diagnostic(
        "the top level of a config must be a mapping, found \(article(root.typeName))", at: root.location,
        length: YAMLSourceMap.width(from: rootEvent.start, to: rootEvent.end),
        help: "write `key: value` lines, e.g. `name: shop`")
    }
    _ = try reader.next()  // DOCUMENT-END
    let after = try reader.next()
    if case .documentStart = after.kind {
      throw Diagnostic(
        "only one YAML document per file", at: location(after.start),
        length: YAMLSourceMap.width(from: after.start, to: after.end),
        help: "remove the second `---` and what follows it, or put it in its own file")
    }
    return root
  }

  private mutating func parseNode(_ event: YAMLEvent, depth: Int) throws(Diagnostic) -> ConfigValue {
    let at = location(event.start)
    let width = YAMLSourceMap.width(from: event.start, to: event.end)
    switch event.kind {
    case .scalar(let text, let anchor, let tag, let style):
      try count(1, at: at)
      let quoted = style == .singleQuoted || style == .doubleQuoted
      let value = ConfigValue(
        try resolveScalar(text, tag: tag, style: style, at: at, width: width), at: at,
        sourceLength: reader.map.firstLineWidth(from: event.start, to: event.end),
        contentOffset: quoted ? reader.map.contentOffset(from: event.start, to: event.end) : 0)
      if let anchor { anchors[anchor] = (value, 1) }
      return value

    case .alias(let anchor):
      guard let target = anchors[anchor] else {
        throw Diagnostic(
          "unknown alias \"*\(anchor)\"", at: at, length: width,
          help: "an alias must come after its anchor `&\(anchor)`, outside the anchored node")
      }
      try count(target.nodes, at: at)
      var copy = target.value
      copy.location = at
      // The alias `*name` is what is written here, not the anchored text.
      copy.sourceLength = width
      copy.contentOffset = 0
      return copy

    case .sequenceStart(let anchor, let tag, let flow):
      try checkCollection(tag: tag, expected: "seq", at: at, width: width, depth: depth)
      try count(1, at: at)
      let before = nodeCount
      var items: [ConfigValue] = []
      var next = try reader.next()
      while true {
        if case .sequenceEnd = next.kind { break }
        items.append(try parseNode(next, depth: depth + 1))
        next = try reader.next()
      }
      let value = ConfigValue(
        .array(items), at: at, sourceLength: flow ? YAMLSourceMap.width(from: event.start, to: next.end) : 1)
      if let anchor { anchors[anchor] = (value, nodeCount - before + 1) }
      return value

    case .mappingStart(let anchor, let tag, let flow):
      try checkCollection(tag: tag, expected: "map", at: at, width: width, depth: depth)
      try count(1, at: at)
      let before = nodeCount
      var table = ConfigTable()
      var keyEvent = try reader.next()
      while true {
        if case .mappingEnd = keyEvent.kind { break }
        let (key, keyAt, keyWidth) = try parseKey(keyEvent)
        if let first = table.entry(key) {
          throw Diagnostic(
            "duplicate key \"\(key)\"", at: keyAt, length: keyWidth,
            help: "first defined at \(first.keyLocation)")
        }
        let value = try parseNode(try reader.next(), depth: depth + 1)
        table.set(key, value, keyLocation: keyAt, keyLength: keyWidth)
        keyEvent = try reader.next()
      }
      let value = ConfigValue(
        .table(table), at: at, sourceLength: flow ? YAMLSourceMap.width(from: event.start, to: keyEvent.end) : 1)
      if let anchor { anchors[anchor] = (value, nodeCount - before + 1) }
      return value

    default:
      // libyaml only emits well-nested events, so this is a bug, not bad input.
      throw Diagnostic("unexpected YAML event", at: at)
    }
  }

  /// A mapping key: a scalar's text, whatever it would resolve to as a value (`1: x` has
  /// the key "1"), so keys are always strings as in TOML and JSON.
  private mutating func parseKey(_ event: YAMLEvent) throws(Diagnostic) -> (String, SourceLocation, Int) {
    let at = location(event.start)
    let width = YAMLSourceMap.width(from: event.start, to: event.end)
    switch event.kind {
    case .scalar(let text, let anchor, let tag, let style):
      if style == .plain && tag == nil && text == "<<" {
        throw Diagnostic(
          "merge keys are not supported", at: at, length: width,
          help: "write the keys out, or use an alias as the whole value (`key: *anchor`)")
      }
      if style == .plain && tag == nil && text.isEmpty {
        throw Diagnostic("a key cannot be empty", at: at, help: "write a key before the `:`")
      }
      if let tag, !["!", Self.core + "str", Self.core + "int", Self.core + "float", Self.core + "bool"].contains(tag) {
        throw unsupportedTag(tag, at: at, width: width)
      }
      if let anchor { anchors[anchor] = (ConfigValue(.string(text), at: at), 1) }
      return (text, at, width)
    case .mappingStart:
      throw Diagnostic("a mapping cannot be a key", at: at, length: width, help: "keys must be plain or quoted strings")
    case .sequenceStart:
      throw Diagnostic(
        "a sequence cannot be a key", at: at, length: width, help: "keys must be plain or quoted strings")
    case .alias:
      throw Diagnostic("an alias cannot be a key", at: at, length: width, help: "write the key out")
    default:
      throw Diagnostic("unexpected YAML event", at: at)
    }
  }

  static let core = "tag:yaml.org,2002:"

  /// Plain scalars by the core schema (`YAMLScalarResolver`), quoted and block scalars as
  /// strings; an explicit core tag (`!!int "3"`) overrides both.
  private func resolveScalar(
    _ text: String, tag: String?, style: YAMLEvent.Style, at: SourceLocation, width: Int
  ) throws(Diagnostic) -> ConfigValue.Kind {
    let resolved: YAMLScalarResolver.Resolved
    switch tag {
    case nil:
      resolved = style == .plain ? YAMLScalarResolver.resolvePlain(text) : .value(.string(text))
    case "!", Self.core + "str":
      return .string(text)
    case Self.core + "null":
      resolved = .null
    case Self.core + "int", Self.core + "float", Self.core + "bool":
      let wanted = String(tag!.dropFirst(Self.core.count))
      resolved = YAMLScalarResolver.resolvePlain(text)
      switch (wanted, resolved) {
      case ("int", .value(.integer)), ("float", .value(.float)), ("bool", .value(.boolean)), (_, .outOfRange):
        break
      case ("float", .value(.integer(let i))):
        return .float(Double(i))
      default:
        throw Diagnostic(
          "\"\(text)\" is not a valid !!\(wanted)", at: at, length: width, help: "remove the tag `!!\(wanted)`")
      }
    case Self.core + "seq", Self.core + "map":
      throw Diagnostic(
        "tag \(Self.display(tag!)) cannot be used on a scalar", at: at, length: width, help: "remove the tag")
    default:
      throw unsupportedTag(tag!, at: at, width: width)
    }
    switch resolved {
    case .value(let kind):
      return kind
    case .null:
      throw Diagnostic("null is not allowed here", at: at, length: width, help: "remove the key, or quote the value")
    case .outOfRange(let reason):
      throw Diagnostic(reason, at: at, length: width, help: "quote the value to keep it as a string")
    }
  }

  private func checkCollection(
    tag: String?, expected: String, at: SourceLocation, width: Int, depth: Int
  ) throws(Diagnostic) {
    if depth >= Self.maxDepth {
      throw Diagnostic(
        "nesting is deeper than \(Self.maxDepth) levels", at: at, help: "flatten the structure of this config")
    }
    guard let tag, tag != "!", tag != Self.core + expected else { return }
    if tag.hasPrefix(Self.core) {
      let what = expected == "map" ? "mapping" : "sequence"
      throw Diagnostic(
        "tag \(Self.display(tag)) cannot be used on a \(what)", at: at, length: width, help: "remove the tag")
    }
    throw unsupportedTag(tag, at: at, width: width)
  }

  private func unsupportedTag(_ tag: String, at: SourceLocation, width: Int) -> Diagnostic {
    Diagnostic(
      "unsupported tag \(Self.display(tag))", at: at, length: width,
      help: "configs use the YAML core schema only: !!str, !!int, !!float, !!bool, !!seq, !!map")
  }

  /// `tag:yaml.org,2002:str` → `!!str`, as the user wrote it.
  static func display(_ tag: String) -> String {
    tag.hasPrefix(core) ? "!!" + tag.dropFirst(core.count) : tag
  }

  private mutating func count(_ nodes: Int, at: SourceLocation) throws(Diagnostic) {
    nodeCount += nodes
    if nodeCount > Self.maxNodes {
      throw Diagnostic(
        "the document expands to more than \(Self.maxNodes) values", at: at,
        help: "each alias copies its anchored node; this limit stops alias bombs (\"billion laughs\")")
    }
  }

  private func location(_ mark: YAMLEvent.Mark) -> SourceLocation {
    reader.map.location(mark)
  }

  private func article(_ name: String) -> String {
    (name.first.map { "aeiou".contains($0) } ?? false) ? "an \(name)" : "a \(name)"
  }
}
