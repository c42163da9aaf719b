import LoadForgeConfig

/// Decodes and validates a config tree into a `LoadTestSpec`.
///
/// One pass collects every problem (unknown keys with "did you mean", wrong types, missing
/// required keys, out-of-range values) and never stops at the first. The input is not modified.
///
/// Durations and counts may be written `"${VAR}"` / `"${VAR:-default}"`: they are resolved here,
/// from `environment`, because the plan and its checks (peak ≥ base, spike phases fit the
/// duration) need the numbers. Strings elsewhere keep their `${VAR}` for the plan compiler.
public struct SpecDecoder {
  public static let httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

  static let rootKeys = ["name", "base_url", "defaults", "load", "scenarios", "thresholds", "data", "tls"]
  static let defaultsKeys = [
    "headers", "timeout", "think_time", "connect_timeout", "follow_redirects", "max_header_bytes", "max_body_bytes",
  ]
  static let tlsKeys = ["ca_file", "insecure"]
  static let loadKeys = PatternSpec.configKeys
  static let scenarioKeys = ["name", "weight", "think_time", "setup", "tasks", "flow", "teardown"]
  static let thinkTimeKeys = ["min", "max", "mean"]
  static let taskKeys = [
    "name", "weight", "method", "path", "url", "query", "headers", "body", "json", "form", "timeout", "think_time",
    "expect", "capture",
  ]

  /// Headers LoadForge frames itself (RFC 9112 §6): a user value would desynchronise the body.
  static let managedHeaders = [
    "content-length": "LoadForge sets Content-Length from the body",
    "transfer-encoding": "LoadForge sends bodies with Content-Length; chunked requests are not supported",
  ]

  var diagnostics: [Diagnostic] = []
  /// Keys that an unknown key of the table at this location was suggested for ("did you mean"):
  /// a missing required key among them is not reported again (the typo is the one problem).
  var suggestedKeys: [SourceLocation: Set<String>] = [:]
  /// What was left out for errors so far, for `LoadTestSpec.dropped`.
  var dropped = DroppedDeclarations()
  /// Names of the captures of the scenario being decoded that were left out for errors.
  var droppedCaptures: Set<String> = []
  /// Variables for `${VAR}` in durations and counts; nil when the caller has none, and then such a
  /// value is a problem asking for the variable.
  let environment: [String: String]?
  /// The config's format, from its file name (TOML when it has no known extension): section
  /// names in messages are written as that format writes them.
  let format: ConfigFormat

  init(environment: [String: String]?, format: ConfigFormat = .toml) {
    self.environment = environment
    self.format = format
  }

  /// A table section as the config's format writes it: `[load]` in TOML, `load` in YAML and JSON.
  func section(_ name: String) -> String {
    format == .toml ? "[\(name)]" : name
  }

  /// An array of tables as the config's format writes it: `[[data]]` in TOML, `data` in YAML and
  /// JSON.
  func tableArray(_ name: String) -> String {
    format == .toml ? "[[\(name)]]" : name
  }

  /// - Parameters:
  ///   - root: the parsed config file.
  ///   - environment: variables for `${VAR}` in durations (`duration = "${DURATION:-30s}"`) and
  ///     integer counts (`users = "${USERS:-10}"`); nil reports every such value as needing one.
  /// - Throws: `DiagnosticList` with every problem found, in source order.
  public static func decode(_ root: ConfigValue, environment: [String: String]? = nil) throws(DiagnosticList)
    -> LoadTestSpec
  {
    let (spec, diagnostics) = decodeAll(root, environment: environment)
    if let spec, diagnostics.isEmpty { return spec }
    throw DiagnosticList(diagnostics)
  }

