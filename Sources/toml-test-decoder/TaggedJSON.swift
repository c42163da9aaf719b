import LoadForgeConfig

/// The toml-test "tagged JSON" form of a parsed document: tables are objects, arrays are
/// arrays, and every scalar is `{"type": "<kind>", "value": "<text>"}`.
enum TaggedJSON {
  /// Appends the JSON for `value` to `out`.
  static func write(_ value: ConfigValue, to out: inout String) {
    switch value.kind {
    case .table(let table):
      out += "{"
      for (i, entry) in table.entries.enumerated() {
        if i > 0 { out += "," }
        writeString(entry.key, to: &out)
        out += ":"
        write(entry.value, to: &out)
      }
      out += "}"
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        write(item, to: &out)
      }
      out += "]"
    case .string(let s): scalar("string", s, to: &out)
    case .integer(let i): scalar("integer", String(i), to: &out)
    case .float(let d): scalar("float", floatText(d), to: &out)
    case .boolean(let b): scalar("bool", b ? "true" : "false", to: &out)
    case .dateTime(let d): scalar(d.kind.rawValue, d.text, to: &out)
    }
  }

  /// toml-test spells the special floats `inf`, `-inf`, `nan`; finite values round-trip through
  /// Swift's shortest representation.
  static func floatText(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    return d.description
  }

  private static func scalar(_ type: String, _ text: String, to out: inout String) {
    out += "{\"type\":\""
    out += type
    out += "\",\"value\":"
    writeString(text, to: &out)
    out += "}"
  }

  /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped.
  static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "\u{00}"..."\u{1F}", "\u{7F}":
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
