/// Parses human durations: `500ms`, `30s`, `5m`, `1h`, `1.5s`, `1m30s`, `250us`.
///
/// Units: `us`/`µs` (microseconds), `ms`, `s`, `m`, `h`. A bare number has no unit and is
/// rejected, so `timeout = "30"` cannot silently mean 30 µs or 30 minutes.
public enum DurationParser {
  public enum Failure: Error, Sendable, Equatable {
    /// Not a number-with-unit sequence.
    case malformed
    /// Valid, but beyond Int64 µs (about 292 000 years) or our 285-year cap.
    case tooLarge
  }

  /// - Returns: the duration in µs, or nil when `text` is not a (representable) duration.
  public static func micros(_ text: String) -> Int64? {
    try? parse(text).get()
  }

  /// - Returns: the duration in µs, or why `text` is not one.
  public static func parse(_ text: String) -> Result<Int64, Failure> {
    let scalars = Array(text.trimmingWhitespace().unicodeScalars)
    guard !scalars.isEmpty else { return .failure(.malformed) }
    var i = 0
    var total = 0.0
    while i < scalars.count {
      let numberStart = i
      while i < scalars.count, ("0"..."9").contains(scalars[i]) || scalars[i] == "." { i += 1 }
      guard i > numberStart, let number = Double(String(String.UnicodeScalarView(scalars[numberStart..<i]))) else {
        return .failure(.malformed)
      }
      let unitStart = i
      while i < scalars.count, !("0"..."9").contains(scalars[i]), scalars[i] != "." { i += 1 }
      let unit = String(String.UnicodeScalarView(scalars[unitStart..<i]))
      guard let factor = unitMicros[unit] else { return .failure(.malformed) }
      total += number * factor
    }
    guard total.isFinite, total < 9.0e15 else { return .failure(.tooLarge) }
    return .success(Int64(total.rounded()))
  }

  static let unitMicros: [String: Double] = [
    "us": 1, "µs": 1, "ms": 1_000, "s": 1_000_000, "m": 60_000_000, "h": 3_600_000_000,
  ]

  /// Renders µs back in the largest exact unit (`90s` → `1m30s`, `1500000` → `1.5s`).
  public static func format(micros: Int64) -> String {
    if micros == 0 { return "0s" }
    if micros % 1_000_000 != 0 {
      if micros < 1_000 { return "\(micros)us" }
      if micros < 1_000_000 || micros % 1_000 == 0 && micros < 60_000_000 {
        let ms = Double(micros) / 1_000
        return micros < 1_000_000 ? "\(trim(ms))ms" : "\(trim(ms / 1_000))s"
      }
      return "\(trim(Double(micros) / 1_000_000))s"
    }
    var seconds = micros / 1_000_000
    var out = ""
    if seconds >= 3600 {
      out += "\(seconds / 3600)h"
      seconds %= 3600
    }
    if seconds >= 60 {
      out += "\(seconds / 60)m"
      seconds %= 60
    }
    if seconds > 0 { out += "\(seconds)s" }
    return out
  }

  private static func trim(_ d: Double) -> String {
    let s = String(d)
    return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s = s.dropFirst() }
    while let l = s.last, l.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