  /// Every problem, and a best-effort spec even when there are some, so that the plan compiler
  /// can check the rest in the same pass (one `validate` run shows every problem).
  ///
  /// Invalid values are left out or replaced by their defaults (an invalid `weight` by 1, an
  /// invalid `order` by `sequential`); a request without a valid target, a capture or `[[data]]`
  /// entry that cannot be read is left out, and `LoadTestSpec.dropped` names what it declared.
  /// A missing `base_url` or `[load]` becomes a placeholder marked there. Never run such a spec.
  /// - Returns: the spec (nil only when the root is not a table) and the problems, in source order.
  public static func decodeAll(_ root: ConfigValue, environment: [String: String]? = nil) -> (
    spec: LoadTestSpec?, diagnostics: [Diagnostic]
  ) {
    var decoder = SpecDecoder(
      environment: environment, format: ConfigFormat(path: root.location.file) ?? .toml)
    let spec = decoder.decodeRoot(root)
    return (spec, DiagnosticList(decoder.diagnostics).sortedByPosition().diagnostics)
  }

  // MARK: - Sections

  mutating func decodeRoot(_ root: ConfigValue) -> LoadTestSpec? {
    guard let table = expectTable(root, what: "the config file", known: Self.rootKeys) else { return nil }
    let name = optionalString(table, "name")
    let baseURL = requiredString(table, "base_url", in: root.location, what: "the config file")
    let defaults = table["defaults"].flatMap { decodeDefaults($0) } ?? DefaultsSpec()
    var load: LoadSpec?
    if let value = table["load"] {
      load = decodeLoad(value)
    } else {
      problem(
        "missing \(section("load")) section", at: root.location,
        help: "add e.g. [load] pattern = \"constant\", users = 10, duration = \"30s\"")
    }
    var scenarios: [ScenarioSpec] = []
    if let value = table["scenarios"] {
      scenarios = decodeScenarios(value)
    } else {
      dropped.taskNamesIncomplete = true
      problem(
        "missing \(tableArray("scenarios"))", at: root.location,
        help: "add at least one [[scenarios]] with [[scenarios.tasks]]")
    }
    let thresholds = table["thresholds"].map { decodeThresholds($0) } ?? []
    let data = table["data"].map { decodeDataFeeders($0) } ?? []
    if baseURL == nil { dropped.baseURL = true }
    if load == nil { dropped.load = true }
    var spec = LoadTestSpec(
      name: name, baseURL: baseURL ?? Located("http://invalid", at: root.location), defaults: defaults,
      load: load ?? LoadSpec(pattern: .constant(users: 1, durationMicros: 1_000_000), location: root.location),
      scenarios: scenarios, thresholds: thresholds, dataFeeders: data)
    if let tls = table["tls"] { spec.tls = decodeTLS(tls) }
    spec.dropped = dropped
    return spec
  }

  mutating func decodeDefaults(_ value: ConfigValue) -> DefaultsSpec? {
    guard let table = expectTable(value, what: section("defaults"), known: Self.defaultsKeys) else { return nil }
    var defaults = DefaultsSpec()
    if let h = table["headers"] { defaults.headers = decodeHeaders(h) }
    if let t = table["timeout"], let micros = positiveDuration(t, what: "timeout") { defaults.timeoutMicros = micros }
    if let t = table["think_time"], let think = decodeThinkTime(t) { defaults.thinkTime = think }
    if let t = table["connect_timeout"], let micros = positiveDuration(t, what: "connect_timeout") {
      defaults.connectTimeoutMicros = micros
    }
    if let v = table["follow_redirects"], let n = count(v, key: "follow_redirects", range: 0...20) {
      defaults.followRedirects = n
    }
    // Below 1 KiB not even a plain response head fits; past 16 MiB a head is an attack, not a page.
    if let v = table["max_header_bytes"], let n = count(v, key: "max_header_bytes", range: 1024...16_777_216) {
      defaults.maxHeaderBytes = n
    }
    if let v = table["max_body_bytes"], let n = count(v, key: "max_body_bytes", range: 0...1_073_741_824) {
      defaults.maxBodyBytes = n
    }
    return defaults
  }

