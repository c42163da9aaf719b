import LoadForgeConfig
import LoadForgeSpec

/// Command-line overrides of the file's load settings (flags beat the file).
public struct LoadOverrides: Sendable, Equatable {
  /// `--users N`: the user count of a constant pattern, the final count (`to`) of a ramp.
  public var users: Int?
  /// `--duration D`, µs: the pattern's total duration.
  public var durationMicros: Int64?

  public init(users: Int? = nil, durationMicros: Int64? = nil) {
    self.users = users
    self.durationMicros = durationMicros
  }
}

/// Compiles a validated spec into a `Plan`: interpolates `${ENV}`, resolves inheritance
/// (defaults < scenario < task), builds weighted selection tables and the traffic pattern.
public enum PlanCompiler {
  /// - Throws: `DiagnosticList` with every unresolved variable or invalid value found.
  public static func compile(
    _ spec: LoadTestSpec, environment: [String: String], overrides: LoadOverrides = LoadOverrides()
  ) throws(DiagnosticList) -> Plan {
    var problems: [Diagnostic] = []
    let env = Interpolator(environment: environment)
    func resolve(_ s: Located<String>) -> String {
      do { return try env.resolve(s.value, at: s.location).text } catch {
        problems.append(error)
        return s.value
      }
    }
    /// Resolves `s`, or nil when it referenced an unset variable (already reported: checking
    /// the raw text would only add a follow-on error).
    func resolveChecked(_ s: Located<String>) -> String? {
      let before = problems.count
      let text = resolve(s)
      return problems.count == before ? text : nil
    }
    /// Header values after interpolation: a line break would split the request (RFC 9112 §5).
    func headerValue(_ h: HeaderSpec) -> String {
      guard let value = resolveChecked(h.value) else { return h.value.value }
      if !SpecDecoder.isFieldValue(value) {
        problems.append(
          Diagnostic(
            "header \"\(h.name)\" contains a line break or control character after interpolation",
            at: h.value.location, help: "check the environment variable it reads (RFC 9110 §5.5)"))
      }
      return value
    }

    var baseURL: BaseURL?
    let baseText = resolveChecked(spec.baseURL)
    if let baseText {
      do { baseURL = try BaseURL(parsing: baseText, at: spec.baseURL.location) } catch { problems.append(error) }
    }
    if let b = baseURL, b.origin.scheme != "http" {
      problems.append(
        Diagnostic(
          "https:// targets are not supported yet", at: spec.baseURL.location, length: spec.baseURL.value.count + 2,
          help: "this build drives http:// only; HTTPS through libcurl is planned"))
    }

    var endpoints: [EndpointPlan] = []
    var endpointIndex: [String: Int] = [:]
    let defaultHeaders = spec.defaults.headers.map { HeaderField(name: $0.name, value: headerValue($0)) }
    var scenarios: [ScenarioPlan] = []
    for (scenarioIndex, scenario) in spec.scenarios.enumerated() {
      let scenarioName = scenario.name.map(resolve) ?? "scenario \(scenarioIndex + 1)"
      var tasks: [TaskPlan] = []
      for task in scenario.tasks {
        var headers = defaultHeaders
        for h in task.headers {
          let field = HeaderField(name: h.name, value: headerValue(h))
          if let i = headers.firstIndex(where: { $0.name.lowercased() == h.name.lowercased() }) {
            headers[i] = field
          } else {
            headers.append(field)
          }
        }
        let written = task.target.text
        var path = written.value
        var prefix = baseURL?.pathPrefix ?? ""
        if let resolved = resolveChecked(written) {
          path = resolved
          if case .url = task.target {
            // An absolute URL: its own path, not under base_url's prefix.
            prefix = ""
            do { path = try urlTarget(resolved, at: written.location, baseOrigin: baseURL?.origin) } catch {
              problems.append(error)
            }
          }
          if let problem = RequestTarget.problem(in: path) {
            let what = if case .url = task.target { "url" } else { "path" }
            problems.append(
              Diagnostic(
                "\(what) \(problem.message)", at: written.location, length: written.value.count + 2,
                help: problem.help))
          }
        }
        let taskName = task.name.map(resolve) ?? "\(task.method) \(path)"
        var body: [UInt8] = []
        var impliedContentType: String?
        switch task.body {
        case nil: break
        case .text(let text): body = Array(resolve(text).utf8)
        case .json(let json):
          body = Array(JSONText.render(json, resolve: resolve).utf8)
          impliedContentType = "application/json"
        case .form(let form):
          body = Array(PercentEncoding.form(form.map { ($0.name, resolve($0.value)) }).utf8)
          impliedContentType = "application/x-www-form-urlencoded"
        }
        // A Content-Type given in [defaults] or on the task wins over the implied one.
        if let impliedContentType, !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
          headers.append(HeaderField(name: "Content-Type", value: impliedContentType))
        }
        let endpoint: Int
        if let i = endpointIndex[taskName] {
          endpoint = i
        } else {
          endpoint = endpoints.count
          endpointIndex[taskName] = endpoint
          endpoints.append(EndpointPlan(name: taskName, method: task.method))
        }
        let think = task.thinkTime ?? scenario.thinkTime ?? spec.defaults.thinkTime
        let query = PercentEncoding.query(task.query.map { ($0.name, resolve($0.value)) })
        let target = PercentEncoding.appending(query: query, to: prefix + path)
        let request = RequestPlan(
          method: task.method, target: target, headers: headers, body: body,
          timeoutMicros: task.timeoutMicros ?? spec.defaults.timeoutMicros)
        tasks.append(
          TaskPlan(name: taskName, weight: task.weight, endpoint: endpoint, request: request, thinkTime: think.plan))
      }
      scenarios.append(
        ScenarioPlan(
          name: scenarioName, weight: scenario.weight, tasks: tasks,
          taskTable: WeightTable(weights: tasks.map(\.weight))))
    }

