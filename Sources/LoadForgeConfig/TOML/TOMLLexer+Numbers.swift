/// Integers and floats (TOML 1.0.0 "Integer" and "Float").
extension TOMLLexer {
  /// Classifies and converts a number word.
  /// - Parameters:
  ///   - word: the bytes of the literal (sign included).
  ///   - start: byte offset of the word, for diagnostics.
  /// - Throws: `Diagnostic` for malformed literals, leading zeros, misplaced underscores,
  ///   and integers outside the signed 64-bit range.
  mutating func parseNumber(_ word: ArraySlice<UInt8>, at start: Int) throws(Diagnostic)
    -> TOMLToken.Kind
  {
    // Messages quote the literal; built only when one is needed.
    var text: String { String(decoding: word, as: UTF8.self) }
    var body = word
    var negative = false
    var signed = false
    if let first = body.first, first == TOMLByte.plus || first == TOMLByte.minus {
      negative = first == TOMLByte.minus
      signed = true
      body = body.dropFirst()
    }
    if body.elementsEqual("inf".utf8) { return .float(negative ? -.infinity : .infinity) }
    if body.elementsEqual("nan".utf8) { return .float(.nan) }

    if body.count > 2, body.first == UInt8(ascii: "0"),
      let radix = TOMLLexer.radix(ofPrefix: body[body.startIndex + 1])
    {
      if signed {
        throw error(
          "a sign is not allowed on a hexadecimal, octal or binary integer", at: start,
          length: word.count)
      }
      return .integer(
        try parseInteger(body.dropFirst(2), radix: radix, negative: false, word: word, at: start))
    }

    let isFloat = body.contains {
      $0 == TOMLByte.dot || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
    }
    if !isFloat {
      guard TOMLLexer.hasValidDigits(body, radix: 10) else {
        throw invalidNumber(word, at: start)
      }
      if body.count > 1 && body.first == UInt8(ascii: "0") {
        throw error(
          "leading zeros are not allowed in the integer \(text)", at: start, length: word.count,
          help: "use 0o for octal, or drop the leading zeros")
      }
      return .integer(try parseInteger(body, radix: 10, negative: negative, word: word, at: start))
    }
    return .float(try parseFloat(body, negative: negative, word: word, at: start))
  }

