import LoadForgeConfig

extension SpecDecoder {
  static let expectKeys = ["status", "headers", "body_contains", "json"]

  /// `expect = { status = …, headers = {…}, body_contains = …, json = {…} }`: checks in written
  /// order (a `headers` or `json` table gives one check per entry).
  mutating func decodeExpect(_ value: ConfigValue) -> [CheckSpec] {
    guard let table = expectTable(value, what: "expect", known: Self.expectKeys) else { return [] }
    var checks: [CheckSpec] = []
    for entry in table.entries {
      switch entry.key {
      case "status":
        if let status = decodeStatus(entry.value) { checks.append(status) }
      case "headers":
        checks += decodeHeaderChecks(entry.value)
      case "body_contains":
        checks += decodeBodyContains(entry.value)
      case "json":
        checks += decodeJSONChecks(entry.value)
      default:
        continue  // reported by expectTable
      }
    }
    return checks
  }

  /// `200`, `"200"`, `"2xx"` or an array of them (RFC 9110 §15: codes 100–599, classes 1xx–5xx).
  mutating func decodeStatus(_ value: ConfigValue) -> CheckSpec? {
    let items: [ConfigValue]
    if let array = value.arrayValue {
      guard !array.isEmpty else {
        problem(
          "expect.status is empty", at: value.location, length: value.sourceLength,
          help: "write a code (200), a class (\"2xx\") or both")
        return nil
      }
      items = array
    } else {
      items = [value]
    }
    var ranges: [ClosedRange<Int>] = []
    var texts: [String] = []
    for item in items {
      guard let (range, text) = statusRange(item) else { continue }
      ranges.append(range)
      texts.append(text)
    }
    guard ranges.count == items.count else { return nil }
    return .status(ranges: ranges, text: texts.joined(separator: " or "))
  }

  private mutating func statusRange(_ item: ConfigValue) -> (ClosedRange<Int>, String)? {
    let help = "write a status code from 100 to 599 (200), a class from 1xx to 5xx (\"2xx\"), or an array of them"
    if let code = item.integerValue {
      guard (100...599).contains(code) else {
        problem(
          "status must be between 100 and 599, got \(code)", at: item.location, length: item.sourceLength, help: help)
        return nil
      }
      return (Int(code)...Int(code), String(code))
    }
    guard let text = item.stringValue else {
      problem(
        "status must be a code or a class like \"2xx\", found \(item.typeName)", at: item.location,
        length: item.sourceLength, help: help)
      return nil
    }
    let lower = text.lowercased()
    if let code = Int(lower), (100...599).contains(code), lower.count == 3 {
      return (code...code, lower)
    }
    let scalars = Array(lower.unicodeScalars)
    if scalars.count == 3, ("1"..."5").contains(scalars[0]), scalars[1] == "x", scalars[2] == "x",
      let digit = Int(String(scalars[0]))
    {
      return (digit * 100...digit * 100 + 99, lower)
    }
    problem("invalid status \"\(text)\"", at: item.location, length: item.sourceLength, help: help)
    return nil
  }

  /// `headers = { "content-type" = "application/json", "x-request-id" = true }`.
  mutating func decodeHeaderChecks(_ value: ConfigValue) -> [CheckSpec] {
    guard let table = value.tableValue else {
      typeMismatch(value, expected: "a table, e.g. { \"content-type\" = \"application/json\" }", key: "expect.headers")
      return []
    }
    var checks: [CheckSpec] = []
    for entry in table.entries {
      let name = Located(entry.key, at: entry.keyLocation, length: entry.keyLength)
      guard Self.isToken(entry.key) else {
        problem("invalid header name \"\(entry.key)\"", at: entry.keyLocation, length: entry.keyLength)
        continue
      }
      if let flag = entry.value.boolValue {
        if flag {
          checks.append(.header(name: name, expected: nil))
        } else {
          problem(
            "expect.headers.\(entry.key) = false is not a check", at: entry.value.location,
            length: entry.value.sourceLength,
            help: "true checks that the header is present, a string that it has that value; absence cannot be checked")
        }
      } else if let text = entry.value.stringValue {
        checks.append(.header(name: name, expected: Located(text, writtenAs: entry.value)))
      } else {
        typeMismatch(entry.value, expected: "a string or true", key: "expect.headers.\(entry.key)")
      }
    }
    return checks
  }

  /// `body_contains = "ok"` or `["ok", "items"]`: one check per string.
  mutating func decodeBodyContains(_ value: ConfigValue) -> [CheckSpec] {
    let items = value.arrayValue ?? [value]
    var checks: [CheckSpec] = []
    for item in items {
      guard let text = item.stringValue else {
        typeMismatch(item, expected: "a string or an array of strings", key: "expect.body_contains")
        continue
      }
      if text.isEmpty {
        problem(
          "expect.body_contains is an empty string", at: item.location, length: item.sourceLength,
          help: "every body contains \"\"; write the text to look for")
        continue
      }
      checks.append(.bodyContains(Located(text, writtenAs: item)))
    }
    return checks
  }

  /// `json = { "$.items[0].id" = 1 }`: JSONPath (parsed by the compiler) → expected value.
  mutating func decodeJSONChecks(_ value: ConfigValue) -> [CheckSpec] {
    guard let table = value.tableValue else {
      typeMismatch(value, expected: "a table of JSONPath = value, e.g. { \"$.ok\" = true }", key: "expect.json")
      return []
    }
    var checks: [CheckSpec] = []
    for entry in table.entries {
      if let expected = decodeJSON(entry.value, path: "expect.json.\"\(entry.key)\"") {
        checks.append(
          .json(path: Located(entry.key, at: entry.keyLocation, length: entry.keyLength), expected: expected))
      }
    }
    return checks
  }
}
