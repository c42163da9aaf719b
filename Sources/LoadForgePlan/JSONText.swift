import LoadForgeSpec

/// A small compact JSON serializer for request bodies (RFC 8259).
enum JSONText {
  /// `value` as compact JSON (no spaces), object members in written order. Each string is
  /// passed through `resolve` (interpolation) before it is escaped; keys are used literally.
  static func render(_ value: JSONValueSpec, resolve: (Located<String>) -> String) -> String {
    var out = ""
    write(value, to: &out, resolve: resolve)
    return out
  }

  private static func write(_ value: JSONValueSpec, to out: inout String, resolve: (Located<String>) -> String) {
    switch value {
    case .string(let s): out += quoted(resolve(s))
    case .integer(let i): out += String(i)
    case .float(let d): out += number(d)
    case .boolean(let b): out += b ? "true" : "false"
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        write(item, to: &out, resolve: resolve)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, member) in members.enumerated() {
        if i > 0 { out += "," }
        out += quoted(member.key)
        out += ":"
        write(member.value, to: &out, resolve: resolve)
      }
      out += "}"
    }
  }

  /// A finite double in Swift's shortest representation that reads back as the same value
  /// (`0.1`, `1e+20`, `-0.0`); every such spelling is a JSON number (RFC 8259 §6).
  static func number(_ d: Double) -> String {
    precondition(d.isFinite, "JSON has no nan or inf")
    return d.description
  }

  /// `s` as a JSON string (RFC 8259 §7): `"` and `\` escaped, control characters U+0000–U+001F
  /// as their short escapes or `\u00XX`; everything else, including non-ASCII, as UTF-8.
  static func quoted(_ s: String) -> String {
    "\"" + escaped(s) + "\""
  }

  /// The inside of `quoted(s)`, without the surrounding quotes.
  static func escaped(_ s: String) -> String {
    let hex = Array("0123456789abcdef".unicodeScalars)
    var out = String.UnicodeScalarView()
    for c in s.unicodeScalars {
      switch c {
      case "\"": out.append(contentsOf: "\\\"".unicodeScalars)
      case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
      case "\n": out.append(contentsOf: "\\n".unicodeScalars)
      case "\r": out.append(contentsOf: "\\r".unicodeScalars)
      case "\t": out.append(contentsOf: "\\t".unicodeScalars)
      case "\u{08}": out.append(contentsOf: "\\b".unicodeScalars)
      case "\u{0C}": out.append(contentsOf: "\\f".unicodeScalars)
      case "\u{00}"..."\u{1F}":
        out.append(contentsOf: "\\u00".unicodeScalars)
        out.append(hex[Int(c.value >> 4)])
        out.append(hex[Int(c.value & 0xF)])
      default: out.append(c)
      }
    }
    return String(out)
  }

  /// `value` as compact JSON into `builder`: structure and keys as text, each string's opening
  /// and closing quotes as text and its inside written by `string` (which escapes text with
  /// `escaped` and inserts variables with the `.json` escape).
  static func write(
    _ value: JSONValueSpec, to builder: inout TemplateBuilder, string: (Located<String>, inout TemplateBuilder) -> Void
  ) {
    switch value {
    case .string(let s):
      builder.text("\"")
      string(s, &builder)
      builder.text("\"")
    case .integer, .float, .boolean:
      builder.text(render(value) { $0.value })
    case .array(let items):
      builder.text("[")
      for (i, item) in items.enumerated() {
        if i > 0 { builder.text(",") }
        write(item, to: &builder, string: string)
      }
      builder.text("]")
    case .object(let members):
      builder.text("{")
      for (i, member) in members.enumerated() {
        if i > 0 { builder.text(",") }
        builder.text(quoted(member.key) + ":")
        write(member.value, to: &builder, string: string)
      }
      builder.text("}")
    }
  }
}
