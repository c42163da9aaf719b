import LoadForgeConfig

/// Compares a parsed tree with toml-test's tagged JSON (`{"type": …, "value": …}` leaves).
enum TaggedComparison {
  /// nil if equal, else a description of the first difference.
  static func difference(_ value: ConfigValue, _ expected: Any, path: String) -> String? {
    let here = path.isEmpty ? "<root>" : path
    if let leaf = expected as? [String: Any], leaf.count == 2, let type = leaf["type"] as? String,
      let text = leaf["value"] as? String
    {
      return scalarDifference(value, type: type, text: text, path: here)
    }
    if let object = expected as? [String: Any] {
      guard let table = value.tableValue else {
        return "\(here): expected a table, got \(value.typeName)"
      }
      guard Set(table.keys) == Set(object.keys) else {
        return "\(here): keys \(table.keys.sorted()) != expected \(object.keys.sorted())"
      }
      for key in table.keys {
        if let diff = difference(
          table[key]!, object[key]!, path: path.isEmpty ? key : "\(path).\(key)")
        {
          return diff
        }
      }
      return nil
    }
    if let array = expected as? [Any] {
      guard let items = value.arrayValue else {
        return "\(here): expected an array, got \(value.typeName)"
      }
      guard items.count == array.count else {
        return "\(here): \(items.count) elements, expected \(array.count)"
      }
      for (i, (item, want)) in zip(items, array).enumerated() {
        if let diff = difference(item, want, path: "\(here)[\(i)]") { return diff }
      }
      return nil
    }
    return "\(here): unexpected JSON \(expected)"
  }

  private static func scalarDifference(
    _ value: ConfigValue, type: String, text: String, path: String
  ) -> String? {
    let ok: Bool
    switch (type, value.kind) {
    case ("string", .string(let s)): ok = s == text
    case ("integer", .integer(let i)): ok = Int64(text) == i
    case ("float", .float(let d)):
      let want = Double(text) ?? .nan
      ok = (want.isNaN && d.isNaN) || want == d
    case ("bool", .boolean(let b)): ok = (text == "true") == b
    case (_, .dateTime(let dt)):
      ok = dt.kind.rawValue == type && normalisedDateTime(dt.text) == normalisedDateTime(text)
    default: ok = false
    }
    return ok ? nil : "\(path): got \(value.kind), expected \(type) \(text)"
  }

  /// Upper-case `T`/`Z`, `T` as the separator, no trailing zeros in the fraction, `±00:00` as `Z`.
  static func normalisedDateTime(_ text: String) -> String {
    var chars = Array(text.uppercased())
    if chars.count > 10, chars[10] == " " { chars[10] = "T" }
    var s = String(chars)
    if let dot = s.firstIndex(of: ".") {
      let digitsEnd = s[s.index(after: dot)...].firstIndex { !$0.isNumber } ?? s.endIndex
      var fraction = String(s[s.index(after: dot)..<digitsEnd])
      while fraction.hasSuffix("0") { fraction.removeLast() }
      s = String(s[..<dot]) + (fraction.isEmpty ? "" : "." + fraction) + String(s[digitsEnd...])
    }
    if s.hasSuffix("+00:00") || s.hasSuffix("-00:00") { s = String(s.dropLast(6)) + "Z" }
    return s
  }
}
