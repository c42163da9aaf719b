import LoadForgeConfig

/// `[thresholds]`: `"metric[{name:task}][.statistic]" = "<op> <value>"`, or the table form
/// `{ threshold = "<op> <value>", abort_on_fail = true, delay = "10s" }` (names as in k6).
extension SpecDecoder {
  static let thresholdKeys = ["threshold", "abort_on_fail", "delay"]
  static let thresholdExample = "e.g. \"http_req_duration.p95\" = \"< 300ms\""

  mutating func decodeThresholds(_ value: ConfigValue) -> [ThresholdSpec] {
    guard let table = value.tableValue else {
      typeMismatch(value, expected: "a table, \(Self.thresholdExample)", key: "thresholds")
      return []
    }
    return table.entries.compactMap { decodeThreshold($0) }
  }

  /// One entry; nil after reporting every problem of its key and value.
  private mutating func decodeThreshold(_ entry: ConfigTable.Entry) -> ThresholdSpec? {
    let key = thresholdKey(entry)
    var expression: ConfigValue?
    var abortOnFail = false
    var delay: Int64? = 0
    if entry.value.stringValue != nil {
      expression = entry.value
    } else if entry.value.tableValue != nil,
      let table = expectTable(entry.value, what: "threshold \"\(entry.key)\"", known: Self.thresholdKeys)
    {
      expression = table["threshold"]
      if expression == nil {
        problem(
          "missing required key \"threshold\" in threshold \"\(entry.key)\"", at: entry.value.location,
          length: entry.value.sourceLength,
          help: "add threshold = \"< 300ms\" (an operator and a value)")
      }
      if let a = table["abort_on_fail"] {
        if let b = a.boolValue {
          abortOnFail = b
        } else {
          typeMismatch(a, expected: "true or false", key: "abort_on_fail")
        }
      }
      if let d = table["delay"] { delay = duration(d, what: "delay") }
    } else {
      typeMismatch(
        entry.value, expected: "a string like \"< 300ms\" or a table { threshold = \"< 300ms\" }", key: entry.key)
    }
    guard let expression else { return nil }
    guard let text = expression.stringValue else {
      typeMismatch(expression, expected: "a string like \"< 300ms\"", key: "threshold")
      return nil
    }
    let condition = thresholdCondition(
      text, at: expression.location, length: expression.sourceLength, metric: key?.metric, key: entry.key)
    guard let key, let condition, let delay else { return nil }
    return ThresholdSpec(
      metric: key.metric, statistic: key.statistic, taskName: key.taskName, comparison: condition.op,
      value: condition.value, abortOnFail: abortOnFail, delayMicros: delay,
      source: "\(entry.key) \(text.trimmingWhitespace())", location: entry.keyLocation)
  }

  /// Splits `http_req_duration{name:login}.p95` into metric, filter and statistic.
  private mutating func thresholdKey(_ entry: ConfigTable.Entry)
    -> (metric: ThresholdMetric, statistic: ThresholdStatistic?, taskName: Located<String>?)?
  {
    let key = entry.key
    let at = entry.keyLocation
    let baseEnd = key.firstIndex { $0 == "{" || $0 == "." } ?? key.endIndex
    let base = String(key[..<baseEnd])
    guard let metric = ThresholdMetric(rawValue: base) else {
      let suggestion = KeySuggestion.closest(to: base, in: ThresholdMetric.names)
      problem(
        "unknown threshold metric \"\(base)\"", at: at, length: entry.keyLength,
        help: suggestion.map { "did you mean \"\($0)\"?" }
          ?? "known metrics: \(ThresholdMetric.names.joined(separator: ", "))")
      return nil
    }
    var rest = key[baseEnd...]
    var taskName: Located<String>?
    if rest.hasPrefix("{") {
      // The last "}" closes the filter, so a task name may itself contain "." or "}".
      let close = rest.lastIndex(of: "}")
      let inner = close.map { rest[rest.index(after: rest.startIndex)..<$0] }
      guard let close, let inner, inner.hasPrefix("name:"), !inner.dropFirst(5).isEmpty else {
        problem(
          "malformed filter in threshold \"\(key)\"", at: at, length: entry.keyLength,
          help: "write {name:<task name>}, e.g. \"\(base){name:login}.p95\"")
        return nil
      }
      guard metric == .httpReqDuration else {
        problem(
          "\(base) cannot be filtered by task", at: at, length: entry.keyLength,
          help: "only http_req_duration takes {name:<task name>}")
        return nil
      }
      // A ${…} in the name is placed from the key's start: past its opening quote (a key whose
      // written width exceeds its text by 2 is quoted; exact without escapes) and `base{name:`.
      let quote = entry.keyLength == key.unicodeScalars.count + 2 ? 1 : 0
      let nameStart = key.unicodeScalars.distance(
        from: key.unicodeScalars.startIndex, to: inner.dropFirst(5).startIndex)
      taskName = Located(
        String(inner.dropFirst(5)), at: at, length: entry.keyLength, contentOffset: quote + nameStart)
      rest = rest[rest.index(after: close)...]
    }
    guard metric == .httpReqDuration else {
      if !rest.isEmpty {
        problem(
          "\(base) has no statistic", at: at, length: entry.keyLength,
          help: "write \(base) = \"\(Self.exampleCondition(metric))\"")
        return nil
      }
      return (metric, nil, nil)
    }
    guard rest.hasPrefix("."), rest.count > 1 else {
      problem(
        "missing statistic in threshold \"\(key)\"", at: at, length: entry.keyLength,
        help: rest.isEmpty
          ? "add one of \(Self.statisticList), e.g. \"\(key).p95\""
          : "write the statistic after a dot: one of \(Self.statisticList)")
      return nil
    }
    let name = String(rest.dropFirst())
    guard let statistic = ThresholdStatistic(rawValue: name) else {
      // "median" is one edit from "mean", which is a different statistic.
      let suggestion =
        name.lowercased() == "median"
        ? "the median is .p50"
        : KeySuggestion.closest(to: name, in: ThresholdStatistic.names).map { "did you mean \"\($0)\"?" }
      problem(
        "unknown statistic \"\(name)\" in threshold \"\(key)\"", at: at, length: entry.keyLength,
        help: suggestion ?? "use one of \(Self.statisticList)")
      return nil
    }
    return (metric, statistic, taskName)
  }

