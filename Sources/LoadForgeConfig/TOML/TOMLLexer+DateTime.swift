/// The four TOML 1.0.0 date-time kinds (RFC 3339 with the TOML relaxations: a space may
/// replace `T`, `t`/`z` are accepted, a date or a time may stand alone; seconds are required).
extension TOMLLexer {
  /// True if `word` is meant as a date or time rather than a number: it contains `:`, or starts
  /// with digits followed by `-` (a number can have `-` only as a sign or in an exponent).
  static func looksLikeDateTime(_ word: ArraySlice<UInt8>) -> Bool {
    if word.contains(TOMLByte.colon) { return true }
    guard let first = word.first, TOMLByte.isDigit(first) else { return false }
    let digits = word.prefix { TOMLByte.isDigit($0) }
    return digits.count < word.count && word[word.startIndex + digits.count] == TOMLByte.minus
  }

  /// Exactly `dddd-dd-dd`.
  static func isDate(_ word: ArraySlice<UInt8>) -> Bool {
    let b = Array(word)
    guard b.count == 10, b[4] == TOMLByte.minus, b[7] == TOMLByte.minus else { return false }
    return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { TOMLByte.isDigit(b[$0]) }
  }

  /// Validates a date-time word and returns its kind and normalised text
  /// (`T` and `Z` upper-case, a space separator replaced by `T`).
  /// - Throws: `Diagnostic` for a malformed literal or a field out of range
  ///   (month 13, day 32, Feb 29 outside leap years, hour 24, minute 60, second 61, offset ±24:00).
  mutating func parseDateTime(_ word: ArraySlice<UInt8>, at start: Int) throws(Diagnostic)
    -> ConfigDateTime
  {
    let b = Array(word)
    let text = String(decoding: word, as: UTF8.self)
    var reader = FieldReader(bytes: b)
    func malformed(_ lexer: inout TOMLLexer) -> Diagnostic {
      lexer.error(
        "invalid date-time \(text)", at: start, length: b.count,
        help: "use RFC 3339: 1979-05-27T07:32:00Z, 1979-05-27T07:32:00, 1979-05-27 or 07:32:00")
    }
    func outOfRange(_ lexer: inout TOMLLexer, _ what: String) -> Diagnostic {
      lexer.error("invalid date-time \(text): \(what)", at: start, length: b.count)
    }

    var out = ""
    var hasDate = false
    if b.count >= 10, TOMLLexer.isDate(word.prefix(10)) {
      let year = reader.number(at: 0, digits: 4)
      let month = reader.number(at: 5, digits: 2)
      let day = reader.number(at: 8, digits: 2)
      guard (1...12).contains(month) else { throw outOfRange(&self, "month \(month) is not 1–12") }
      guard day >= 1, day <= TOMLLexer.daysIn(month: month, year: year) else {
        throw outOfRange(&self, "day \(day) does not exist in \(year)-\(reader.text(5, 2))")
      }
      out = String(decoding: b[0..<10], as: UTF8.self)
      hasDate = true
      reader.index = 10
      if reader.index == b.count { return ConfigDateTime(kind: .localDate, text: out) }
      let separator = b[reader.index]
      guard
        separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
          || separator == TOMLByte.space
      else {
        throw malformed(&self)
      }
      reader.index += 1
      out += "T"
    }

    // time = HH:MM:SS[.fraction]
    let t = reader.index
    guard reader.hasDigits(at: t, 2), reader.byte(t + 2) == TOMLByte.colon,
      reader.hasDigits(at: t + 3, 2),
      reader.byte(t + 5) == TOMLByte.colon, reader.hasDigits(at: t + 6, 2)
    else { throw malformed(&self) }
    let hour = reader.number(at: t, digits: 2)
    let minute = reader.number(at: t + 3, digits: 2)
    let second = reader.number(at: t + 6, digits: 2)
    guard hour <= 23 else { throw outOfRange(&self, "hour \(hour) is not 0–23") }
    guard minute <= 59 else { throw outOfRange(&self, "minute \(minute) is not 0–59") }
    // RFC 3339 allows second 60 for a leap second.
    guard second <= 60 else { throw outOfRange(&self, "second \(second) is not 0–60") }
    reader.index = t + 8
    if reader.byte(reader.index) == TOMLByte.dot {
      var end = reader.index + 1
      while let d = reader.byte(end), TOMLByte.isDigit(d) { end += 1 }
      guard end > reader.index + 1 else { throw malformed(&self) }
      reader.index = end
    }
    out += String(decoding: b[t..<reader.index], as: UTF8.self)
    if reader.index == b.count {
      return ConfigDateTime(kind: hasDate ? .localDateTime : .localTime, text: out)
    }
    guard hasDate else { throw malformed(&self) }

    // time-offset = "Z" / ( "+" / "-" ) HH:MM
    let o = reader.index
    let sign = b[o]
    if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
      guard o + 1 == b.count else { throw malformed(&self) }
      return ConfigDateTime(kind: .offsetDateTime, text: out + "Z")
    }
    guard sign == TOMLByte.plus || sign == TOMLByte.minus, o + 6 == b.count,
      reader.hasDigits(at: o + 1, 2),
      reader.byte(o + 3) == TOMLByte.colon, reader.hasDigits(at: o + 4, 2)
    else { throw malformed(&self) }
    let offsetHour = reader.number(at: o + 1, digits: 2)
    let offsetMinute = reader.number(at: o + 4, digits: 2)
    guard offsetHour <= 23, offsetMinute <= 59 else {
      throw outOfRange(&self, "offset \(reader.text(o, 6)) is out of range")
    }
    return ConfigDateTime(kind: .offsetDateTime, text: out + reader.text(o, 6))
  }

  /// Days in `month` of `year` in the proleptic Gregorian calendar (leap: divisible by 4,
  /// except centuries not divisible by 400).
  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Fixed-position digit fields of a date-time literal.
  private struct FieldReader {
    let bytes: [UInt8]
    var index = 0

    func byte(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

    func hasDigits(at i: Int, _ n: Int) -> Bool {
      i + n <= bytes.count && bytes[i..<(i + n)].allSatisfy(TOMLByte.isDigit)
    }

    func number(at i: Int, digits: Int) -> Int {
      bytes[i..<(i + digits)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    func text(_ i: Int, _ n: Int) -> String { String(decoding: bytes[i..<(i + n)], as: UTF8.self) }
  }
}