  /// `[tls]`: `ca_file` (a string) and `insecure` (a boolean).
  mutating func decodeTLS(_ value: ConfigValue) -> TLSSpec {
    guard let table = expectTable(value, what: section("tls"), known: Self.tlsKeys) else { return TLSSpec() }
    var tls = TLSSpec()
    if let file = optionalString(table, "ca_file") {
      if file.value.isEmpty {
        problem(
          "ca_file is empty", at: file.location, length: file.length, help: "name a PEM file, or leave ca_file out")
      } else {
        tls.caFile = file
      }
    }
    if let v = table["insecure"] {
      if let flag = v.boolValue {
        tls.insecure = Located(flag, writtenAs: v)
      } else {
        typeMismatch(v, expected: "a boolean (true or false)", key: "insecure")
      }
    }
    return tls
  }

  mutating func decodeScenarios(_ value: ConfigValue) -> [ScenarioSpec] {
    guard let array = value.arrayValue else {
      typeMismatch(value, expected: "an array of tables ([[scenarios]])", key: "scenarios")
      dropped.taskNamesIncomplete = true
      return []
    }
    if array.isEmpty {
      problem(
        "scenarios is empty", at: value.location, length: value.sourceLength, help: "add at least one [[scenarios]]")
    }
    var scenarios: [ScenarioSpec] = []
    for (i, item) in array.enumerated() {
      guard let table = expectTable(item, what: "scenario #\(i + 1)", known: Self.scenarioKeys) else {
        dropped.taskNamesIncomplete = true
        continue
      }
      droppedCaptures = []
      let name = nameString(table)
      let weight = optionalWeight(table)
      let think = table["think_time"].flatMap { decodeThinkTime($0) }
      let label = name?.value ?? "scenario \(i + 1)"
      let setup = table["setup"].map { decodeTasks($0, scenario: label, list: .setup) } ?? []
      var tasks: [TaskSpec] = []
      let lists = table.entries.filter { $0.key == "tasks" || $0.key == "flow" }
      for extra in lists.dropFirst() {
        problem(
          "\(extra.key) and \(lists[0].key) cannot be used together", at: extra.keyLocation, length: extra.keyLength,
          help: "tasks are picked by weight, one per iteration; a flow runs all its requests in order: keep one")
        // Its own problems are reported too (one pass shows them all); then it is left out.
        let left = decodeTasks(extra.value, scenario: label, list: extra.key == "flow" ? .flow : .tasks)
        drop(left)
      }
      if let first = lists.first {
        tasks = decodeTasks(first.value, scenario: label, list: first.key == "flow" ? .flow : .tasks)
      } else {
        problem(
          "scenario \"\(name?.value ?? "#\(i + 1)")\" has no tasks", at: item.location, length: item.sourceLength,
          help: "add [[scenarios.tasks]] (picked by weight) or [[scenarios.flow]] (run in order) with at least a path")
      }
      let teardown = table["teardown"].map { decodeTasks($0, scenario: label, list: .teardown) } ?? []
      // An invalid weight was reported; 1 stands in so the rest of the scenario is still checked.
      var scenario = ScenarioSpec(
        name: name, weight: weight ?? 1, thinkTime: think, tasks: tasks, location: item.location,
        isFlow: lists.first?.key == "flow", setup: setup, teardown: teardown)
      scenario.droppedCaptures = droppedCaptures
      scenarios.append(scenario)
    }
    if !scenarios.isEmpty, scenarios.allSatisfy({ $0.weight == 0 }) {
      problem(
        "every scenario has weight 0", at: value.location, length: value.sourceLength,
        help: "give at least one scenario a weight > 0")
    }
    return scenarios
  }