  /// `dec-int` / `hex-int` / `oct-int` / `bin-int` digits, with the range check of a signed 64-bit integer.
  private mutating func parseInteger(
    _ digits: ArraySlice<UInt8>, radix: UInt64, negative: Bool, word: ArraySlice<UInt8>,
    at start: Int
  ) throws(Diagnostic) -> Int64 {
    var text: String { String(decoding: word, as: UTF8.self) }
    guard TOMLLexer.hasValidDigits(digits, radix: radix) else {
      throw invalidNumber(word, at: start)
    }
    var magnitude: UInt64 = 0
    // -9223372036854775808 is representable, +9223372036854775808 is not.
    let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
    for b in digits where b != TOMLByte.underscore {
      let (m, o1) = magnitude.multipliedReportingOverflow(by: radix)
      let (a, o2) = m.addingReportingOverflow(UInt64(TOMLByte.hexValue(b)))
      guard !o1, !o2, a <= limit else {
        throw error(
          "integer \(text) does not fit in 64 bits", at: start, length: word.count,
          help: "TOML integers range from -9223372036854775808 to 9223372036854775807")
      }
      magnitude = a
    }
    return negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude)
  }

  /// `float = float-int-part ( exp / frac [ exp ] )`.
  private mutating func parseFloat(
    _ body: ArraySlice<UInt8>, negative: Bool, word: ArraySlice<UInt8>, at start: Int
  ) throws(Diagnostic) -> Double {
    var text: String { String(decoding: word, as: UTF8.self) }
    let exponentIndex = body.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    let mantissa = body[..<(exponentIndex ?? body.endIndex)]
    let dotIndex = mantissa.firstIndex(of: TOMLByte.dot)
    let integerPart = mantissa[..<(dotIndex ?? mantissa.endIndex)]
    guard TOMLLexer.hasValidDigits(integerPart, radix: 10) else {
      throw error(
        "invalid float \(text)", at: start, length: word.count,
        help: "a float needs digits on both sides of the '.' (e.g. 0.5, 1.0e6)")
    }
    if integerPart.count > 1 && integerPart.first == UInt8(ascii: "0") {
      throw error(
        "leading zeros are not allowed in the float \(text)", at: start, length: word.count)
    }
    if let dotIndex {
      guard TOMLLexer.hasValidDigits(mantissa[(dotIndex + 1)...], radix: 10) else {
        throw error(
          "invalid float \(text)", at: start, length: word.count,
          help: "a float needs digits on both sides of the '.' (e.g. 0.5, 1.0e6)")
      }
    }
    if let exponentIndex {
      var exponent = body[(exponentIndex + 1)...]
      if let sign = exponent.first, sign == TOMLByte.plus || sign == TOMLByte.minus {
        exponent = exponent.dropFirst()
      }
      guard TOMLLexer.hasValidDigits(exponent, radix: 10) else {
        throw error(
          "invalid exponent in the float \(text)", at: start, length: word.count,
          help: "an exponent is e or E, an optional sign, and digits (e.g. 1e6, 5E-3)")
      }
    }
    let cleaned = String(decoding: body.lazy.filter { $0 != TOMLByte.underscore }, as: UTF8.self)
    guard let value = Double(cleaned), value.isFinite else {
      throw error(
        "float \(text) is out of the range of a 64-bit float", at: start, length: word.count)
    }
    return negative ? -value : value
  }

  private mutating func invalidNumber(_ word: ArraySlice<UInt8>, at start: Int) -> Diagnostic {
    let text = String(decoding: word, as: UTF8.self)
    return error(
      "invalid number \(text)", at: start, length: word.count,
      help: Self.looksLikeText(word)
        ? "to write text (a status class, a duration), quote it: \"\(text)\""
        : "underscores must sit between two digits; hex, octal and binary need 0x, 0o, 0b")
  }

  /// Digits then letters (`2xx`, `5s`, `100ms`) and no radix prefix: meant as a string, unquoted.
  /// An `e` alone may be a broken exponent (`1e`), so it does not count.
  private static func looksLikeText(_ word: ArraySlice<UInt8>) -> Bool {
    let bytes = Array(word.drop { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") })
    guard let first = bytes.first, TOMLByte.isDigit(first) else { return false }
    if first == UInt8(ascii: "0"), bytes.count > 1, radix(ofPrefix: bytes[1]) != nil { return false }
    return bytes.contains { TOMLByte.isLetter($0) && $0 | 0x20 != UInt8(ascii: "e") }
  }

  private static func radix(ofPrefix b: UInt8) -> UInt64? {
    switch b {
    case UInt8(ascii: "x"): 16
    case UInt8(ascii: "o"): 8
    case UInt8(ascii: "b"): 2
    default: nil
    }
  }

  /// Non-empty digits of `radix`, each underscore between two digits.
  static func hasValidDigits(_ digits: ArraySlice<UInt8>, radix: UInt64) -> Bool {
    guard !digits.isEmpty else { return false }
    var previousWasDigit = false
    for b in digits {
      if b == TOMLByte.underscore {
        guard previousWasDigit else { return false }
        previousWasDigit = false
        continue
      }
      let valid =
        switch radix {
        case 16: TOMLByte.isHexDigit(b)
        case 8: b >= 0x30 && b <= 0x37
        case 2: b == 0x30 || b == 0x31
        default: TOMLByte.isDigit(b)
        }
      guard valid else { return false }
      previousWasDigit = true
    }
    return previousWasDigit
  }
}
