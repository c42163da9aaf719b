/// A compiled load test: plain data, computed before anything runs, shipped to workers.
///
/// `loadforge plan` prints it; the engine executes it. Nothing in here does I/O.
/// Times are microseconds (`…Micros`) or seconds (`…Seconds`) as their names say.
public struct Plan: Codable, Sendable, Equatable {
  public var name: String
  /// The base URL after `${ENV}` interpolation, e.g. `http://127.0.0.1:8080`.
  public var baseURL: String
  public var origin: Origin
  public var load: LoadPlan
  public var scenarios: [ScenarioPlan]
  /// Picks a scenario for each new virtual user, by scenario weight.
  public var scenarioTable: WeightTable
  /// Metric groups, one per distinct task name, in first-seen order. `TaskPlan.endpoint` indexes this.
  public var endpoints: [EndpointPlan]
  /// Pass/fail criteria from `[thresholds]`, in written order.
  public var thresholds: [ThresholdPlan]
  /// Names of the virtual-user variables (`${vu.NAME}`), in first-seen order; a variable's
  /// slot is its index here. Each VU has its own values, empty until captured or fed.
  public var variables: [String]
  /// `[[data]]` feeders, in written order.
  public var dataFeeders: [DataFeederPlan]
  /// Connect timeout, redirects, response limits and TLS (`[defaults]`, `[tls]`).
  public var connection: ConnectionSettings

  public init(
    name: String, baseURL: String, origin: Origin, load: LoadPlan, scenarios: [ScenarioPlan],
    scenarioTable: WeightTable, endpoints: [EndpointPlan], thresholds: [ThresholdPlan] = [],
    variables: [String] = [], dataFeeders: [DataFeederPlan] = [], connection: ConnectionSettings = ConnectionSettings()
  ) {
    self.connection = connection
    self.thresholds = thresholds
    self.variables = variables
    self.dataFeeders = dataFeeders
    self.name = name
    self.baseURL = baseURL
    self.origin = origin
    self.load = load
    self.scenarios = scenarios
    self.scenarioTable = scenarioTable
    self.endpoints = endpoints
  }

  enum CodingKeys: String, CodingKey {
    case name, baseURL, origin, load, scenarios, scenarioTable, endpoints, thresholds, variables, dataFeeders,
      connection
  }

  /// `thresholds`, `variables`, `dataFeeders` and `connection` may be absent: older plans still read.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    baseURL = try c.decode(String.self, forKey: .baseURL)
    origin = try c.decode(Origin.self, forKey: .origin)
    load = try c.decode(LoadPlan.self, forKey: .load)
    scenarios = try c.decode([ScenarioPlan].self, forKey: .scenarios)
    scenarioTable = try c.decode(WeightTable.self, forKey: .scenarioTable)
    endpoints = try c.decode([EndpointPlan].self, forKey: .endpoints)
    thresholds = try c.decodeIfPresent([ThresholdPlan].self, forKey: .thresholds) ?? []
    variables = try c.decodeIfPresent([String].self, forKey: .variables) ?? []
    dataFeeders = try c.decodeIfPresent([DataFeederPlan].self, forKey: .dataFeeders) ?? []
    connection = try c.decodeIfPresent(ConnectionSettings.self, forKey: .connection) ?? ConnectionSettings()
  }
}

/// Scheme, host and port of the system under test. Only `http` is executed by the skeleton.
public struct Origin: Codable, Sendable, Equatable, Hashable {
  public var scheme: String
  /// Host name or IP literal without brackets (`127.0.0.1`, `::1`, `localhost`).
  public var host: String
  public var port: Int

  public init(scheme: String, host: String, port: Int) {
    self.scheme = scheme
    self.host = host
    self.port = port
  }

  /// The `Host` header value (RFC 9112 §3.2): port omitted when it is the scheme default.
  public var hostHeader: String {
    let h = host.contains(":") ? "[\(host)]" : host
    let defaultPort = scheme == "https" ? 443 : 80
    return port == defaultPort ? h : "\(h):\(port)"
  }
}

/// How load evolves over time.
///
/// Closed model: the pattern's target is concurrent VUs, applied every tick. Open model
/// (`model = .arrivalRate`): the target is iterations started per second, paced by
/// `ArrivalPacer` and run by a pool of `maxVUs` pre-allocated VUs.
public struct LoadPlan: Codable, Sendable, Equatable {
  public var pattern: TrafficPattern
  /// How often the coordinator re-evaluates the pattern (default 1 s).
  public var tickSeconds: Double
  /// What the pattern's values mean (default `.closed`: VUs).
  public var model: Model
  /// The open model's VU pool, all workers (0 in the closed model).
  public var maxVUs: Int