  mutating func decodeTasks(_ value: ConfigValue, scenario: String, list: RequestList) -> [TaskSpec] {
    guard let array = value.arrayValue else {
      typeMismatch(value, expected: "an array of tables ([[scenarios.\(list.rawValue)]])", key: list.rawValue)
      dropped.taskNamesIncomplete = true
      return []
    }
    if array.isEmpty {
      switch list {
      case .tasks, .flow:
        problem("scenario \"\(scenario)\" has no tasks", at: value.location, length: value.sourceLength)
      case .setup, .teardown:
        problem(
          "\(list.rawValue) of \"\(scenario)\" is empty", at: value.location, length: value.sourceLength,
          help: "add a request to it, or leave \(list.rawValue) out")
      }
    }
    var tasks: [TaskSpec] = []
    for (i, item) in array.enumerated() {
      let what = "\(list.noun) #\(i + 1) of \"\(scenario)\""
      guard let table = expectTable(item, what: what, known: Self.taskKeys) else {
        dropped.taskNamesIncomplete = true
        continue
      }
      if list != .tasks, let w = table.entry("weight") {
        problem(
          "weight has no meaning in \(list.rawValue)", at: w.keyLocation, length: w.keyLength,
          help: list == .flow
            ? "a flow runs every request in order; for requests picked by weight use [[scenarios.tasks]]"
            : "\(list.rawValue) requests run once each, in order: remove weight")
      }
      var method = "GET"
      if let m = table["method"] {
        if let s = m.stringValue {
          let upper = s.uppercased()
          if Self.httpMethods.contains(upper) {
            method = upper
          } else {
            problem(
              "unknown HTTP method \"\(s)\"", at: m.location, length: m.sourceLength,
              help: "use one of \(Self.httpMethods.joined(separator: ", "))")
          }
        } else {
          typeMismatch(m, expected: "a string", key: "method")
        }
      }
      let target = decodeTarget(table, in: item.location, what: what)
      let name = nameString(table)
      let weight = list == .tasks ? optionalWeight(table) : 1
      let query = table["query"].map { decodeParameters($0, key: "query") } ?? []
      let headers = table["headers"].map { decodeHeaders($0) } ?? []
      let body = decodeBody(table)
      let timeout = table["timeout"].flatMap { positiveDuration($0, what: "timeout") }
      let think = table["think_time"].flatMap { decodeThinkTime($0) }
      let checks = table["expect"].map { decodeExpect($0) } ?? []
      let captures = table["capture"].map { decodeCaptures($0) } ?? []
      // An invalid weight was reported; 1 stands in so the request is still compiled and checked.
      let task = target.map {
        TaskSpec(
          name: name, weight: weight ?? 1, method: method, target: $0, headers: headers, body: body,
          timeoutMicros: timeout, thinkTime: think, location: item.location, query: query, checks: checks,
          captures: captures)
      }
      if let task {
        tasks.append(task)
      } else {
        // Without a target it cannot be compiled: remember what it declared.
        droppedCaptures.formUnion(captures.map(\.name.value))
        if let name { dropped.taskNames.insert(name.value) } else { dropped.taskNamesIncomplete = true }
      }
    }
    if list == .tasks, !tasks.isEmpty, tasks.allSatisfy({ $0.weight == 0 }) {
      problem(
        "every task of \"\(scenario)\" has weight 0", at: value.location, length: value.sourceLength,
        help: "give at least one task a weight > 0")
    }
    return tasks
  }

  /// Records the names that `tasks`, left out after decoding, declared.
  mutating func drop(_ tasks: [TaskSpec]) {
    for task in tasks {
      droppedCaptures.formUnion(task.captures.map(\.name.value))
      if let name = task.name { dropped.taskNames.insert(name.value) } else { dropped.taskNamesIncomplete = true }
    }
  }

  // MARK: - Values

