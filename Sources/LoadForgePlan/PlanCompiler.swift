import LoadForgeConfig
import LoadForgeSpec

/// Compiles a validated spec into a `Plan`: interpolates `${ENV}`, resolves inheritance
/// (defaults < scenario < task), builds weighted selection tables and the traffic pattern,
/// turns `${vu.NAME}` into request templates and reads `[[data]]` files through `readFile`.
public enum PlanCompiler {
  /// - Parameters:
  ///   - readFile: the bytes of a `[[data]]` file given its path as written (after `${ENV}`);
  ///     the caller resolves it (against the config file's directory). The default reads none.
  ///   - resolveFile: the path to use for another file the config names (`[tls] ca_file`), given
  ///     its path as written (after `${ENV}`); it throws why the file cannot serve (missing, a
  ///     directory, not PEM). The default keeps the path.
  /// - Throws: `DiagnosticList` with every unresolved variable or invalid value found.
  public static func compile(
    _ spec: LoadTestSpec, environment: [String: String], overrides: LoadOverrides = LoadOverrides(),
    readFile: (String) throws(DataFileError) -> DataFile = noDataFiles,
    resolveFile: (String) throws(DataFileError) -> String = { $0 }
  ) throws(DiagnosticList) -> Plan {
    let (plan, problems) = check(
      spec, environment: environment, overrides: overrides, readFile: readFile, resolveFile: resolveFile)
    guard let plan, problems.isEmpty else { throw DiagnosticList(problems) }
    return plan
  }

  /// `compile` without throwing, for a spec that may itself have had errors (`SpecDecoder.decodeAll`):
  /// what the decoder left out (`spec.dropped`) is not reported again as unknown.
  /// - Returns: the plan when nothing is wrong with the spec (nil when `spec.dropped` marks a
  ///   placeholder), and the problems found, in source order.
  public static func check(
    _ spec: LoadTestSpec, environment: [String: String], overrides: LoadOverrides = LoadOverrides(),
    readFile: (String) throws(DataFileError) -> DataFile = noDataFiles,
    resolveFile: (String) throws(DataFileError) -> String = { $0 }
  ) -> (plan: Plan?, problems: [Diagnostic]) {
    var c = PlanCompilation(environment: environment)
    c.feedersComplete = !spec.dropped.variablesIncomplete

    var baseURL: BaseURL?
    // A placeholder for a missing or invalid base_url was reported by the decoder.
    let baseText = spec.dropped.baseURL ? nil : c.fixed(spec.baseURL, what: "base_url")
    if let baseText {
      do { baseURL = try BaseURL(parsing: baseText, at: spec.baseURL.location, length: spec.baseURL.length) } catch {
        c.problems.append(error)
      }
    }
    // Slots: feeder columns first, then captures in scenario order (setup, tasks, teardown).
    let feeders = c.dataFeeders(spec.dataFeeders, readFile: readFile)
    let columns = feeders.flatMap(\.columns)
    for scenario in spec.scenarios {
      for task in scenario.setup + scenario.tasks + scenario.teardown {
        for capture in task.captures { _ = c.slot(capture.name.value) }
      }
    }

    let defaultHeaders = spec.defaults.headers.map { (spec: $0, pieces: c.headerPieces($0)) }
    var scenarios: [ScenarioPlan] = []
    for (scenarioIndex, scenario) in spec.scenarios.enumerated() {
      let scenarioName =
        scenario.name.flatMap { c.fixed($0, what: "a scenario name") } ?? "scenario \(scenarioIndex + 1)"
      let captured = (scenario.setup + scenario.tasks + scenario.teardown).flatMap { $0.captures.map(\.name.value) }
      c.known = c.variables.filter { columns.contains($0) || captured.contains($0) }
      c.declared = spec.dropped.variables.union(scenario.droppedCaptures).union(c.droppedColumns)
      func compiled(_ tasks: [TaskSpec]) -> [TaskPlan] {
        tasks.map { c.task($0, scenario: scenario, spec: spec, defaultHeaders: defaultHeaders, baseURL: baseURL) }
      }
      let setup = compiled(scenario.setup)
      let tasks = compiled(scenario.tasks)
      let teardown = compiled(scenario.teardown)
      scenarios.append(
        ScenarioPlan(
          name: scenarioName, weight: scenario.weight, tasks: tasks,
          taskTable: WeightTable(weights: tasks.map(\.weight)), isFlow: scenario.isFlow, setup: setup,
          teardown: teardown))
    }

    var thresholds: [ThresholdPlan] = []
    for threshold in spec.thresholds {
      var endpoint: Int?
      if let written = threshold.taskName {
        guard let name = c.fixed(written, what: "a threshold") else { continue }
        endpoint = c.endpointIndex[name]
        // A request left out for its own errors may be the one named.
        if endpoint == nil, spec.dropped.taskNamesIncomplete || spec.dropped.taskNames.contains(name) { continue }
        if endpoint == nil {
          let suggestion = KeySuggestion.closest(to: name, in: c.endpoints.map(\.name))
          c.problems.append(
            Diagnostic(
              "no task is named \"\(name)\"", at: written.location,
              length: written.length,
              help: suggestion.map { "did you mean \"\($0)\"?" }
                ?? "task names: \(c.endpoints.map { "\"\($0.name)\"" }.joined(separator: ", "))"))
          continue
        }
      }
      thresholds.append(
        ThresholdPlan(
          metric: threshold.metric, statistic: threshold.statistic, endpoint: endpoint,
          comparison: threshold.comparison, value: threshold.value, abortOnFail: threshold.abortOnFail,
          delaySeconds: Double(threshold.delayMicros) / 1_000_000, source: threshold.source))
    }

    if !spec.dropped.load { c.problems += overrideProblems(spec.load, overrides: overrides) }
    let pattern = trafficPattern(spec.load.pattern, overrides: overrides)
    // Resolved before the check below, so an unset variable in the name is reported too.
    let name = spec.name.flatMap { c.fixed($0, what: "the test name") } ?? "loadtest"
    var connection = ConnectionSettings(
      connectTimeoutMicros: spec.defaults.connectTimeoutMicros, followRedirects: spec.defaults.followRedirects,
      maxHeaderBytes: spec.defaults.maxHeaderBytes, maxBodyBytes: spec.defaults.maxBodyBytes)
    connection.tls.insecure = spec.tls.insecure?.value ?? false
    if let caFile = spec.tls.caFile, let written = c.fixed(caFile, what: "ca_file") {
      do {
        connection.tls.caFile = try resolveFile(written)
      } catch {
        c.problems.append(
          Diagnostic(
            "ca_file \"\(written)\": \(error.reason)", at: caFile.location, length: caFile.length,
            help:
              "a PEM file of CA certificates (-----BEGIN CERTIFICATE-----); the path is relative to the config file's directory"
          ))
      }
    }
    let problems = DiagnosticList(c.problems).sortedByPosition().diagnostics
    guard problems.isEmpty, let baseURL, !spec.dropped.load else { return (nil, problems) }
    let plan = Plan(
      name: name,
      baseURL: baseText ?? spec.baseURL.value,
      origin: baseURL.origin,
      load: LoadPlan(
        pattern: pattern, tickSeconds: Double(spec.load.tickMicros) / 1_000_000,
        model: spec.load.model == .arrivalRate ? .arrivalRate : .closed, maxVUs: spec.load.maxVUs ?? 0),
      scenarios: scenarios,
      scenarioTable: WeightTable(weights: scenarios.map(\.weight)),
      endpoints: c.endpoints,
      thresholds: thresholds,
      variables: c.variables,
      dataFeeders: feeders, connection: connection)
    return (plan, [])
  }

