/// JSON numbers (RFC 8259 §6) and the bare words `true`, `false` and `null` (§3).
extension JSONReader {
  /// Reads the number at the cursor.
  ///
  /// `number = [ minus ] int [ frac ] [ exp ]` with `int = zero / ( digit1-9 *DIGIT )`.
  /// Without fraction and exponent it is an `.integer` and must fit in Int64 (a config that
  /// writes 2^63 means an integer, so silently rounding it to a float would be wrong);
  /// otherwise a `.float`, which must be finite.
  /// - Throws: `Diagnostic` for a leading `+`, `.`, or zero; a missing fraction or exponent
  ///   digit; hex; `-Infinity`; an integer outside Int64; a float outside Double.
  mutating func parseNumber() throws(Diagnostic) -> ConfigValue {
    let start = pos
    // The whole run of number-like bytes, so messages quote and underline all of `1.2.3`.
    var end = pos
    while end < bytes.count, Self.isNumberRunByte(bytes[end]) { end += 1 }
    let word = bytes[start..<end]
    var text: String { String(decoding: word, as: UTF8.self) }
    let length = end - start

    func digits(from i: Int) -> Int {
      var j = i
      while j < end, JSONByte.isDigit(bytes[j]) { j += 1 }
      return j
    }

    var i = start
    if bytes[i] == JSONByte.plus {
      throw error(
        "a number cannot start with '+' in JSON", at: start, length: length,
        help: "remove the '+': write \(text.dropFirst())")
    }
    let negative = bytes[i] == JSONByte.minus
    if negative { i += 1 }
    if i < end, bytes[i] == JSONByte.dot {
      throw error(
        "a number needs a digit before the '.'", at: start, length: length,
        help: "write \(negative ? "-" : "")0\(text.dropFirst(negative ? 1 : 0))")
    }
    guard i < end, JSONByte.isDigit(bytes[i]) else {
      if word.elementsEqual("-Infinity".utf8) { throw nonFinite(at: start, length: length) }
      throw error(
        "expected a digit after '-'", at: start, length: max(1, length),
        help: "a JSON number is an optional '-', digits, an optional fraction and exponent")
    }
    if bytes[i] == JSONByte.zero, i + 1 < end {
      let next = bytes[i + 1]
      if JSONByte.isDigit(next) {
        var firstSignificant = i
        while firstSignificant + 1 < end, bytes[firstSignificant] == JSONByte.zero,
          JSONByte.isDigit(bytes[firstSignificant + 1])
        {
          firstSignificant += 1
        }
        let fixed =
          (negative ? "-" : "") + String(decoding: bytes[firstSignificant..<end], as: UTF8.self)
        throw error(
          "leading zeros are not allowed in JSON numbers", at: start, length: length,
          help: "write \(fixed)")
      }
      if next == UInt8(ascii: "x") || next == UInt8(ascii: "X") {
        throw error(
          "hexadecimal numbers are not allowed in JSON", at: start, length: length,
          help: "write the value in decimal")
      }
    }
    i = digits(from: i)
    var isInteger = true
    if i < end, bytes[i] == JSONByte.dot {
      isInteger = false
      let fractionEnd = digits(from: i + 1)
      guard fractionEnd > i + 1 else {
        let whole = String(decoding: bytes[start..<i], as: UTF8.self)
        throw error(
          "a number needs digits after the '.'", at: start, length: length,
          help: "write \(whole).0, or \(whole) for an integer")
      }
      i = fractionEnd
    }
    if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      isInteger = false
      var j = i + 1
      if j < end, bytes[j] == JSONByte.plus || bytes[j] == JSONByte.minus { j += 1 }
      let exponentEnd = digits(from: j)
      guard exponentEnd > j else {
        throw error(
          "the exponent of \(text) has no digits", at: start, length: length,
          help: "an exponent is e or E, an optional sign, and digits (e.g. 1e6, 5E-3)")
      }
      i = exponentEnd
    }
    guard i == end else {
      throw error(
        "invalid number \(text)", at: start, length: length,
        help: word.contains(UInt8(ascii: "_"))
          ? "JSON numbers have no digit separators; remove the underscores"
          : "a JSON number is an optional '-', digits, an optional fraction and exponent")
    }
    let location = location(at: start)
    pos = end
    if isInteger {
      return ConfigValue(
        .integer(try integerValue(word, negative: negative, at: start)), at: location)
    }
    guard let value = Double(text), value.isFinite else {
      throw error(
        "number \(text) is out of the range of a 64-bit float", at: start, length: length,
        help: "floats range up to about ±1.8e308")
    }
    return ConfigValue(.float(value), at: location)
  }

  private mutating func integerValue(_ word: ArraySlice<UInt8>, negative: Bool, at start: Int)
    throws(Diagnostic) -> Int64
  {
    var magnitude: UInt64 = 0
    // -9223372036854775808 is representable, +9223372036854775808 is not.
    let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
    for b in word.dropFirst(negative ? 1 : 0) {
      let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(UInt64(b - JSONByte.zero))
      guard !o1, !o2, a <= limit else {
        throw error(
          "integer \(String(decoding: word, as: UTF8.self)) does not fit in 64 bits", at: start,
          length: word.count,
          help:
            "integers range from -9223372036854775808 to 9223372036854775807; add .0 if a float is meant")
      }
      magnitude = a
    }
    return negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude)
  }

  /// Reads a bare word: `true` or `false`; anything else (`null`, `NaN`, `True`, an unquoted
  /// string) is an error.
  /// - Parameter inArray: whether the word is an array element (for the help of `null`).
  mutating func parseWord(inArray: Bool) throws(Diagnostic) -> ConfigValue {
    let start = pos
    var end = pos
    while end < bytes.count, JSONByte.isWordByte(bytes[end]) { end += 1 }
    let word = String(decoding: bytes[start..<end], as: UTF8.self)
    let length = end - start
    switch word {
    case "true", "false":
      let location = location(at: start)
      pos = end
      return ConfigValue(.boolean(word == "true"), at: location)
    case "null":
      // ConfigValue has no null: a config that means "not set" leaves the key out.
      throw error(
        "null is not allowed here", at: start, length: length,
        help: inArray ? "remove the element" : "remove the key")
    case "NaN", "Infinity":
      throw nonFinite(at: start, length: length)
    default:
      let lower = word.lowercased()
      if lower == "true" || lower == "false" || lower == "null" {
        throw error(
          "JSON literals are lowercase: \(word) is not valid", at: start, length: length,
          help: lower == "null" ? "null is not allowed in a config; remove it" : "write \(lower)")
      }
      throw error(
        "unexpected word \(word)", at: start, length: length,
        help: "strings need double quotes: \"\(word)\"")
    }
  }

  private mutating func nonFinite(at start: Int, length: Int) -> Diagnostic {
    error(
      "NaN and Infinity are not allowed in JSON", at: start, length: length,
      help: "JSON numbers are finite; write a number")
  }

  /// Bytes that can continue a (possibly malformed) number: digits, letters, `.`, `+`, `-`, `_`.
  private static func isNumberRunByte(_ b: UInt8) -> Bool {
    JSONByte.isDigit(b) || JSONByte.isLetter(b) || b == JSONByte.dot || b == JSONByte.plus
      || b == JSONByte.minus || b == UInt8(ascii: "_")
  }
}