  mutating func decodeHeaders(_ value: ConfigValue) -> [HeaderSpec] {
    guard let table = value.tableValue else {
      typeMismatch(value, expected: "a table of strings, e.g. { Accept = \"application/json\" }", key: "headers")
      return []
    }
    var headers: [HeaderSpec] = []
    for entry in table.entries {
      if entry.key.contains("${vu.") {
        problem(
          "VU variables are per request; a header name cannot use one", at: entry.keyLocation,
          length: entry.keyLength, help: "use ${vu.NAME} in the header's value")
        continue
      }
      if !Self.isToken(entry.key) {
        problem("invalid header name \"\(entry.key)\"", at: entry.keyLocation, length: entry.keyLength)
        continue
      }
      if let reason = Self.managedHeaders[entry.key.lowercased()] {
        problem("header \"\(entry.key)\" cannot be set", at: entry.keyLocation, length: entry.keyLength, help: reason)
        continue
      }
      guard let s = entry.value.stringValue else {
        typeMismatch(entry.value, expected: "a string", key: entry.key)
        continue
      }
      if !Self.isFieldValue(s) {
        problem(
          "header \"\(entry.key)\" contains a line break or control character", at: entry.value.location,
          length: entry.value.sourceLength,
          help: "header values are visible characters, spaces and tabs (RFC 9110 §5.5)")
        continue
      }
      if headers.contains(where: { $0.name.lowercased() == entry.key.lowercased() }) {
        problem(
          "header \"\(entry.key)\" is given twice (names are case-insensitive)", at: entry.keyLocation,
          length: entry.keyLength, help: "keep one of them")
        continue
      }
      headers.append(HeaderSpec(name: entry.key, value: Located(s, writtenAs: entry.value)))
    }
    return headers
  }

  /// `path` (relative to base_url) or `url` (absolute, same origin; checked after interpolation).
  mutating func decodeTarget(_ table: ConfigTable, in location: SourceLocation, what: String) -> TargetSpec? {
    let given = table.entries.filter { $0.key == "path" || $0.key == "url" }
    guard let first = given.first else {
      // A misspelt `path` or `url` was reported with its suggestion already.
      if !(suggestedKeys[location]?.isDisjoint(with: ["path", "url"]) ?? true) { return nil }
      problem(
        "missing required key \"path\" or \"url\" in \(what)", at: location,
        help: "path is relative to base_url (\"/items\"); url is absolute on the same origin")
      return nil
    }
    for extra in given.dropFirst() {
      problem(
        "\(extra.key) and \(first.key) cannot be used together", at: extra.keyLocation, length: extra.keyLength,
        help: "path is relative to base_url, url is absolute: keep one")
    }
    guard given.count == 1, let text = optionalString(table, first.key) else { return nil }
    if first.key == "url" {
      let lower = text.value.lowercased()
      if !lower.hasPrefix("http://"), !lower.hasPrefix("https://"), !text.value.hasPrefix("${") {
        problem(
          "url must be an absolute http:// URL", at: text.location, length: text.length,
          help: text.value.hasPrefix("/") ? "for a path relative to base_url write path = \"\(text.value)\"" : nil)
        return nil
      }
      return .url(text)
    }
    if !text.value.hasPrefix("/"), !text.value.hasPrefix("${") {
      problem(
        "path must start with \"/\"", at: text.location, length: text.length,
        help: "write \"/\(text.value)\"; the host comes from base_url")
    }
    return .path(text)
  }

  /// `body`, `json` or `form`; a second one is reported at its key (the first written wins).
  mutating func decodeBody(_ table: ConfigTable) -> BodySpec? {
    let given = table.entries.filter { ["body", "json", "form"].contains($0.key) }
    for extra in given.dropFirst() {
      problem(
        "\(extra.key) and \(given[0].key) cannot be used together", at: extra.keyLocation, length: extra.keyLength,
        help: "body, json and form each set the request body: keep one")
    }
    guard let first = given.first, given.count == 1 else { return nil }
    switch first.key {
    case "body":
      return optionalString(table, "body").map { .text($0) }
    case "json":
      guard first.value.tableValue != nil || first.value.arrayValue != nil else {
        problem(
          "json must be a table or an array, found \(first.value.typeName)", at: first.value.location,
          length: first.value.sourceLength,
          help: "for a body that is not an object or array, write body = \"…\"")
        return nil
      }
      return decodeJSON(first.value, path: "json").map { .json($0) }
    default:
      let before = diagnostics.count
      let form = decodeParameters(first.value, key: "form")
      return diagnostics.count == before ? .form(form) : nil
    }
  }

