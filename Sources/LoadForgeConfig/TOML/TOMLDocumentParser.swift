/// Recursive-descent parser for a whole TOML 1.0.0 document (https://toml.io/en/v1.0.0).
///
/// Reads line-level constructs (key/value pairs, `[table]`, `[[array of tables]]`), values
/// (arrays, inline tables, scalars from the lexer) and builds the tree in `TOMLTableBuilder`s,
/// which enforce the redefinition rules. The first problem ends the parse with a `Diagnostic`.
struct TOMLDocumentParser {
  /// Deepest nesting of tables and arrays accepted; keeps recursion far from the stack limit.
  static let maxDepth = 128

  private var lexer: TOMLLexer
  private let root: TOMLTableBuilder
  /// The table that key/value lines go into (the root, or the last header's table).
  private var current: TOMLTableBuilder
  /// Identifies the current header section; dotted-key tables are extendable within it only.
  private var section = 0
  private var lastSection = 0

  init(bytes: [UInt8], file: String, bodyStart: Int) {
    lexer = TOMLLexer(bytes: bytes, file: file, bodyStart: bodyStart)
    root = TOMLTableBuilder(
      origin: .root, location: lexer.location(at: bodyStart), depth: 0, path: "")
    current = root
  }

  /// Parses the document; the result is a `.table`.
  /// - Throws: `Diagnostic` for the first syntax or semantic error.
  mutating func parseDocument() throws(Diagnostic) -> ConfigValue {
    while true {
      lexer.skipWhitespace()
      try lexer.skipComment()
      guard let b = lexer.peek() else { break }
      if try lexer.consumeNewline() { continue }
      if b == TOMLByte.leftBracket {
        try parseHeader()
      } else {
        try parseKeyValue(into: current, section: section)
        try lexer.expectLineEnd(after: "value")
      }
    }
    return root.configValue()
  }

  // MARK: Lines

