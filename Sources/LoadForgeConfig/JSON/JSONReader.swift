/// The recursive-descent reader behind `JSONParser` (RFC 8259 §2–§5).
///
/// Works on bytes that are already valid UTF-8 (the parser checks that first), so multi-byte
/// sequences inside strings are copied through as opaque bytes. Strings live in
/// `JSONReader+Strings.swift`, numbers and bare words in `JSONReader+Numbers.swift`.
/// The first problem ends the read with a `Diagnostic`.
struct JSONReader {
  /// Deepest nesting of objects and arrays accepted (the root object is level 1); keeps the
  /// recursion far from the stack limit.
  static let maxDepth = 128

  let bytes: [UInt8]
  let file: String
  /// Offset of the next unread byte.
  var pos: Int
  var lines: LineIndex

  init(bytes: [UInt8], file: String, bodyStart: Int) {
    self.bytes = bytes
    self.file = file
    self.pos = bodyStart
    self.lines = LineIndex(file: file, bytes: bytes, bodyStart: bodyStart)
  }

  /// The byte `ahead` positions past the cursor, or nil past the end.
  func peek(_ ahead: Int = 0) -> UInt8? {
    let i = pos + ahead
    return i < bytes.count ? bytes[i] : nil
  }

  mutating func location(at offset: Int) -> SourceLocation { lines.location(at: offset) }

  /// A diagnostic whose caret spans the bytes `offset..<offset+length`.
  mutating func error(_ message: String, at offset: Int, length: Int = 1, help: String? = nil)
    -> Diagnostic
  {
    lines.diagnostic(message, at: offset, length: length, help: help)
  }

  // MARK: Document

  /// `JSON-text = ws value ws`, where this reader's value must be an object.
  mutating func parseDocument() throws(Diagnostic) -> ConfigValue {
    skipWhitespace()
    guard let b = peek() else {
      throw error(
        "unexpected end of input: the file is empty", at: pos,
        help: "expected a JSON object: { … }")
    }
    guard b == JSONByte.leftBrace else {
      if let special = specialUnexpected() { throw special }
      throw error(
        "the top level of a JSON config must be an object", at: pos,
        help: "wrap the settings in { … }")
    }
    let root = try parseObject(depth: 1)
    skipWhitespace()
    if pos < bytes.count {
      if let special = specialUnexpected() { throw special }
      throw error(
        "unexpected \(describe(at: pos)) after the end of the top-level object", at: pos,
        help: "a JSON config holds exactly one object; remove what follows its closing }")
    }
    return root
  }

  // MARK: Values

  /// One value at the cursor (after whitespace).
  /// - Parameter inArray: whether the value is an array element (for the help of errors).
  mutating func parseValue(depth: Int, inArray: Bool) throws(Diagnostic) -> ConfigValue {
    guard let b = peek() else { throw unexpected(expected: "a value") }
    let start = pos
    var value: ConfigValue
    switch b {
    case JSONByte.leftBrace: value = try parseObject(depth: depth + 1)
    case JSONByte.leftBracket: value = try parseArray(depth: depth + 1)
    case JSONByte.quote:
      let text = try parseString()
      value = ConfigValue(.string(text), at: location(at: start), contentOffset: 1)
    case JSONByte.minus, JSONByte.plus, JSONByte.dot, 0x30...0x39:
      value = try parseNumber()
    default:
      guard JSONByte.isWordByte(b) else { throw unexpected(expected: "a value") }
      value = try parseWord(inArray: inArray)
    }
    // Strings and numbers never span lines; an object or array that does is underlined at its
    // opening bracket (`ConfigValue.sourceLength`).
    value.sourceLength = lines.spansLines(from: start, to: pos) ? 1 : lines.scalarCount(from: start, to: pos)
    return value
  }

  /// `object = begin-object [ member *( value-separator member ) ] end-object` (RFC 8259 §4).
  mutating func parseObject(depth: Int) throws(Diagnostic) -> ConfigValue {
    let open = pos
    try checkDepth(depth)
    let openLocation = location(at: open)
    pos += 1
    var table = ConfigTable()
    skipWhitespace()
    if peek() == JSONByte.rightBrace {
      pos += 1
      return ConfigValue(.table(table), at: openLocation)
    }
    while true {
      guard peek() == JSONByte.quote else {
        throw keyExpected(openedAt: openLocation)
      }
      let keyStart = pos
      let key = try parseString()
      let keyLength = lines.scalarCount(from: keyStart, to: pos)
      let keyLocation = location(at: keyStart)
      if let first = table.entry(key) {
        throw error(
          "duplicate key \"\(key)\"", at: keyStart, length: pos - keyStart,
          help: "first defined at \(first.keyLocation)")
      }
      skipWhitespace()
      guard peek() == JSONByte.colon else {
        throw unexpected(
          expected: "':' after the key \"\(key)\"",
          help: peek() == JSONByte.equals ? "JSON separates a key from its value with ':'" : nil)
      }
      pos += 1
      skipWhitespace()
      let value = try parseValue(depth: depth, inArray: false)
      table.set(key, value, keyLocation: keyLocation, keyLength: keyLength)
      skipWhitespace()
      switch peek() {
      case JSONByte.comma:
        try skipSeparator(before: JSONByte.rightBrace, in: "an object", close: "}")
      case JSONByte.rightBrace:
        pos += 1
        return ConfigValue(.table(table), at: openLocation)
      default:
        throw unexpected(
          expected: "',' or '}' after the value of \"\(key)\"",
          help: peek() == JSONByte.quote ? "put a ',' between two members" : nil,
          inside: "object opened at \(openLocation)")
      }
    }
  }

