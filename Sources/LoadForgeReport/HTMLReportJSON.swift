/// A JSON value with ordered object keys, written compactly for embedding in an HTML page.
///
/// The report writes its own JSON rather than using `JSONEncoder` so that key order is the
/// order of construction (stable goldens, readable `data`/`layout` objects) and so that every
/// `<`, `>` and `&` is written as `\u003c`, `\u003e`, `\u0026`: the text can then sit inside a
/// `<script>` element without `</script>` or `<!--` ever appearing in it (HTML Living Standard
/// §4.12.1.3, restrictions for contents of script elements), and it is still valid JSON
/// (RFC 8259 §7).
enum HTMLReportJSON: Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([HTMLReportJSON])
  case object([(String, HTMLReportJSON)])

  static func == (lhs: HTMLReportJSON, rhs: HTMLReportJSON) -> Bool {
    lhs.text == rhs.text
  }

  /// An array of numbers.
  static func numbers(_ values: [Double]) -> HTMLReportJSON { .array(values.map { .number($0) }) }

  /// An array of optional numbers, nil as `null` (a gap in a Plotly line).
  static func numbers(_ values: [Double?]) -> HTMLReportJSON {
    .array(values.map { $0.map(HTMLReportJSON.number) ?? .null })
  }

  /// An array of strings.
  static func strings(_ values: [String]) -> HTMLReportJSON { .array(values.map { .string($0) }) }

  /// The compact JSON text.
  var text: String {
    var out = ""
    write(to: &out)
    return out
  }

  func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += Self.format(n)
    case .string(let s): Self.writeString(s, to: &out)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(to: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out += "," }
        Self.writeString(key, to: &out)
        out += ":"
        value.write(to: &out)
      }
      out += "}"
    }
  }

  /// A finite number as an integer when it is one (within 2^53), else Swift's shortest
  /// round-trip form (`0.1`, `1e-05`, both valid JSON); NaN and infinities, which JSON cannot
  /// hold, as `null`.
  static func format(_ n: Double) -> String {
    guard n.isFinite else { return "null" }
    if n == n.rounded(), abs(n) < 9_007_199_254_740_992 { return String(Int64(n)) }
    return "\(n)"
  }

  static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      // Never let markup or a line terminator JavaScript rejects reach the page raw.
      case "<", ">", "&", "\u{2028}", "\u{2029}":
        out += unicodeEscape(scalar.value)
      default:
        if scalar.value < 0x20 {
          out += unicodeEscape(scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }

  private static func unicodeEscape(_ value: UInt32) -> String {
    let hex = String(value, radix: 16)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