  /// The workload model.
  public enum Model: String, Codable, Sendable, Equatable {
    /// Concurrent virtual users (config `"closed"`).
    case closed
    /// Iterations started per second (config `"arrival_rate"`).
    case arrivalRate = "arrival_rate"
  }

  public init(pattern: TrafficPattern, tickSeconds: Double = 1, model: Model = .closed, maxVUs: Int = 0) {
    self.pattern = pattern
    self.tickSeconds = tickSeconds
    self.model = model
    self.maxVUs = maxVUs
  }

  /// `maxVus`, not `maxVUs`: snake_case encoding (`plan --json`, plan.json) splits at every
  /// capital, so `maxVUs` came out as `max_v_us`; `maxVus` gives `max_vus` and decodes back
  /// from it with `.convertFromSnakeCase`.
  enum CodingKeys: String, CodingKey {
    case pattern, tickSeconds, model
    case maxVUs = "maxVus"
    /// Older plans' key: `maxVUs` as written, `max_v_us` in snake_case (read back as `maxVUs`).
    case legacyMaxVUs = "maxVUs"
  }

  /// `model` and `maxVUs` may be absent: older plans read as closed-model plans, and older
  /// plans' `max_v_us` (`maxVUs`) still reads.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    pattern = try c.decode(TrafficPattern.self, forKey: .pattern)
    tickSeconds = try c.decode(Double.self, forKey: .tickSeconds)
    model = try c.decodeIfPresent(Model.self, forKey: .model) ?? .closed
    maxVUs =
      try c.decodeIfPresent(Int.self, forKey: .maxVUs) ?? c.decodeIfPresent(Int.self, forKey: .legacyMaxVUs) ?? 0
  }

  /// `max_vus` only in the open model: the closed model has no pool, and its 0 would read as one.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(pattern, forKey: .pattern)
    try c.encode(tickSeconds, forKey: .tickSeconds)
    try c.encode(model, forKey: .model)
    if isOpenModel { try c.encode(maxVUs, forKey: .maxVUs) }
  }

  public var durationSeconds: Double { pattern.durationSeconds }

  /// Whether this is the open model (iterations per second).
  public var isOpenModel: Bool { model == .arrivalRate }
}

public struct EndpointPlan: Codable, Sendable, Equatable {
  /// The task name metrics are grouped by.
  public var name: String
  /// Method of the first task with this name (`GET`, `POST`, …).
  public var method: String
  public init(name: String, method: String) {
    self.name = name
    self.method = method
  }
}

/// A scenario a VU runs: `setup` once when it starts, then iterations until it is stopped,
/// then `teardown` once (also at the end of the run, within the drain's grace period).
///
/// An iteration is one task picked by weight, or, when `isFlow`, every task in order (a
/// `flow` list). Setup, task and teardown requests are all measured under their names.
public struct ScenarioPlan: Codable, Sendable, Equatable {
  public var name: String
  public var weight: Int
  public var tasks: [TaskPlan]
  /// Picks the next task of an iteration, by task weight (all weights 1 for a flow).
  public var taskTable: WeightTable
  /// Whether an iteration runs `tasks` in order (`flow`) rather than one picked by weight.
  public var isFlow: Bool
  /// Requests run in order once per VU before its first iteration.
  public var setup: [TaskPlan]
  /// Requests run in order once per VU after its last iteration.
  public var teardown: [TaskPlan]

  public init(
    name: String, weight: Int, tasks: [TaskPlan], taskTable: WeightTable, isFlow: Bool = false,
    setup: [TaskPlan] = [], teardown: [TaskPlan] = []
  ) {
    self.name = name
    self.weight = weight
    self.tasks = tasks
    self.taskTable = taskTable
    self.isFlow = isFlow
    self.setup = setup
    self.teardown = teardown
  }

  enum CodingKeys: String, CodingKey { case name, weight, tasks, taskTable, isFlow, setup, teardown }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    weight = try c.decode(Int.self, forKey: .weight)
    tasks = try c.decode([TaskPlan].self, forKey: .tasks)
    taskTable = try c.decode(WeightTable.self, forKey: .taskTable)
    isFlow = try c.decodeIfPresent(Bool.self, forKey: .isFlow) ?? false
    setup = try c.decodeIfPresent([TaskPlan].self, forKey: .setup) ?? []
    teardown = try c.decodeIfPresent([TaskPlan].self, forKey: .teardown) ?? []
  }
}