  /// Any nesting of strings, numbers, booleans, arrays and tables; nil (after reporting) when
  /// some part cannot be JSON. `path` names the value in messages (`json.items[2]`).
  mutating func decodeJSON(_ value: ConfigValue, path: String) -> JSONValueSpec? {
    switch value.kind {
    case .string(let s): return .string(Located(s, writtenAs: value))
    case .integer(let i): return .integer(i)
    case .boolean(let b): return .boolean(b)
    case .float(let d):
      guard d.isFinite else {
        problem(
          "\(path) is \(d.isNaN ? "nan" : "inf"), which JSON cannot represent", at: value.location,
          length: value.sourceLength,
          help: "RFC 8259 §6 numbers are finite; write a string if the server expects one")
        return nil
      }
      return .float(d)
    case .dateTime(let dt):
      problem(
        "\(path) is a datetime, which JSON cannot represent", at: value.location, length: value.sourceLength,
        help: "write it as a string: \"\(dt.text)\"")
      return nil
    case .array(let items):
      var out: [JSONValueSpec] = []
      var ok = true
      for (i, item) in items.enumerated() {
        if let v = decodeJSON(item, path: "\(path)[\(i)]") { out.append(v) } else { ok = false }
      }
      return ok ? .array(out) : nil
    case .table(let table):
      var out: [JSONMemberSpec] = []
      var ok = true
      for entry in table.entries {
        if let v = decodeJSON(entry.value, path: "\(path).\(entry.key)") {
          out.append(JSONMemberSpec(key: entry.key, value: v))
        } else {
          ok = false
        }
      }
      return ok ? .object(out) : nil
    }
  }

  /// A table of strings (`query`, `form`): names as written, values kept for interpolation.
  mutating func decodeParameters(_ value: ConfigValue, key: String) -> [ParameterSpec] {
    guard let table = value.tableValue else {
      typeMismatch(value, expected: "a table of strings, e.g. { page = \"1\" }", key: key)
      return []
    }
    var parameters: [ParameterSpec] = []
    for entry in table.entries {
      guard let s = entry.value.stringValue else {
        problem(
          "\(key).\(entry.key) must be a string, found \(entry.value.typeName)", at: entry.value.location,
          length: entry.value.sourceLength,
          help: entry.value.numberValue != nil || entry.value.boolValue != nil
            ? "quote it: \(entry.key) = \"\(Self.plainText(entry.value))\"" : nil)
        continue
      }
      parameters.append(ParameterSpec(name: entry.key, value: Located(s, writtenAs: entry.value)))
    }
    return parameters
  }

  /// A number or boolean as the user would quote it.
  static func plainText(_ value: ConfigValue) -> String {
    switch value.kind {
    case .integer(let i): String(i)
    case .float(let d): String(d)
    case .boolean(let b): String(b)
    default: ""
    }
  }

  mutating func decodeThinkTime(_ value: ConfigValue) -> ThinkTimeSpec? {
    if value.stringValue != nil || value.numberValue != nil {
      guard let micros = duration(value, what: "think_time") else { return nil }
      return micros == 0 ? ThinkTimeSpec.none : .constant(micros: micros)
    }
    guard let table = expectTable(value, what: "think_time", known: Self.thinkTimeKeys) else { return nil }
    if let mean = table.entry("mean") {
      let others = table.entries.filter { $0.key == "min" || $0.key == "max" }
      for other in others {
        problem(
          "think_time cannot have both mean and \(other.key)", at: other.keyLocation, length: other.keyLength,
          help: "mean alone is exponential, min and max are uniform: keep one")
      }
      guard others.isEmpty, let micros = positiveDuration(mean.value, what: "think_time.mean") else { return nil }
      return .exponential(meanMicros: micros)
    }
    // An invalid min or max was reported at its value; only an absent one is "missing".
    let lo: Int64? =
      if let v = table["min"] { duration(v, what: "think_time.min") } else {
        missing("min", in: value.location, what: "think_time")
      }
    let hi: Int64? =
      if let v = table["max"] { duration(v, what: "think_time.max") } else {
        missing("max", in: value.location, what: "think_time")
      }
    guard let lo, let hi else { return nil }
    if lo > hi {
      problem(
        "think_time min is greater than max", at: value.location, length: value.sourceLength, help: "swap min and max")
      return nil
    }
    return .uniform(minMicros: lo, maxMicros: hi)
  }