  /// The default `readFile` of `compile`: no file can be read.
  public static func noDataFiles(_ path: String) throws(DataFileError) -> DataFile {
    throw DataFileError("this caller of the plan compiler reads no data files")
  }

  /// The origin-form target (RFC 9112 §3.2.1) of an absolute task `url`: its path and query,
  /// `/` when it has no path.
  /// - Throws: `Diagnostic` when `text` is not an http(s) URL or its origin is not `baseOrigin`
  ///   (one connection pool per run, so one origin).
  /// - Parameter length: the caret width of the url as written (`Located.length`).
  static func urlTarget(_ text: String, at location: SourceLocation, length: Int, baseOrigin: Origin?)
    throws(Diagnostic) -> String
  {
    let lower = text.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
      throw Diagnostic(
        "url must be an absolute http:// URL, got \"\(text)\"", at: location, length: length,
        help: "for a path relative to base_url write path = \"/…\"")
    }
    let afterScheme = text.firstRange(of: "://")?.upperBound ?? text.startIndex
    let end = text[afterScheme...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
    let origin = try BaseURL(parsing: String(text[..<end]), at: location, length: length, field: "url").origin
    if let baseOrigin, origin != baseOrigin {
      throw Diagnostic(
        "url must use the base_url's origin for now", at: location, length: length,
        help: "base_url is \(describe(baseOrigin)), this url is \(describe(origin)); other origins need their "
          + "own connection pools, which LoadForge does not have yet")
    }
    let rest = text[end...]
    return rest.hasPrefix("/") ? String(rest) : "/" + rest
  }

  /// `scheme://host:port` with the port always written, so origins differing only in it read apart.
  private static func describe(_ origin: Origin) -> String {
    "\(origin.scheme)://\(origin.host.contains(":") ? "[\(origin.host)]" : origin.host):\(origin.port)"
  }
}

extension ThinkTimeSpec {
  var plan: ThinkTime {
    switch self {
    case .none: .none
    case .constant(let m): .constant(micros: m)
    case .uniform(let lo, let hi): .uniform(minMicros: lo, maxMicros: hi)
    case .exponential(let mean): .exponential(meanMicros: mean)
    }
  }
}
