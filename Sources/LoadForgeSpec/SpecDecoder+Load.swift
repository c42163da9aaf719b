import LoadForgeConfig

extension SpecDecoder {
  /// `[load]`: the traffic pattern and its parameters.
  mutating func decodeLoad(_ value: ConfigValue) -> LoadSpec? {
    guard let table = expectTable(value, what: "[load]", known: Self.loadKeys) else { return nil }
    var kind: String? = "constant"
    if let p = table["pattern"] {
      if let s = p.stringValue, PatternSpec.kindNames.contains(s) {
        kind = s
      } else if let s = p.stringValue {
        let suggestion = KeySuggestion.closest(to: s, in: PatternSpec.kindNames)
        problem(
          "unknown pattern \"\(s)\"", at: p.location, length: s.count + 2,
          help: suggestion.map { "did you mean \"\($0)\"?" }
            ?? "known patterns: \(PatternSpec.kindNames.joined(separator: ", "))")
        kind = nil
      } else {
        typeMismatch(p, expected: "a string", key: "pattern")
        kind = nil
      }
    }
    let duration: Int64? =
      if let d = table["duration"] { positiveDuration(d, what: "duration") } else {
        missing("duration", in: value.location, what: "[load]")
      }
    guard let kind else {
      // Unknown pattern: still check the other values, so one run shows every problem.
      for key in ["users", "from", "to"] where table[key] != nil {
        _ = requiredCount(table, key, in: value.location, what: "[load]")
      }
      return nil
    }
    let allowed: [String] =
      kind == "constant" ? ["pattern", "users", "duration"] : ["pattern", "from", "to", "duration"]
    // Keys unknown to every pattern were reported above; here only those of another pattern.
    for entry in table.entries where Self.loadKeys.contains(entry.key) && !allowed.contains(entry.key) {
      problem(
        "key \"\(entry.key)\" does not apply to pattern \"\(kind)\"", at: entry.keyLocation, length: entry.key.count,
        help: "\(kind) takes: \(allowed.dropFirst().joined(separator: ", "))")
    }
    switch kind {
    case "constant":
      let users = requiredCount(table, "users", in: value.location, what: "[load]", minimum: 1)
      guard let users, let duration else { return nil }
      return LoadSpec(pattern: .constant(users: users, durationMicros: duration), location: value.location)
    default:
      let from = requiredCount(table, "from", in: value.location, what: "[load]")
      let to = requiredCount(table, "to", in: value.location, what: "[load]")
      if from == 0, to == 0 {
        problem(
          "a ramp from 0 to 0 users sends no requests", at: value.location,
          help: "set to = the number of users to reach")
        return nil
      }
      guard let from, let to, let duration else { return nil }
      return LoadSpec(pattern: .ramp(from: from, to: to, durationMicros: duration), location: value.location)
    }
  }
}
