/// The four TOML 1.0.0 string forms: basic `"…"`, multi-line basic `"""…"""`,
/// literal `'…'` and multi-line literal `'''…'''`.
extension TOMLLexer {
  /// Lexes the string starting at the cursor (which is at `"` or `'`).
  /// - Throws: `Diagnostic` for an unterminated string, a bad escape, a forbidden control
  ///   character or a bare CR.
  mutating func lexString() throws(Diagnostic) -> TOMLToken {
    let start = pos
    let delimiter = bytes[pos]
    let multiline = peek(1) == delimiter && peek(2) == delimiter
    let basic = delimiter == TOMLByte.quote
    var buffer: [UInt8] = []
    if multiline {
      pos += 3
      // "A newline immediately following the opening delimiter will be trimmed."
      if peek() == TOMLByte.lf {
        pos += 1
      } else if peek() == TOMLByte.cr && peek(1) == TOMLByte.lf {
        pos += 2
      }
      try scanMultilineBody(into: &buffer, delimiter: delimiter, basic: basic, start: start)
    } else {
      pos += 1
      try scanLineBody(into: &buffer, delimiter: delimiter, basic: basic, start: start)
    }
    return token(
      .string(String(decoding: buffer, as: UTF8.self), multiline: multiline), from: start)
  }

  private mutating func scanLineBody(
    into buffer: inout [UInt8], delimiter: UInt8, basic: Bool, start: Int
  ) throws(Diagnostic) {
    let closing = basic ? "\"" : "'"
    while true {
      guard let b = peek() else {
        throw error(
          "unterminated string", at: start,
          help: "add a closing \(closing) before the end of the file")
      }
      if b == delimiter {
        pos += 1
        return
      }
      if b == TOMLByte.lf || b == TOMLByte.cr {
        throw error(
          "unterminated string", at: start,
          help:
            "add a closing \(closing) before the end of the line; use \(closing)\(closing)\(closing) for text spanning lines"
        )
      }
      if basic && b == TOMLByte.backslash {
        try scanEscape(into: &buffer, allowLineContinuation: false)
        continue
      }
      if TOMLByte.isForbiddenControl(b) {
        throw controlCharacterError(basic: basic)
      }
      buffer.append(b)
      pos += 1
    }
  }

  private mutating func scanMultilineBody(
    into buffer: inout [UInt8], delimiter: UInt8, basic: Bool, start: Int
  ) throws(Diagnostic) {
    let closing = basic ? "\"\"\"" : "'''"
    while true {
      guard let b = peek() else {
        throw error(
          "unterminated multi-line string", at: start, length: 3,
          help: "add a closing \(closing)")
      }
      switch b {
      case delimiter:
        // Up to two quotes may sit right before the closing delimiter (`mlb-quotes`).
        var run = 0
        while peek(run) == delimiter { run += 1 }
        if run < 3 {
          buffer.append(contentsOf: repeatElement(delimiter, count: run))
          pos += run
          continue
        }
        if run > 5 {
          throw error(
            "too many quotes at the end of a multi-line string", at: pos, length: run,
            help:
              "at most two \(Character(Unicode.Scalar(delimiter))) may precede the closing \(closing); escape the rest"
          )
        }
        buffer.append(contentsOf: repeatElement(delimiter, count: run - 3))
        pos += run
        return
      case TOMLByte.backslash where basic:
        try scanEscape(into: &buffer, allowLineContinuation: true)
      case TOMLByte.lf:
        buffer.append(TOMLByte.lf)
        pos += 1
      case TOMLByte.cr:
        guard peek(1) == TOMLByte.lf else {
          throw error("carriage return must be followed by a line feed", at: pos)
        }
        // Line endings inside strings are normalised to LF, as the spec allows.
        buffer.append(TOMLByte.lf)
        pos += 2
      default:
        if TOMLByte.isForbiddenControl(b) { throw controlCharacterError(basic: basic) }
        buffer.append(b)
        pos += 1
      }
    }
  }

