/// A byte-level scanner for TOML 1.0.0 (https://toml.io/en/v1.0.0).
///
/// TOML's lexical grammar depends on where the parser is (a key, a value, a table header,
/// the inside of an array), so the parser asks for the kind of token it expects:
/// `lexKey()`, `lexValue()`, and the small skip/expect helpers below. Strings, numbers and
/// date-times live in `TOMLLexer+Strings.swift`, `+Numbers.swift` and `+DateTime.swift`.
///
/// The input must already be valid UTF-8 (the parser checks that first), so multi-byte
/// sequences are copied through as opaque bytes.
struct TOMLLexer {
  let bytes: [UInt8]
  /// Offset of the next unread byte.
  var pos: Int
  var lines: LineIndex

  init(bytes: [UInt8], file: String, bodyStart: Int) {
    self.bytes = bytes
    self.pos = bodyStart
    self.lines = LineIndex(file: file, bytes: bytes, bodyStart: bodyStart)
  }

  var isAtEnd: Bool { pos >= bytes.count }

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

  /// Builds a token for the bytes `start..<pos`.
  mutating func token(_ kind: TOMLToken.Kind, from start: Int) -> TOMLToken {
    TOMLToken(
      kind: kind, location: location(at: start), length: pos - start,
      columns: lines.scalarCount(from: start, to: pos),
      firstLineColumns: lines.firstLineWidth(from: start, to: pos))
  }

  // MARK: Whitespace, comments, newlines

  /// Skips spaces and tabs (TOML `ws`).
  mutating func skipWhitespace() {
    while pos < bytes.count, bytes[pos] == TOMLByte.space || bytes[pos] == TOMLByte.tab { pos += 1 }
  }

  /// Consumes a comment if the cursor is at `#`, up to (not including) the line break.
  /// - Throws: `Diagnostic` for a control character other than tab inside the comment
  ///   (TOML 1.0.0: "Control characters other than tab are not permitted in comments").
  mutating func skipComment() throws(Diagnostic) {
    guard peek() == TOMLByte.hash else { return }
    pos += 1
    while pos < bytes.count {
      let b = bytes[pos]
      if b == TOMLByte.lf { return }
      if b == TOMLByte.cr {
        if peek(1) == TOMLByte.lf { return }
        throw error(
          "carriage return in comment must be followed by a line feed", at: pos,
          help: "TOML allows a bare CR only as part of a CRLF line ending")
      }
      if TOMLByte.isForbiddenControl(b) {
        throw error("\(describe(at: pos)) is not allowed in a comment", at: pos)
      }
      pos += 1
    }
  }

  /// Consumes one line ending (LF or CRLF); returns false if there is none at the cursor.
  /// - Throws: `Diagnostic` for a CR that is not followed by LF.
  mutating func consumeNewline() throws(Diagnostic) -> Bool {
    guard let b = peek() else { return false }
    if b == TOMLByte.lf {
      pos += 1
      return true
    }
    if b == TOMLByte.cr {
      if peek(1) == TOMLByte.lf {
        pos += 2
        return true
      }
      throw error("carriage return must be followed by a line feed", at: pos)
    }
    return false
  }

  /// Skips whitespace, comments and line breaks (allowed between array elements).
  mutating func skipTrivia() throws(Diagnostic) {
    while true {
      skipWhitespace()
      try skipComment()
      if try !consumeNewline() { return }
    }
  }

  /// After a key/value pair or a table header only whitespace, a comment and a line break may follow.
  /// - Parameter what: what was just read, for the message ("value", "table header").
  /// - Throws: `Diagnostic` pointing at the first unexpected byte.
  mutating func expectLineEnd(after what: String) throws(Diagnostic) {
    skipWhitespace()
    try skipComment()
    if isAtEnd { return }
    if try consumeNewline() { return }
    throw error(
      "expected a line break after the \(what), found \(describe(at: pos))", at: pos,
      help: "put each key/value pair and table header on its own line")
  }

  // MARK: Keys