  /// A duration ≥ 0, µs: a string like `"30s"`, or one with `${VAR}` that resolves to one.
  mutating func duration(_ value: ConfigValue, what: String) -> Int64? {
    guard let text = durationText(value, what: what) else { return nil }
    return parseDuration(text, of: value, what: what)
  }

  /// `value`'s duration text with `${VAR}` resolved; nil after reporting a value that is not a
  /// string (a bare number needs a unit) or cannot be resolved.
  mutating func durationText(_ value: ConfigValue, what: String) -> String? {
    guard let s = value.stringValue else {
      if let n = value.numberValue, n <= 0 {
        problem(
          "\(what) must be greater than 0", at: value.location, length: value.sourceLength,
          help: "write a duration with a unit, e.g. \"30s\"")
      } else if let n = value.numberValue {
        problem(
          "\(what) needs a unit", at: value.location, length: value.sourceLength,
          help: "write \"\(n.formatted)s\" or \"\(n.formatted)ms\" (units: ms, s, m, h)")
      } else {
        typeMismatch(value, expected: "a duration string like \"30s\"", key: what)
      }
      return nil
    }
    return resolvedString(value, s, what: what, noun: "duration")
  }

  /// `text` (`value`'s string, resolved) as µs; problems name the value as written when it was
  /// resolved: `invalid duration "30" (from ${DURATION})`.
  mutating func parseDuration(_ text: String, of value: ConfigValue, what: String) -> Int64? {
    let (origin, length) = (Self.origin(of: value), value.sourceLength)
    switch DurationParser.parse(text) {
    case .success(let micros):
      return micros
    case .failure(.tooLarge):
      problem(
        "duration \"\(text)\" is too large\(origin)", at: value.location, length: length,
        help: "the limit is about 285 years")
      return nil
    case .failure(.malformed):
      if text.hasPrefix("-") {
        problem("\(what) must be greater than 0\(origin)", at: value.location, length: length)
      } else {
        problem(
          "invalid duration \"\(text)\"\(origin)", at: value.location, length: length,
          help: "use a number with a unit: 500ms, 30s, 5m, 1h")
      }
      return nil
    }
  }

  mutating func positiveDuration(_ value: ConfigValue, what: String) -> Int64? {
    guard let micros = duration(value, what: what) else { return nil }
    guard micros > 0 else {
      problem("\(what) must be greater than 0\(Self.origin(of: value))", at: value.location, length: value.sourceLength)
      return nil
    }
    return micros
  }

  /// `weight` of a scenario or task, 0…1 000 000; 1 when absent.
  mutating func optionalWeight(_ table: ConfigTable) -> Int? {
    guard let w = table["weight"] else { return 1 }
    return count(w, key: "weight", range: 0...1_000_000)
  }

  /// A VU count or step count, `minimum`…10 000 000.
  mutating func requiredCount(
    _ table: ConfigTable, _ key: String, in location: SourceLocation, what: String, minimum: Int64 = 0
  ) -> Int? {
    guard let v = table[key] else { return missing(key, in: location, what: what) }
    return count(v, key: key, range: minimum...10_000_000)
  }