  private mutating func controlCharacterError(basic: Bool) -> Diagnostic {
    let name = SourceBytes.scalarName(UInt32(bytes[pos]))
    return error(
      "control character \(name) is not allowed in a string", at: pos,
      help: basic
        ? "write it as the escape \\u\(name.dropFirst(2))"
        : "use a basic \"string\" with the escape \\u\(name.dropFirst(2))")
  }

  /// Reads one escape sequence at the cursor (at `\`) and appends its UTF-8 bytes.
  /// - Parameter allowLineContinuation: multi-line basic strings accept `\` followed by
  ///   optional whitespace and a line break, which trims all whitespace up to the next text.
  private mutating func scanEscape(into buffer: inout [UInt8], allowLineContinuation: Bool)
    throws(Diagnostic)
  {
    let start = pos
    guard let c = peek(1) else {
      throw error("unterminated escape sequence at end of file", at: start)
    }
    switch c {
    case UInt8(ascii: "b"): buffer.append(0x08)
    case UInt8(ascii: "t"): buffer.append(0x09)
    case UInt8(ascii: "n"): buffer.append(0x0A)
    case UInt8(ascii: "f"): buffer.append(0x0C)
    case UInt8(ascii: "r"): buffer.append(0x0D)
    case TOMLByte.quote: buffer.append(TOMLByte.quote)
    case TOMLByte.backslash: buffer.append(TOMLByte.backslash)
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let digits = c == UInt8(ascii: "u") ? 4 : 8
      var value: UInt32 = 0
      for k in 0..<digits {
        guard let h = peek(2 + k), TOMLByte.isHexDigit(h) else {
          throw error(
            "\\\(Character(Unicode.Scalar(c))) escape needs exactly \(digits) hex digits",
            at: start,
            length: 2 + k + (peek(2 + k) == nil ? 0 : 1))
        }
        value = value &* 16 &+ TOMLByte.hexValue(h)
      }
      guard let scalar = Unicode.Scalar(value) else {
        throw error(
          "\\\(Character(Unicode.Scalar(c)))\(String(value, radix: 16, uppercase: true)) is not a Unicode scalar value",
          at: start, length: 2 + digits,
          help: "surrogates (U+D800–U+DFFF) and code points above U+10FFFF cannot be escaped")
      }
      buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
      pos += 2 + digits
      return
    case TOMLByte.space, TOMLByte.tab, TOMLByte.lf, TOMLByte.cr:
      guard allowLineContinuation else { throw invalidEscape(c, at: start) }
      // Line-ending backslash: only whitespace may sit between `\` and the line break.
      var i = pos + 1
      while i < bytes.count, bytes[i] == TOMLByte.space || bytes[i] == TOMLByte.tab { i += 1 }
      let isLineEnd =
        i < bytes.count
        && (bytes[i] == TOMLByte.lf
          || (bytes[i] == TOMLByte.cr && i + 1 < bytes.count && bytes[i + 1] == TOMLByte.lf))
      guard isLineEnd else {
        throw error(
          "invalid escape sequence: '\\' followed by whitespace must end the line", at: start,
          length: 2,
          help: "remove the backslash or the text after it on this line")
      }
      pos = i
      while let b = peek() {
        if b == TOMLByte.space || b == TOMLByte.tab || b == TOMLByte.lf {
          pos += 1
        } else if b == TOMLByte.cr && peek(1) == TOMLByte.lf {
          pos += 2
        } else {
          break
        }
      }
      return
    default:
      throw invalidEscape(c, at: start)
    }
    pos += 2
  }

  private mutating func invalidEscape(_ c: UInt8, at start: Int) -> Diagnostic {
    let shown =
      c >= 0x21 && c < 0x7F
      ? String(Character(Unicode.Scalar(c))) : " followed by \(describe(at: start + 1))"
    return error(
      "invalid escape sequence \\\(shown)", at: start, length: 2,
      help:
        "valid escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX; write \\\\ for a backslash"
    )
  }
}
