/// JSON strings (RFC 8259 §7): `"` … `"` with the escapes `\" \\ \/ \b \f \n \r \t \uXXXX`.
extension JSONReader {
  /// Reads the string starting at the cursor (at `"`) and moves past its closing quote.
  /// - Throws: `Diagnostic` for an unterminated string, an unescaped control character
  ///   (U+0000–U+001F), an unknown escape, a `\u` escape without four hex digits, or a lone
  ///   UTF-16 surrogate.
  mutating func parseString() throws(Diagnostic) -> String {
    let start = pos
    pos += 1
    var buffer: [UInt8] = []
    // Plain runs are copied in one go; the input is already valid UTF-8.
    var runStart = pos
    while true {
      guard let b = peek() else {
        throw error(
          "unterminated string", at: start,
          help: "add a closing \" before the end of the file")
      }
      switch b {
      case JSONByte.quote:
        buffer.append(contentsOf: bytes[runStart..<pos])
        pos += 1
        return String(decoding: buffer, as: UTF8.self)
      case JSONByte.backslash:
        buffer.append(contentsOf: bytes[runStart..<pos])
        try scanEscape(into: &buffer, stringStart: start)
        runStart = pos
      case 0x00..<0x20:
        throw controlCharacterError(b)
      default:
        pos += 1
      }
    }
  }

  private mutating func controlCharacterError(_ b: UInt8) -> Diagnostic {
    let name = SourceBytes.scalarName(UInt32(b))
    let escape =
      switch b {
      case JSONByte.lf: "\\n"
      case JSONByte.cr: "\\r"
      case JSONByte.tab: "\\t"
      case 0x08: "\\b"
      case 0x0C: "\\f"
      default: "\\u" + name.dropFirst(2)
      }
    let lineBreak = b == JSONByte.lf || b == JSONByte.cr
    return error(
      lineBreak
        ? "line break inside a string" : "control character \(name) is not allowed in a string",
      at: pos,
      help: lineBreak
        ? "close the string with \" before the line ends, or write the line break as \(escape)"
        : "write it as the escape \(escape)")
  }

  /// Reads one escape sequence at the cursor (at `\`) and appends its UTF-8 bytes.
  private mutating func scanEscape(into buffer: inout [UInt8], stringStart: Int)
    throws(Diagnostic)
  {
    let start = pos
    guard let c = peek(1) else {
      throw error(
        "unterminated string", at: stringStart,
        help: "add a closing \" before the end of the file")
    }
    switch c {
    case JSONByte.quote, JSONByte.backslash, JSONByte.slash: buffer.append(c)
    case UInt8(ascii: "b"): buffer.append(0x08)
    case UInt8(ascii: "f"): buffer.append(0x0C)
    case UInt8(ascii: "n"): buffer.append(0x0A)
    case UInt8(ascii: "r"): buffer.append(0x0D)
    case UInt8(ascii: "t"): buffer.append(0x09)
    case UInt8(ascii: "u"):
      let unit = try hex4(escapeAt: start)
      var scalarValue = unit
      var length = 6
      switch unit {
      case 0xD800...0xDBFF:
        // RFC 8259 §7: a character outside the BMP is escaped as a UTF-16 surrogate pair.
        guard peek(6) == JSONByte.backslash, peek(7) == UInt8(ascii: "u") else {
          throw loneSurrogate(at: start, high: true)
        }
        let low = try hex4(escapeAt: start + 6)
        guard (0xDC00...0xDFFF).contains(low) else { throw loneSurrogate(at: start, high: true) }
        scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        length = 12
      case 0xDC00...0xDFFF:
        throw loneSurrogate(at: start, high: false)
      default:
        break
      }
      // Not a surrogate by now, so always a valid scalar.
      let scalar = Unicode.Scalar(scalarValue)!
      buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
      pos += length
      return
    default:
      throw invalidEscape(c, at: start)
    }
    pos += 2
  }

  /// The four hex digits of the `\u` escape whose backslash is at `start`.
  private mutating func hex4(escapeAt start: Int) throws(Diagnostic) -> UInt32 {
    var value: UInt32 = 0
    for k in 0..<4 {
      let i = start + 2 + k
      guard i < bytes.count, TOMLByte.isHexDigit(bytes[i]) else {
        throw error(
          "\\u escape needs exactly 4 hex digits", at: start,
          length: 2 + k + (i < bytes.count ? 1 : 0),
          help: "write \\u followed by four of 0-9 A-F, e.g. \\u00E9 for é")
      }
      value = value * 16 + TOMLByte.hexValue(bytes[i])
    }
    return value
  }

  private mutating func loneSurrogate(at start: Int, high: Bool) -> Diagnostic {
    let text = String(decoding: bytes[start..<start + 6], as: UTF8.self)
    return error(
      "lone \(high ? "high" : "low") surrogate \(text)", at: start, length: 6,
      help: high
        ? "a \\uD800–\\uDBFF escape must be followed by a \\uDC00–\\uDFFF escape (a UTF-16 pair), e.g. \\uD83D\\uDE00"
        : "a \\uDC00–\\uDFFF escape must follow a \\uD800–\\uDBFF escape (a UTF-16 pair), e.g. \\uD83D\\uDE00"
    )
  }

  private mutating func invalidEscape(_ c: UInt8, at start: Int) -> Diagnostic {
    let shown =
      c >= 0x21 && c < 0x7F
      ? String(Character(Unicode.Scalar(c))) : " followed by \(describe(at: start + 1))"
    let help =
      switch c {
      case UInt8(ascii: "U"):
        "JSON has only \\uXXXX; write a character above U+FFFF as itself or as a surrogate pair"
      case JSONByte.apostrophe: "a single quote needs no escape in a JSON string"
      default: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; write \\\\ for a backslash"
      }
    return error(
      "invalid escape sequence \\\(shown)", at: start, length: c < 0x80 ? 2 : 1, help: help)
  }
}