  private static var statisticList: String { ThresholdStatistic.names.map { "." + $0 }.joined(separator: " ") }

  private static func exampleCondition(_ metric: ThresholdMetric) -> String {
    switch metric {
    case .httpReqDuration: "< 300ms"
    case .errorRate: "< 1%"
    case .checks: "> 99%"
    case .rps: "> 100"
    }
  }

  /// `"< 300ms"` → operator and the limit in the metric's unit (µs, fraction, requests/s).
  /// `metric` is nil when the key was bad: only the operator is checked then.
  private mutating func thresholdCondition(
    _ text: String, at location: SourceLocation, length: Int, metric: ThresholdMetric?, key: String
  ) -> (op: ThresholdOperator, value: Double)? {
    let trimmed = text.trimmingWhitespace()
    // Longest operator first, so "<=" is not read as "<" followed by "=…".
    let ops: [ThresholdOperator] = [.lessOrEqual, .greaterOrEqual, .less, .greater]
    guard let op = ops.first(where: { trimmed.hasPrefix($0.rawValue) }) else {
      problem(
        "threshold \"\(text)\" does not start with an operator", at: location, length: length,
        help: "start with one of <, <=, >, >=, e.g. \"\(Self.exampleCondition(metric ?? .httpReqDuration))\"")
      return nil
    }
    let operand = String(trimmed.dropFirst(op.rawValue.count)).trimmingWhitespace()
    if let first = operand.first, "<>=!".contains(first) {
      problem(
        "invalid operator in threshold \"\(text)\"", at: location, length: length,
        help: "use one of <, <=, >, >= followed by a value")
      return nil
    }
    guard let metric else { return nil }
    guard !operand.isEmpty else {
      problem(
        "threshold \"\(text)\" has no value", at: location, length: length,
        help: "write e.g. \"\(Self.exampleCondition(metric))\"")
      return nil
    }
    let isPercent = operand.hasSuffix("%")
    let number = Double(isPercent ? String(operand.dropLast()).trimmingWhitespace() : operand)
    switch metric {
    case .httpReqDuration:
      if isPercent || number != nil {
        problem(
          "\(key) takes a duration, not \"\(operand)\"", at: location, length: length,
          help: "use a number with a unit: 500ms, 1.5s (units: us, ms, s, m, h)")
        return nil
      }
      switch DurationParser.parse(operand) {
      case .success(let micros): return (op, Double(micros))
      case .failure(.tooLarge):
        problem("duration \"\(operand)\" is too large", at: location, length: length)
      case .failure(.malformed):
        problem(
          "invalid duration \"\(operand)\" in threshold \"\(key)\"", at: location, length: length,
          help: "use a number with a unit: 500ms, 1.5s (units: us, ms, s, m, h)")
      }
      return nil
    case .errorRate, .checks:
      guard isPercent, let number, number.isFinite else {
        problem(
          "\(key) takes a percentage, not \"\(operand)\"", at: location, length: length,
          help: "write e.g. \"\(Self.exampleCondition(metric))\"")
        return nil
      }
      guard number >= 0, number <= 100 else {
        problem("percentage must be between 0% and 100%, got \(operand)", at: location, length: length)
        return nil
      }
      return (op, number / 100)
    case .rps:
      guard !isPercent, let number, number.isFinite, number >= 0 else {
        problem(
          "rps takes a number of requests per second, not \"\(operand)\"", at: location, length: length,
          help: "write e.g. \"> 100\"")
        return nil
      }
      return (op, number)
    }
  }
}