public struct TaskPlan: Codable, Sendable, Equatable {
  public var name: String
  public var weight: Int
  /// Index into `Plan.endpoints`.
  public var endpoint: Int
  public var request: RequestPlan
  /// Pause after this task's response, before the VU's next task.
  public var thinkTime: ThinkTime
  /// `expect`: evaluated on every response, in order.
  public var checks: [CheckPlan]
  /// `capture`: evaluated on every complete response, in order.
  public var captures: [CapturePlan]

  public init(
    name: String, weight: Int, endpoint: Int, request: RequestPlan, thinkTime: ThinkTime, checks: [CheckPlan] = [],
    captures: [CapturePlan] = []
  ) {
    self.name = name
    self.weight = weight
    self.endpoint = endpoint
    self.request = request
    self.thinkTime = thinkTime
    self.checks = checks
    self.captures = captures
  }

  enum CodingKeys: String, CodingKey { case name, weight, endpoint, request, thinkTime, checks, captures }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    weight = try c.decode(Int.self, forKey: .weight)
    endpoint = try c.decode(Int.self, forKey: .endpoint)
    request = try c.decode(RequestPlan.self, forKey: .request)
    thinkTime = try c.decode(ThinkTime.self, forKey: .thinkTime)
    checks = try c.decodeIfPresent([CheckPlan].self, forKey: .checks) ?? []
    captures = try c.decodeIfPresent([CapturePlan].self, forKey: .captures) ?? []
  }
}

/// One HTTP request, fully interpolated.
public struct RequestPlan: Codable, Sendable, Equatable {
  public var method: String
  /// Request target in origin form (RFC 9112 §3.2.1): path plus optional query, e.g. `/products?page=1`.
  public var target: String
  /// Headers in order; `Host`, `Content-Length` and `User-Agent` are added by the encoder unless present.
  public var headers: [HeaderField]
  public var body: [UInt8]
  /// Response timeout in microseconds, from write start to last byte.
  public var timeoutMicros: Int64
  /// Present when the request uses virtual-user variables: the engine renders it before each
  /// send. `target`, header values and `body` then show the variables as `${vu.NAME}`.
  public var template: RequestTemplate?

  public init(
    method: String, target: String, headers: [HeaderField], body: [UInt8], timeoutMicros: Int64,
    template: RequestTemplate? = nil
  ) {
    self.method = method
    self.target = target
    self.headers = headers
    self.body = body
    self.timeoutMicros = timeoutMicros
    self.template = template
  }

  enum CodingKeys: String, CodingKey {
    case method, target, headers, body, bodyBase64, timeoutMicros, template
  }

  /// A UTF-8 body is stored as text (`body`), so `loadforge plan` stays readable; any other body
  /// as `bodyBase64` (RFC 4648).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(method, forKey: .method)
    try c.encode(target, forKey: .target)
    try c.encode(headers, forKey: .headers)
    try c.encode(timeoutMicros, forKey: .timeoutMicros)
    try c.encodeIfPresent(template, forKey: .template)
    if let text = String(validating: body, as: UTF8.self) {
      try c.encode(text, forKey: .body)
    } else {
      try c.encode(Base64.encode(body), forKey: .bodyBase64)
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    method = try c.decode(String.self, forKey: .method)
    target = try c.decode(String.self, forKey: .target)
    headers = try c.decode([HeaderField].self, forKey: .headers)
    timeoutMicros = try c.decode(Int64.self, forKey: .timeoutMicros)
    template = try c.decodeIfPresent(RequestTemplate.self, forKey: .template)
    if let text = try c.decodeIfPresent(String.self, forKey: .body) {
      body = Array(text.utf8)
    } else if let encoded = try c.decodeIfPresent(String.self, forKey: .bodyBase64) {
      guard let bytes = Base64.decode(encoded) else {
        throw DecodingError.dataCorruptedError(forKey: .bodyBase64, in: c, debugDescription: "invalid base64")
      }
      body = bytes
    } else {
      body = []
    }
  }
}

public struct HeaderField: Codable, Sendable, Equatable {
  public var name: String
  public var value: String
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}
