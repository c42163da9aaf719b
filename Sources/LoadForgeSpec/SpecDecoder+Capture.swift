import LoadForgeConfig

extension SpecDecoder {
  static let captureKeys = ["json", "regex", "header", "group"]

  /// `capture = { token = { json = "$.token" }, id = { regex = "…", group = 1 }, etag = { header = "ETag" } }`.
  mutating func decodeCaptures(_ value: ConfigValue) -> [CaptureSpec] {
    guard let table = value.tableValue else {
      typeMismatch(value, expected: "a table, e.g. { token = { json = \"$.token\" } }", key: "capture")
      return []
    }
    var captures: [CaptureSpec] = []
    for entry in table.entries {
      let name = Located(entry.key, at: entry.keyLocation, length: entry.keyLength)
      guard Self.isVariableName(entry.key) else {
        problem(
          "invalid capture name \"\(entry.key)\"", at: entry.keyLocation, length: entry.keyLength,
          help: "names are letters, digits and _ and do not start with a digit (they are used as ${vu.NAME})")
        droppedCaptures.insert(entry.key)
        continue
      }
      if let capture = decodeCapture(entry.value, name: name) {
        captures.append(capture)
      } else {
        // Declared, if invalid: a ${vu.NAME} using it is not also "never captured".
        droppedCaptures.insert(entry.key)
      }
    }
    return captures
  }

  private mutating func decodeCapture(_ value: ConfigValue, name: Located<String>) -> CaptureSpec? {
    if let text = value.stringValue {
      // `token = "$.token"`: a JSONPath alone is short for { json = "$.token" } (the form
      // DESIGN.md sketches); any other string says what the table form takes.
      if text.hasPrefix("$") {
        return CaptureSpec(name: name, source: .json, expression: Located(text, writtenAs: value))
      }
      problem(
        "capture \"\(name.value)\" must be a JSONPath (\"$.token\") or a table", at: value.location,
        length: value.sourceLength,
        help: "say where the value comes from: { json = \"$.path\" }, { regex = \"…\" } or { header = \"Name\" }")
      return nil
    }
    guard let table = expectTable(value, what: "capture \"\(name.value)\"", known: Self.captureKeys) else {
      return nil
    }
    let sources = table.entries.filter { CaptureSpec.Source(rawValue: $0.key) != nil }
    guard let first = sources.first else {
      if suggestedKeys[value.location]?.isDisjoint(with: ["json", "regex", "header"]) ?? true {
        problem(
          "capture \"\(name.value)\" needs one of json, regex or header", at: value.location,
          length: value.sourceLength,
          help: "e.g. { json = \"$.token\" }")
      }
      return nil
    }
    for extra in sources.dropFirst() {
      problem(
        "\(extra.key) and \(first.key) cannot be used together", at: extra.keyLocation, length: extra.keyLength,
        help: "a capture reads one place of the response: keep one")
    }
    let source = CaptureSpec.Source(rawValue: first.key)!
    if source != .regex, let group = table.entry("group") {
      problem(
        "group applies to regex captures only", at: group.keyLocation, length: group.keyLength,
        help: "remove group, or capture with regex = \"…\"")
    }
    guard sources.count == 1, let expression = optionalString(table, first.key) else { return nil }
    if expression.value.isEmpty {
      problem("capture \"\(name.value)\" has an empty \(first.key)", at: expression.location, length: expression.length)
      return nil
    }
    switch source {
    case .json:
      return CaptureSpec(name: name, source: .json, expression: expression)
    case .header:
      guard Self.isToken(expression.value) else {
        problem(
          "invalid header name \"\(expression.value)\"", at: expression.location, length: expression.length)
        return nil
      }
      return CaptureSpec(name: name, source: .header, expression: expression)
    case .regex:
      guard let groups = regexGroupCount(expression) else { return nil }
      var group = groups > 0 ? 1 : 0
      if let g = table["group"] {
        guard let given = g.integerValue, given >= 0 else {
          typeMismatch(g, expected: "a non-negative integer", key: "group")
          return nil
        }
        guard given <= groups else {
          problem(
            "group \(given) does not exist: the regex has \(groups) capture "
              + (groups == 1 ? "group" : "groups"), at: g.location, length: g.sourceLength,
            help: "0 is the whole match, 1 the first ( … ) group")
          return nil
        }
        group = Int(given)
      }
      return CaptureSpec(name: name, source: .regex, expression: expression, group: group)
    }
  }

  /// The number of capture groups of the regex, or nil (after reporting) when it does not compile.
  private mutating func regexGroupCount(_ pattern: Located<String>) -> Int? {
    do {
      _ = try Regex(pattern.value)
      // An empty alternative always matches "", whose output then has one entry per group.
      let probe = try Regex("(?:\(pattern.value))|")
      return ("".firstMatch(of: probe)?.output.count ?? 1) - 1
    } catch {
      problem(
        "invalid regex: \(error)", at: pattern.location, length: pattern.length,
        help: "Swift Regex syntax (like PCRE); " + Self.regexQuoting(in: pattern.location.file))
      return nil
    }
  }

  /// How to write a regex with backslashes in the config's own format (by its file extension).
  static func regexQuoting(in file: String) -> String {
    switch ConfigFormat(path: file) {
    case .toml?: "in TOML write it in single quotes: '\"id\":(\\d+)'"
    case .yaml?: "in YAML write it in single quotes: '\"id\":(\\d+)'"
    case .json?: "in JSON double each backslash: \"\\\"id\\\":(\\\\d+)\""
    case nil: "e.g. \"id\":(\\d+)"
    }
  }

  /// `[A-Za-z_][A-Za-z0-9_]*`: names usable as `${vu.NAME}`.
  public static func isVariableName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy {
      $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
    }
  }
}
