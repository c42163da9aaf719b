import Foundation

/// Number, time and text formatting for the HTML report: what a reader sees, in their units.
enum HTMLReportFormat {
  /// Escapes text for HTML element content and double-quoted attribute values.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }

  /// A latency in ms with precision that fits its size: `0.412 ms`, `12.35 ms`, `250.1 ms`,
  /// `1,235 ms`.
  static func ms(_ value: Double) -> String {
    switch value {
    case ..<1: String(format: "%.3f ms", value)
    case ..<100: String(format: "%.2f ms", value)
    case ..<1000: String(format: "%.1f ms", value)
    default: count(Int(value.rounded())) + " ms"
    }
  }

  /// An integer with thousands separators: `12,345`.
  static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out += "," }
      out.append(ch)
    }
    return value < 0 ? "-" + out : out
  }

  /// A rate per second with one decimal: `1,234.5`.
  static func rate(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    let tenths = Int((value * 10).rounded())
    return count(tenths / 10) + "." + String(abs(tenths % 10))
  }

  /// A fraction 0…1 as a percentage: `0%`, `0.31%`, `12.5%`.
  static func percent(_ fraction: Double) -> String {
    let p = fraction * 100
    if p == 0 { return "0%" }
    if p < 0.01 { return "<0.01%" }
    return String(format: p < 10 ? "%.2f%%" : "%.1f%%", p)
  }

  /// A duration in s: `4.8 s`, `1 min 05 s`, `1 h 02 min`.
  static func duration(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    let total = Int(seconds.rounded())
    if total < 3600 { return String(format: "%d min %02d s", total / 60, total % 60) }
    return String(format: "%d h %02d min", total / 3600, (total % 3600) / 60)
  }

  /// Bytes as kB/MB/GB (powers of 1000).
  static func bytes(_ value: Int) -> String {
    let v = Double(value)
    switch v {
    case ..<1000: return "\(value) B"
    case ..<1_000_000: return String(format: "%.1f kB", v / 1000)
    case ..<1_000_000_000: return String(format: "%.1f MB", v / 1_000_000)
    default: return String(format: "%.2f GB", v / 1_000_000_000)
    }
  }

  /// A wall-clock time in UTC: `2025-03-01 12:00:05 UTC`.
  static func timestamp(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return String(
      format: "%04d-%02d-%02d %02d:%02d:%02d UTC", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
      c.second ?? 0)
  }

  /// A number rounded to `places` decimals, for chart data (µs precision for ms values keeps
  /// the embedded JSON short without losing anything HdrHistogram measured).
  static func rounded(_ value: Double, places: Int = 3) -> Double {
    let scale = pow(10, Double(places))
    return (value * scale).rounded() / scale
  }
}
