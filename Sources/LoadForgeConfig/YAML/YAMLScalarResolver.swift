/// Resolves YAML scalars to `ConfigValue` kinds by the YAML 1.2.2 core schema (§10.3.2).
///
/// Only *plain* (unquoted) scalars are resolved; quoted and block scalars are strings.
/// - `true|True|TRUE|false|False|FALSE` → boolean.
/// - `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` → integer (Int64; larger is an error).
/// - `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf` (any of inf/Inf/INF),
///   `.nan|.NaN|.NAN` → float.
/// - `null|Null|NULL|~` and the empty scalar → null, which configs reject.
/// - Everything else is a string. In particular the YAML 1.1 booleans `yes`, `no`, `on`,
///   `off`, `y`, `n` are strings (so `country: NO` stays "NO", the "Norway problem"), and
///   `1_000`, `0b101`, `012` as octal, and sexagesimal `1:30` are not numbers (`012` is 12).
enum YAMLScalarResolver {
  enum Resolved: Equatable {
    case value(ConfigValue.Kind)
    case null
    /// Looks like a number of the given kind but does not fit; the text is the reason.
    case outOfRange(String)
  }

  static func resolvePlain(_ text: String) -> Resolved {
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .value(.boolean(true))
    case "false", "False", "FALSE": return .value(.boolean(false))
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .value(.float(.infinity))
    case "-.inf", "-.Inf", "-.INF": return .value(.float(-.infinity))
    case ".nan", ".NaN", ".NAN": return .value(.float(.nan))
    default: break
    }
    let b = Array(text.utf8)
    if let first = b.first, first == UInt8(ascii: "0"), b.count > 2 {
      if b[1] == UInt8(ascii: "x"), b.dropFirst(2).allSatisfy(isHexDigit) {
        return integer(text, digits: String(text.dropFirst(2)), radix: 16)
      }
      if b[1] == UInt8(ascii: "o"), b.dropFirst(2).allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) {
        return integer(text, digits: String(text.dropFirst(2)), radix: 8)
      }
    }
    let unsigned = b.first == UInt8(ascii: "-") || b.first == UInt8(ascii: "+") ? b.dropFirst() : b[...]
    if !unsigned.isEmpty, unsigned.allSatisfy(isDigit) {
      // Int64("+5") is accepted by Swift, and leading zeros are plain decimal in the core schema.
      return integer(text, digits: text, radix: 10)
    }
    if isCoreFloat(unsigned) {
      guard let d = Double(text) else { return .value(.string(text)) }
      if !d.isFinite { return .outOfRange("float \(text) is too large for a 64-bit float") }
      return .value(.float(d))
    }
    return .value(.string(text))
  }

  private static func integer(_ text: String, digits: String, radix: Int) -> Resolved {
    if let i = Int64(digits, radix: radix) { return .value(.integer(i)) }
    return .outOfRange("integer \(text) does not fit in 64 bits")
  }

  /// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` without the sign.
  private static func isCoreFloat(_ b: ArraySlice<UInt8>) -> Bool {
    var i = b.startIndex
    var intDigits = 0
    while i < b.endIndex, isDigit(b[i]) { i += 1; intDigits += 1 }
    var fracDigits = 0
    var hasDot = false
    if i < b.endIndex, b[i] == UInt8(ascii: ".") {
      hasDot = true
      i += 1
      while i < b.endIndex, isDigit(b[i]) { i += 1; fracDigits += 1 }
    }
    if intDigits == 0 && fracDigits == 0 { return false }
    var hasExponent = false
    if i < b.endIndex, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      i += 1
      if i < b.endIndex, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
      var expDigits = 0
      while i < b.endIndex, isDigit(b[i]) { i += 1; expDigits += 1 }
      if expDigits == 0 { return false }
      hasExponent = true
    }
    // Plain digits alone are an integer, handled before.
    return i == b.endIndex && (hasDot || hasExponent)
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
  private static func isHexDigit(_ c: UInt8) -> Bool {
    isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
  }
}