  /// Lexes one simple key: a bare key (`A-Za-z0-9_-`), a basic string or a literal string.
  /// - Throws: `Diagnostic` when no key starts at the cursor or the key is a multi-line string.
  mutating func lexKey() throws(Diagnostic) -> TOMLToken {
    let start = pos
    guard let b = peek() else { throw error("expected a key, found end of file", at: pos) }
    if TOMLByte.isBareKey(b) {
      while pos < bytes.count, TOMLByte.isBareKey(bytes[pos]) { pos += 1 }
      return token(.bareKey(String(decoding: bytes[start..<pos], as: UTF8.self)), from: start)
    }
    if b == TOMLByte.quote || b == TOMLByte.apostrophe {
      if peek(1) == b && peek(2) == b {
        throw error(
          "a multi-line string cannot be used as a key", at: start, length: 3,
          help: "use a single-line \"quoted key\"")
      }
      return try lexString()
    }
    let help: String? =
      b == TOMLByte.equals
      ? "a key is missing before '='"
      : "bare keys may contain only A-Z a-z 0-9 _ -; quote other keys"
    throw error("expected a key, found \(describe(at: pos))", at: pos, help: help)
  }

  // MARK: Values

  /// Lexes a scalar value: string, integer, float, boolean or date-time.
  ///
  /// Numbers, booleans and date-times are read as one "word" of the bytes they can contain and
  /// then classified, so `truex` or `1x` fail as a whole with a caret under the whole word.
  /// - Throws: `Diagnostic` for a missing or malformed value.
  mutating func lexScalar() throws(Diagnostic) -> TOMLToken {
    guard let b = peek() else { throw error("expected a value, found end of file", at: pos) }
    if b == TOMLByte.quote || b == TOMLByte.apostrophe { return try lexString() }
    let start = pos
    while pos < bytes.count, TOMLByte.isWord(bytes[pos]) { pos += 1 }
    // A date and a time may be separated by a single space (TOML 1.0.0 "Offset Date-Time").
    if pos - start == 10, TOMLLexer.isDate(bytes[start..<pos]), peek() == TOMLByte.space,
      let next = peek(1), TOMLByte.isDigit(next)
    {
      pos += 1
      while pos < bytes.count, TOMLByte.isWord(bytes[pos]) { pos += 1 }
    }
    if pos == start {
      throw error(
        "expected a value, found \(describe(at: pos))", at: pos,
        help: "a value is a string, number, boolean, date-time, array [ … ] or inline table { … }")
    }
    if let value = plainInteger(start..<pos) { return token(.integer(value), from: start) }
    let word = bytes[start..<pos]
    switch word.first! {
    case UInt8(ascii: "t") where word.elementsEqual("true".utf8):
      return token(.boolean(true), from: start)
    case UInt8(ascii: "f") where word.elementsEqual("false".utf8):
      return token(.boolean(false), from: start)
    default:
      break
    }
    if TOMLLexer.looksLikeDateTime(word) {
      return token(.dateTime(try parseDateTime(word, at: start)), from: start)
    }
    if TOMLByte.isDigit(word.first!) || word.first == TOMLByte.plus || word.first == TOMLByte.minus
      || word.elementsEqual("inf".utf8) || word.elementsEqual("nan".utf8)
    {
      return token(try parseNumber(word, at: start), from: start)
    }
    let text = String(decoding: word, as: UTF8.self)
    throw error(
      "invalid value '\(text)'", at: start, length: word.count,
      help: "strings must be quoted; booleans are lowercase true/false")
  }

  /// Fast path for the most common number: up to 18 plain decimal digits, no sign, no
  /// underscore, no leading zero (cannot overflow Int64). Everything else takes `parseNumber`.
  private func plainInteger(_ range: Range<Int>) -> Int64? {
    guard range.count <= 18, bytes[range.lowerBound] != UInt8(ascii: "0") || range.count == 1 else {
      return nil
    }
    var value: Int64 = 0
    for i in range {
      let b = bytes[i]
      guard TOMLByte.isDigit(b) else { return nil }
      value = value * 10 + Int64(b - 0x30)
    }
    return value
  }

  // MARK: Describing bytes in messages

  /// A short description of the input at `offset` for messages: `'x'`, `U+0000`, "end of file".
  func describe(at offset: Int) -> String {
    guard offset < bytes.count else { return "end of file" }
    let b = bytes[offset]
    switch b {
    case TOMLByte.lf: return "a line break"
    case TOMLByte.cr where offset + 1 < bytes.count && bytes[offset + 1] == TOMLByte.lf:
      return "a line break"
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