  /// Skips a `,` and the whitespace after it; a comma right before `closer` is an error
  /// (RFC 8259 has no trailing commas).
  private mutating func skipSeparator(before closer: UInt8, in container: String, close: String) throws(Diagnostic) {
    let comma = pos
    pos += 1
    skipWhitespace()
    if peek() == closer {
      throw error(
        "trailing comma in \(container)", at: comma, help: "JSON does not allow a comma before \(close); remove it")
    }
  }

  /// `array = begin-array [ value *( value-separator value ) ] end-array` (RFC 8259 §5).
  mutating func parseArray(depth: Int) throws(Diagnostic) -> ConfigValue {
    let open = pos
    try checkDepth(depth)
    let openLocation = location(at: open)
    pos += 1
    var elements: [ConfigValue] = []
    skipWhitespace()
    if peek() == JSONByte.rightBracket {
      pos += 1
      return ConfigValue(.array(elements), at: openLocation)
    }
    while true {
      elements.append(try parseValue(depth: depth, inArray: true))
      skipWhitespace()
      switch peek() {
      case JSONByte.comma:
        try skipSeparator(before: JSONByte.rightBracket, in: "an array", close: "]")
      case JSONByte.rightBracket:
        pos += 1
        return ConfigValue(.array(elements), at: openLocation)
      default:
        let next = peek()
        let startsValue =
          next.map {
            $0 == JSONByte.quote || $0 == JSONByte.leftBrace || $0 == JSONByte.leftBracket
              || $0 == JSONByte.minus || JSONByte.isDigit($0)
          } ?? false
        throw unexpected(
          expected: "',' or ']' after an array element",
          help: startsValue ? "put a ',' between two elements" : nil,
          inside: "array opened at \(openLocation)")
      }
    }
  }

  private mutating func checkDepth(_ depth: Int) throws(Diagnostic) {
    guard depth <= JSONReader.maxDepth else {
      throw error(
        "objects and arrays are nested deeper than \(JSONReader.maxDepth) levels", at: pos,
        help: "a config never needs this depth; flatten the structure")
    }
  }

  /// Where a member should start: a `"key"`, or `}` right after `{`.
  private mutating func keyExpected(openedAt openLocation: SourceLocation) -> Diagnostic {
    guard let b = peek() else {
      return unexpected(
        expected: "a key in double quotes", inside: "object opened at \(openLocation)")
    }
    if let special = specialUnexpected() { return special }
    if JSONByte.isWordByte(b) {
      var end = pos
      while end < bytes.count, JSONByte.isWordByte(bytes[end]) { end += 1 }
      let word = String(decoding: bytes[pos..<end], as: UTF8.self)
      return error(
        "object keys must be strings in double quotes", at: pos, length: end - pos,
        help: "write \"\(word)\"")
    }
    return unexpected(expected: "a key in double quotes")
  }

  // MARK: Whitespace and errors

  /// `ws = *( %x20 / %x09 / %x0A / %x0D )` (RFC 8259 §2).
  mutating func skipWhitespace() {
    while let b = peek(),
      b == JSONByte.space || b == JSONByte.tab || b == JSONByte.lf || b == JSONByte.cr
    {
      pos += 1
    }
  }

  /// An "expected X, found Y" error at the cursor, or "unexpected end of input" at the end.
  /// - Parameters:
  ///   - help: the help line when something else was found.
  ///   - container: names the open object or array for the end-of-input help.
  mutating func unexpected(expected: String, help: String? = nil, inside container: String? = nil)
    -> Diagnostic
  {
    guard pos < bytes.count else {
      let context = container.map { "; the \($0) is still open" } ?? ""
      return error("unexpected end of input", at: pos, help: "expected \(expected)\(context)")
    }
    if let special = specialUnexpected() { return special }
    return error("expected \(expected), found \(describe(at: pos))", at: pos, help: help)
  }

  /// Errors for bytes that show a non-JSON habit (comments, single quotes), which deserve a
  /// precise message wherever they appear.
  mutating func specialUnexpected() -> Diagnostic? {
    switch peek() {
    case JSONByte.slash where peek(1) == JSONByte.slash || peek(1) == JSONByte.star:
      return error(
        "comments are not allowed in JSON", at: pos, length: 2,
        help: "remove the comment, or write the config in TOML or YAML, which have comments")
    case JSONByte.hash:
      return error(
        "comments are not allowed in JSON", at: pos,
        help: "remove the comment, or write the config in TOML or YAML, which have comments")
    case JSONByte.apostrophe:
      return error(
        "strings must be in double quotes in JSON", at: pos,
        help: "replace the single quotes with \"")
    default:
      return nil
    }
  }

  /// A short description of the byte at `offset` for "found …" in messages.
  func describe(at offset: Int) -> String {
    guard offset < bytes.count else { return "end of input" }
    let b = bytes[offset]
    switch b {
    case JSONByte.lf: return "a line break"
    case 0x00..<0x20, 0x7F: return "control character " + SourceBytes.scalarName(UInt32(b))
    case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(b)))'"
    default:
      var end = offset + 1
      while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
      let text = String(decoding: bytes[offset..<end], as: UTF8.self)
      let scalar = text.unicodeScalars.first.map { SourceBytes.scalarName($0.value) } ?? "?"
      return "'\(text)' (\(scalar))"
    }
  }
}