  /// An integer in `range`: written as one, or a string with `${VAR}` that resolves to one
  /// (`users = "${USERS:-10}"`); nil after reporting.
  mutating func count(_ value: ConfigValue, key: String, range: ClosedRange<Int64>) -> Int? {
    let expected = range.lowerBound > 0 ? "a positive integer" : "a non-negative integer"
    var number = value.integerValue
    if number == nil, let written = value.stringValue, written.contains("${") {
      guard let text = resolvedString(value, written, what: key, noun: "count") else { return nil }
      guard let n = Int64(text.trimmingWhitespace()) else {
        problem(
          "\(key) must be \(expected), got \"\(text)\"\(Self.origin(of: value))", at: value.location,
          length: value.sourceLength)
        return nil
      }
      number = n
    }
    guard let number else {
      if let written = value.stringValue, let n = Int64(written.trimmingWhitespace()) {
        // YAML and JSON users quote numbers by habit; the fix is mechanical, so say it.
        problem(
          "\(key) must be \(expected), found string", at: value.location, length: value.sourceLength,
          help: "write it without quotes: \(n)")
      } else {
        typeMismatch(value, expected: expected, key: key)
      }
      return nil
    }
    guard range.contains(number) else {
      problem(
        "\(key) must be between \(range.lowerBound) and \(range.upperBound), got \(number)\(Self.origin(of: value))",
        at: value.location, length: value.sourceLength)
      return nil
    }
    return Int(number)
  }

  /// `name` of a scenario or task: a metric label, so printable text only (no control
  /// characters, which would garble terminals and CSV).
  mutating func nameString(_ table: ConfigTable) -> Located<String>? {
    guard let name = optionalString(table, "name") else { return nil }
    if name.value.trimmingWhitespace().isEmpty {
      problem(
        "name is empty", at: name.location, length: name.length, help: "give it a name, or leave name out")
      return nil
    }
    if name.value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      problem("name contains a control character", at: name.location, length: name.length)
      return nil
    }
    return name
  }

  mutating func optionalString(_ table: ConfigTable, _ key: String) -> Located<String>? {
    guard let v = table[key] else { return nil }
    guard let s = v.stringValue else {
      typeMismatch(v, expected: "a string", key: key)
      return nil
    }
    return Located(s, writtenAs: v)
  }

  mutating func requiredString(_ table: ConfigTable, _ key: String, in location: SourceLocation, what: String)
    -> Located<String>?
  {
    guard table[key] != nil else { return missing(key, in: location, what: what) }
    return optionalString(table, key)
  }

  // MARK: - Problems

  mutating func expectTable(_ value: ConfigValue, what: String, known: [String]) -> ConfigTable? {
    guard let table = value.tableValue else {
      problem("\(what) must be a table, found \(value.typeName)", at: value.location, length: value.sourceLength)
      return nil
    }
    for entry in table.entries where !known.contains(entry.key) {
      let suggestion = KeySuggestion.closest(to: entry.key, in: known)
      if let suggestion { suggestedKeys[value.location, default: []].insert(suggestion) }
      let help =
        entry.key == "$schema"
        ? "configs cannot name their schema; map schemas/loadforge.schema.json in your editor instead (README: Editor completion)"
        : suggestion.map { "did you mean \"\($0)\"?" } ?? "known keys: \(known.joined(separator: ", "))"
      problem(
        "unknown key \"\(entry.key)\" in \(what)", at: entry.keyLocation, length: entry.keyLength, help: help)
    }
    return table
  }

  mutating func missing<T>(_ key: String, in location: SourceLocation, what: String) -> T? {
    if suggestedKeys[location]?.contains(key) != true {
      problem("missing required key \"\(key)\" in \(what)", at: location)
    }
    return nil
  }

  mutating func typeMismatch(_ value: ConfigValue, expected: String, key: String) {
    problem("\(key) must be \(expected), found \(value.typeName)", at: value.location, length: value.sourceLength)
  }

  mutating func problem(_ message: String, at location: SourceLocation, length: Int = 1, help: String? = nil) {
    diagnostics.append(Diagnostic(message, at: location, length: length, help: help))
  }

  /// RFC 9110 §5.5 field-value characters: no CTLs except HTAB.
  public static func isFieldValue(_ s: String) -> Bool {
    !s.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }
  }

  /// RFC 9110 §5.6.2 token characters.
  static func isToken(_ s: String) -> Bool {
    !s.isEmpty
      && s.utf8.allSatisfy { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
          || "!#$%&'*+-.^_`|~".utf8.contains(b)
      }
  }
}

extension Double {
  fileprivate var formatted: String {
    self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
  }
}