  /// `[a.b]` or `[[a.b]]` and the line end after it; makes its table current.
  private mutating func parseHeader() throws(Diagnostic) {
    lexer.pos += 1
    let isArray = lexer.peek() == TOMLByte.leftBracket
    if isArray { lexer.pos += 1 }
    lexer.skipWhitespace()
    let parts = try parseKey()
    let close = isArray ? "]]" : "]"
    guard lexer.peek() == TOMLByte.rightBracket, !isArray || lexer.peek(1) == TOMLByte.rightBracket
    else {
      throw lexer.error(
        "expected '\(close)' to close the header \(isArray ? "[[" : "[")\(TOMLDocumentParser.path(parts)), found \(lexer.describe(at: lexer.pos))",
        at: lexer.pos,
        help: lexer.peek() == TOMLByte.equals
          ? "a header names a table and holds no value; put key = value on the next line" : nil)
    }
    lexer.pos += close.utf8.count
    try lexer.expectLineEnd(after: "table header")
    lastSection += 1
    section = lastSection
    current = try openTable(parts, isArray: isArray)
  }

  /// `key = value` (the key may be dotted) inserted into `table`.
  private mutating func parseKeyValue(into table: TOMLTableBuilder, section: Int) throws(Diagnostic) {
    let parts = try parseKey()
    guard lexer.peek() == TOMLByte.equals else {
      throw lexer.error(
        "expected '=' after the key '\(TOMLDocumentParser.path(parts))', found \(lexer.describe(at: lexer.pos))",
        at: lexer.pos, help: "write key = value; quote keys that contain spaces or other characters"
      )
    }
    lexer.pos += 1
    lexer.skipWhitespace()
    let value = try parseValue(depth: table.depth + parts.count)
    try insert(value, at: parts, into: table, section: section)
  }

  /// `key = simple-key *( ws "." ws simple-key )`, then trailing whitespace.
  private mutating func parseKey() throws(Diagnostic) -> [TOMLToken] {
    var parts = [try lexer.lexKey()]
    while true {
      lexer.skipWhitespace()
      guard lexer.peek() == TOMLByte.dot else { return parts }
      lexer.pos += 1
      lexer.skipWhitespace()
      parts.append(try lexer.lexKey())
    }
  }

  // MARK: Values

  private mutating func parseValue(depth: Int) throws(Diagnostic) -> ConfigValue {
    guard depth <= TOMLDocumentParser.maxDepth else {
      throw lexer.error(
        "tables and arrays are nested deeper than \(TOMLDocumentParser.maxDepth) levels",
        at: lexer.pos)
    }
    switch lexer.peek() {
    case TOMLByte.leftBracket: return try parseArray(depth: depth)
    case TOMLByte.leftBrace: return try parseInlineTable(depth: depth)
    default:
      let token = try lexer.lexScalar()
      // lexScalar never returns a bare key.
      return token.configValue!
    }
  }

  /// `[ value, value, ]`: elements may be separated by line breaks and comments.
  private mutating func parseArray(depth: Int) throws(Diagnostic) -> ConfigValue {
    let start = lexer.pos
    let location = lexer.location(at: start)
    lexer.pos += 1
    var items: [ConfigValue] = []
    while true {
      try lexer.skipTrivia()
      if lexer.isAtEnd { throw unterminated("array", at: start, closing: "]") }
      if lexer.peek() == TOMLByte.rightBracket {
        lexer.pos += 1
        break
      }
      items.append(try parseValue(depth: depth + 1))
      try lexer.skipTrivia()
      guard let b = lexer.peek() else { throw unterminated("array", at: start, closing: "]") }
      if b == TOMLByte.comma {
        lexer.pos += 1
      } else if b == TOMLByte.rightBracket {
        lexer.pos += 1
        break
      } else {
        throw lexer.error(
          "expected ',' or ']' after an array element, found \(lexer.describe(at: lexer.pos))",
          at: lexer.pos,
          help: "separate array elements with commas")
      }
    }
    return ConfigValue(.array(items), at: location, sourceLength: bracketWidth(from: start))
  }

  /// Caret width of an array or inline table that started at byte `start` and ends before the
  /// cursor: its whole text on one line, else 1 (the opening bracket), as
  /// `ConfigValue.sourceLength` documents.
  private func bracketWidth(from start: Int) -> Int {
    lexer.lines.spansLines(from: start, to: lexer.pos) ? 1 : lexer.lines.scalarCount(from: start, to: lexer.pos)
  }

  /// The finished inline table begun at byte `start`, with its width.
  private func inlineTable(_ builder: TOMLTableBuilder, from start: Int) -> ConfigValue {
    var value = builder.configValue()
    value.sourceLength = bracketWidth(from: start)
    return value
  }

  /// `{ key = value, … }` on one line, no trailing comma (TOML 1.0.0 "Inline Table").
  private mutating func parseInlineTable(depth: Int) throws(Diagnostic) -> ConfigValue {
    let start = lexer.pos
    let builder = TOMLTableBuilder(
      origin: .root, location: lexer.location(at: start), depth: depth, path: "")
    lastSection += 1
    let inlineSection = lastSection
    lexer.pos += 1
    lexer.skipWhitespace()
    if lexer.peek() == TOMLByte.rightBrace {
      lexer.pos += 1
      return inlineTable(builder, from: start)
    }
    while true {
      lexer.skipWhitespace()
      try checkInlineTableContinues(start: start)
      if lexer.peek() == TOMLByte.rightBrace {
        throw lexer.error(
          "trailing comma in inline table", at: lexer.pos - 1,
          help: "TOML 1.0.0 allows no comma after the last key/value pair of an inline table")
      }
      try parseKeyValue(into: builder, section: inlineSection)
      lexer.skipWhitespace()
      try checkInlineTableContinues(start: start)
      let b = lexer.peek()
      if b == TOMLByte.comma {
        lexer.pos += 1
      } else if b == TOMLByte.rightBrace {
        lexer.pos += 1
        return inlineTable(builder, from: start)
      } else {
        throw lexer.error(
          "expected ',' or '}' in inline table, found \(lexer.describe(at: lexer.pos))",
          at: lexer.pos,
          help: "separate the key/value pairs of an inline table with commas")
      }
    }
  }

  /// Inline tables end on the line they start on (values inside may still span lines).
  private mutating func checkInlineTableContinues(start: Int) throws(Diagnostic) {
    guard let b = lexer.peek() else { throw unterminated("inline table", at: start, closing: "}") }
    if b == TOMLByte.lf || b == TOMLByte.cr || b == TOMLByte.hash {
      throw lexer.error(
        "inline table must be closed on the line it starts on, found \(lexer.describe(at: lexer.pos))",
        at: lexer.pos,
        help:
          "TOML 1.0.0 inline tables cannot span lines or hold comments; use a [table] section instead"
      )
    }
  }

  private mutating func unterminated(_ what: String, at start: Int, closing: String) -> Diagnostic {
    lexer.error("unterminated \(what)", at: start, help: "add a closing '\(closing)'")
  }

  // MARK: Building the tree

  /// Walks (creating as needed) the tables of a header path and returns the table the header defines.
  private mutating func openTable(_ parts: [TOMLToken], isArray: Bool) throws(Diagnostic)
    -> TOMLTableBuilder
  {
    var table = root
    for part in parts.dropLast() {
      let name = TOMLDocumentParser.name(part)
      if let entry = table[name] {
        switch entry.child {
        case .table(let t):
          table = t
        case .tableArray(let array):
          table = array.elements[array.elements.count - 1]
        case .value(let v):
          throw notATable(part, in: table, existing: v, firstAt: entry.keyLocation)
        }
      } else {
        let t = try makeTable(.implicit, at: part, parent: table)
        table[name] = .init(keyLocation: part.location, keyLength: part.columns, child: .table(t))
        table = t
      }
    }
    let last = parts[parts.count - 1]
    let name = TOMLDocumentParser.name(last)
    let path = TOMLDocumentParser.join(table.path, name)
    guard let entry = table[name] else {
      let t = try makeTable(.header, at: last, parent: table)
      let child: TOMLTableBuilder.Child =
        isArray ? .tableArray(.init(first: t, location: last.location)) : .table(t)
      table[name] = .init(keyLocation: last.location, keyLength: last.columns, child: child)
      return t
    }
    switch (entry.child, isArray) {
    case (.tableArray(let array), true):
      let t = try makeTable(.header, at: last, parent: table)
      array.elements.append(t)
      return t
    case (.table(let t), false) where t.origin == .implicit:
      // Now defined for real: point the key and the table at this header, not the earlier path.
      t.origin = .header
      t.location = last.location
      table[name] = .init(keyLocation: last.location, keyLength: last.columns, child: entry.child)
      return t
    case (.table(let t), false):
      if case .dotted = t.origin {
        throw error(
          "table [\(path)] was already defined by dotted keys", at: last,
          help:
            "first defined at \(t.location); a table made by dotted keys cannot be opened with a header"
        )
      }
      throw error(
        "table [\(path)] is defined twice", at: last, help: "first defined at \(t.location)")
    case (.table(let t), true):
      throw error(
        "cannot define [[\(path)]]: '\(path)' is already a table", at: last,
        help: "first defined at \(t.location)")
    case (.tableArray(let array), false):
      throw error(
        "cannot define [\(path)]: '\(path)' is already an array of tables", at: last,
        help: "first defined at \(array.location); use [[\(path)]] to add an element")
    case (.value(let v), _):
      if case .array = v.kind, isArray {
        throw error(
          "cannot append to the static array '\(path)' with [[\(path)]]", at: last,
          help: "first defined at \(entry.keyLocation); arrays written as values cannot be extended"
        )
      }
      throw notATable(last, in: table, existing: v, firstAt: entry.keyLocation)
    }
  }

  /// Stores `value` under a (dotted) key relative to `target`.
  private mutating func insert(
    _ value: ConfigValue, at parts: [TOMLToken], into target: TOMLTableBuilder, section: Int
  ) throws(Diagnostic) {
    var table = target
    for part in parts.dropLast() {
      let name = TOMLDocumentParser.name(part)
      guard let entry = table[name] else {
        let t = try makeTable(.dotted(section: section), at: part, parent: table)
        table[name] = .init(keyLocation: part.location, keyLength: part.columns, child: .table(t))
        table = t
        continue
      }
      let shown = TOMLDocumentParser.join(table.path, name)
      switch entry.child {
      case .table(let t):
        switch t.origin {
        case .dotted(let s) where s == section:
          table = t
        case .implicit:
          // Reaching into a header's implicit parent with dotted keys fixes it as a dotted table.
          t.origin = .dotted(section: section)
          table = t
        case .dotted:
          throw error(
            "cannot add to table '\(shown)' with dotted keys outside the section that defined it",
            at: part,
            help: "first defined at \(t.location)")
        case .header, .root:
          throw error(
            "cannot add to table [\(shown)] with dotted keys: it is defined by a header", at: part,
            help: "first defined at \(t.location); add the key under that header instead")
        }
      case .tableArray(let array):
        throw error(
          "cannot add to the array of tables '\(shown)' with dotted keys", at: part,
          help: "first defined at \(array.location); use a [[\(shown)]] header")
      case .value(let v):
        throw notATable(part, in: table, existing: v, firstAt: entry.keyLocation)
      }
    }
    let last = parts[parts.count - 1]
    let name = TOMLDocumentParser.name(last)
    if let entry = table[name] {
      throw error(
        "duplicate key '\(TOMLDocumentParser.join(table.path, name))'", at: last,
        help: "first defined at \(entry.keyLocation)")
    }
    table[name] = .init(keyLocation: last.location, keyLength: last.columns, child: .value(value))
  }

  private mutating func makeTable(
    _ origin: TOMLTableBuilder.Origin, at part: TOMLToken, parent: TOMLTableBuilder
  ) throws(Diagnostic) -> TOMLTableBuilder {
    guard parent.depth < TOMLDocumentParser.maxDepth else {
      throw error("tables are nested deeper than \(TOMLDocumentParser.maxDepth) levels", at: part)
    }
    return TOMLTableBuilder(
      origin: origin, location: part.location, depth: parent.depth + 1,
      path: TOMLDocumentParser.join(parent.path, TOMLDocumentParser.name(part)))
  }

  private func notATable(
    _ part: TOMLToken, in table: TOMLTableBuilder, existing: ConfigValue, firstAt: SourceLocation
  ) -> Diagnostic {
    let shown = TOMLDocumentParser.join(table.path, TOMLDocumentParser.name(part))
    if case .table = existing.kind {
      return error(
        "cannot extend the inline table '\(shown)'", at: part,
        help: "first defined at \(firstAt); inline tables are complete once written")
    }
    let article = existing.typeName.first == "i" || existing.typeName.first == "a" ? "an" : "a"
    return error(
      "key '\(shown)' already holds \(article) \(existing.typeName), not a table", at: part,
      help: "first defined at \(firstAt)")
  }

  private func error(_ message: String, at token: TOMLToken, help: String? = nil) -> Diagnostic {
    Diagnostic(message, at: token.location, length: token.columns, help: help)
  }

  // MARK: Key names

  static func name(_ token: TOMLToken) -> String {
    switch token.kind {
    case .bareKey(let s), .string(let s, _): s
    default: ""
    }
  }

  /// A key path as TOML would write it: `a.b."c d"`.
  static func path(_ parts: some Collection<TOMLToken>) -> String {
    parts.reduce("") { join($0, name($1)) }
  }

  /// `path` extended by one key, quoted when it is not a valid bare key.
  static func join(_ path: String, _ key: String) -> String {
    var shown = key
    if key.isEmpty || !key.utf8.allSatisfy(TOMLByte.isBareKey) {
      shown = "\""
      for c in key.unicodeScalars {
        if c == "\"" || c == "\\" { shown.unicodeScalars.append("\\") }
        shown.unicodeScalars.append(c)
      }
      shown += "\""
    }
    return path.isEmpty ? shown : path + "." + shown
  }
}