    var thresholds: [ThresholdPlan] = []
    for threshold in spec.thresholds {
      var endpoint: Int?
      if let written = threshold.taskName {
        guard let name = resolveChecked(written) else { continue }
        endpoint = endpointIndex[name]
        if endpoint == nil {
          let suggestion = KeySuggestion.closest(to: name, in: endpoints.map(\.name))
          problems.append(
            Diagnostic(
              "no task is named \"\(name)\"", at: written.location,
              length: threshold.metric.rawValue.count + 7 + written.value.count,
              help: suggestion.map { "did you mean \"\($0)\"?" }
                ?? "task names: \(endpoints.map { "\"\($0.name)\"" }.joined(separator: ", "))"))
          continue
        }
      }
      thresholds.append(
        ThresholdPlan(
          metric: threshold.metric, statistic: threshold.statistic, endpoint: endpoint,
          comparison: threshold.comparison, value: threshold.value, abortOnFail: threshold.abortOnFail,
          delaySeconds: Double(threshold.delayMicros) / 1_000_000, source: threshold.source))
    }

    problems += overrideProblems(spec.load, overrides: overrides)
    let pattern = trafficPattern(spec.load.pattern, overrides: overrides)
    // Resolved before the check below, so an unset variable in the name is reported too.
    let name = spec.name.map(resolve) ?? "loadtest"
    guard problems.isEmpty, let baseURL else { throw DiagnosticList(problems).sortedByPosition() }
    return Plan(
      name: name,
      baseURL: baseText ?? spec.baseURL.value,
      origin: baseURL.origin,
      load: LoadPlan(pattern: pattern),
      scenarios: scenarios,
      scenarioTable: WeightTable(weights: scenarios.map(\.weight)),
      endpoints: endpoints,
      thresholds: thresholds)
  }

  /// The origin-form target (RFC 9112 §3.2.1) of an absolute task `url`: its path and query,
  /// `/` when it has no path.
  /// - Throws: `Diagnostic` when `text` is not an http(s) URL or its origin is not `baseOrigin`
  ///   (one connection pool per run, so one origin).
  static func urlTarget(_ text: String, at location: SourceLocation, baseOrigin: Origin?) throws(Diagnostic)
    -> String
  {
    let lower = text.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
      throw Diagnostic(
        "url must be an absolute http:// URL, got \"\(text)\"", at: location, length: text.count + 2,
        help: "for a path relative to base_url write path = \"/…\"")
    }
    let afterScheme = text.firstRange(of: "://")?.upperBound ?? text.startIndex
    let end = text[afterScheme...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
    let origin = try BaseURL(parsing: String(text[..<end]), at: location, field: "url").origin
    if let baseOrigin, origin != baseOrigin {
      throw Diagnostic(
        "url must use the base_url's origin for now", at: location, length: text.count + 2,
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
