import LoadForgeConfig

/// The typed, validated description of a load test, decoded from a config tree.
///
/// Strings are kept as written (with `${VAR}` references unresolved) and with their locations;
/// the plan compiler interpolates them. Durations are already parsed (µs).
public struct LoadTestSpec: Sendable, Equatable {
  public var name: Located<String>?
  public var baseURL: Located<String>
  public var defaults: DefaultsSpec
  public var load: LoadSpec
  public var scenarios: [ScenarioSpec]
  /// `[thresholds]`, in written order.
  public var thresholds: [ThresholdSpec]
  /// `[[data]]` feeders, in written order.
  public var dataFeeders: [DataFeederSpec]
  /// `[tls]`: how an `https://` origin is verified.
  public var tls = TLSSpec()
  /// What was left out for errors (empty when the spec is valid); see `SpecDecoder.decodeAll`.
  public var dropped = DroppedDeclarations()

  public init(
    name: Located<String>?, baseURL: Located<String>, defaults: DefaultsSpec, load: LoadSpec,
    scenarios: [ScenarioSpec], thresholds: [ThresholdSpec] = [], dataFeeders: [DataFeederSpec] = []
  ) {
    self.thresholds = thresholds
    self.dataFeeders = dataFeeders
    self.name = name
    self.baseURL = baseURL
    self.defaults = defaults
    self.load = load
    self.scenarios = scenarios
  }
}

/// `[defaults]`: inherited by every task unless it sets its own.
public struct DefaultsSpec: Sendable, Equatable {
  public var headers: [HeaderSpec]
  /// Response timeout, µs (default 10 s).
  public var timeoutMicros: Int64
  public var thinkTime: ThinkTimeSpec
  /// `connect_timeout`: longest wait for a connection (and TLS handshake), µs (default 5 s).
  public var connectTimeoutMicros: Int64 = 5_000_000
  /// `follow_redirects`: redirects followed per request (default 0: a 3xx counts as `http_3xx`).
  public var followRedirects = 0
  /// `max_header_bytes`: largest response head, bytes (default 64 KiB).
  public var maxHeaderBytes = 64 * 1024
  /// `max_body_bytes`: largest response body kept for checks and captures, bytes (default 1 MiB).
  public var maxBodyBytes = 1024 * 1024

  public static let defaultTimeoutMicros: Int64 = 10_000_000

  public init(headers: [HeaderSpec] = [], timeoutMicros: Int64 = defaultTimeoutMicros, thinkTime: ThinkTimeSpec = .none)
  {
    self.headers = headers
    self.timeoutMicros = timeoutMicros
    self.thinkTime = thinkTime
  }
}

public struct HeaderSpec: Sendable, Equatable {
  public var name: String
  public var value: Located<String>
  public init(name: String, value: Located<String>) {
    self.name = name
    self.value = value
  }
}

/// Think time as written (µs): `"1s"` is constant, `{ min, max }` uniform, `{ mean }` exponential.
public enum ThinkTimeSpec: Sendable, Equatable {
  case none
  case constant(micros: Int64)
  case uniform(minMicros: Int64, maxMicros: Int64)
  case exponential(meanMicros: Int64)
}

public struct ScenarioSpec: Sendable, Equatable {
  /// As written; nil when absent (the plan names it `scenario N`).
  public var name: Located<String>?
  public var weight: Int
  public var thinkTime: ThinkTimeSpec?
  /// `tasks` (one picked by weight per iteration) or, when `isFlow`, `flow` (all in order).
  public var tasks: [TaskSpec]
  /// Whether `tasks` came from `[[scenarios.flow]]`.
  public var isFlow: Bool
  /// `[[scenarios.setup]]`: run in order once per VU before its first iteration.
  public var setup: [TaskSpec]
  /// `[[scenarios.teardown]]`: run in order once per VU after its last iteration.
  public var teardown: [TaskSpec]
  /// Names of this scenario's captures left out for their errors (empty when it is valid).
  public var droppedCaptures: Set<String> = []
  public var location: SourceLocation
  public init(
    name: Located<String>?, weight: Int, thinkTime: ThinkTimeSpec?, tasks: [TaskSpec], location: SourceLocation,
    isFlow: Bool = false, setup: [TaskSpec] = [], teardown: [TaskSpec] = []
  ) {
    self.isFlow = isFlow
    self.setup = setup
    self.teardown = teardown
    self.name = name
    self.weight = weight
    self.thinkTime = thinkTime
    self.tasks = tasks
    self.location = location
  }
}

/// One request of a scenario: a task chosen by weight, a step of a flow, setup or teardown.
public struct TaskSpec: Sendable, Equatable {
  /// `path = …` as written, or nil when the task gives `url`.
  public var path: Located<String>? { if case .path(let p) = target { p } else { nil } }

  /// The metric group, as written; nil when absent (the plan names it `METHOD path`, with a
  /// url's path and query as the path).
  public var name: Located<String>?
  public var weight: Int
  public var method: String
  public var target: TargetSpec
  /// `query = { page = "1" }`: appended to the path, percent-encoded, in written order.
  public var query: [ParameterSpec]
  public var headers: [HeaderSpec]
  /// At most one of `body`, `json`, `form` (the decoder rejects a task with two).
  public var body: BodySpec?
  /// Overrides `[defaults].timeout`, µs.
  public var timeoutMicros: Int64?
  public var thinkTime: ThinkTimeSpec?
  /// `expect`: checks evaluated on every response, in written order.
  public var checks: [CheckSpec]
  /// `capture`: variables set from every complete response, in written order.
  public var captures: [CaptureSpec]
  public var location: SourceLocation

  public init(
    name: Located<String>?, weight: Int, method: String, target: TargetSpec, headers: [HeaderSpec],
    body: BodySpec?, timeoutMicros: Int64?, thinkTime: ThinkTimeSpec?, location: SourceLocation,
    query: [ParameterSpec] = [], checks: [CheckSpec] = [], captures: [CaptureSpec] = []
  ) {
    self.checks = checks
    self.captures = captures
    self.query = query
    self.name = name
    self.weight = weight
    self.method = method
    self.target = target
    self.headers = headers
    self.body = body
    self.timeoutMicros = timeoutMicros
    self.thinkTime = thinkTime
    self.location = location
  }
}

/// `[tls]`: verification of an `https://` origin's certificate.
public struct TLSSpec: Sendable, Equatable {
  /// `ca_file`: PEM file of the certificate authorities to trust (relative to the config file's
  /// directory), instead of the system store.
  public var caFile: Located<String>?
  /// `insecure = true`: do not verify the certificate or host name; where it was written.
  public var insecure: Located<Bool>?

  public init(caFile: Located<String>? = nil, insecure: Located<Bool>? = nil) {
    self.caFile = caFile
    self.insecure = insecure
  }
}
