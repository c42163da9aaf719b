import Foundation

/// The whole run's results: `summary.json` (`schemas/results.schema.json`).
///
/// JSON keys: `schema_version`, `started_at` (ISO 8601, UTC, milliseconds), `duration_s`,
/// `load_duration_s`, `drain_s`, `interrupted`, `requests` {`total`, `succeeded`, `failed`},
/// `rps`, `latency_ms`, `errors`, `status_codes`, `connections_opened`, `bytes_received`,
/// `checks` {`passed`, `failed`, `details`} (absent in files written before checks existed: zero;
/// `details` absent: empty), `endpoints`, `dropped_iterations` and `retried` (absent in older files: 0), `errors_detail` (absent: empty),
/// `max_deviation` {`value`, `unit`, `elapsed_s`} (absent when no load tick closed), and in the
/// open model `service_ms` and `scheduled_iterations`; `thresholds` (`ThresholdResult`s, absent in
/// older files: empty).
///
/// Durations: as k6 reports a run's time including its graceful stop, `duration_s` is the whole
/// run, `load_duration_s + drain_s`. Rates differ from k6, which divides by that whole time: here
/// every rate is over the load phase, when requests were started (the drain starts none), so a
/// 4 s test reports its RPS over 4 s however long its last responses took.
///
/// Every rate uses the same denominators (HTTP-CASES C10): `rps = requests.total /
/// load_duration_s`, failure rate `= requests.failed / requests.total`. `errors` holds every failure class (all
/// `RequestOutcome`s but success), 0 when none, so `requests.succeeded` plus the `errors` values
/// sum to `requests.total` (C9).
public struct Summary: Codable, Sendable, Equatable {
  /// Version of this JSON layout; bumped on any incompatible change.
  public static let currentSchemaVersion = 1

  public var schemaVersion: Int
  /// When the run started (wall clock).
  public var startedAt: Date
  /// The whole run, s: `loadDurationSeconds + drainSeconds`.
  public var durationSeconds: Double
  /// The load phase, s (the `rps` denominator): the pattern's duration, or less when a stop cut
  /// it short.
  public var loadDurationSeconds: Double
  /// The drain after the load phase, s: from its end until the last in-flight request finished
  /// or was aborted (grace period expired, or a stop cut the drain short); 0 when nothing was
  /// in flight.
  public var drainSeconds: Double
  /// True when a stop arrived before the pattern ended. A stop during the drain only cuts the
  /// drain short and leaves this false.
  public var interrupted: Bool
  public var requests: RequestTotals
  /// `requests.total / loadDurationSeconds`, requests per second (0 for a zero duration).
  public var rps: Double
  /// Latency of complete responses (success, 4xx, 5xx), ms.
  public var latency: LatencyStats
  /// Count per failure class; see the type's documentation.
  public var errors: [String: Int]
  /// Per failure class, each distinct reason and its count (`errors_detail`; absent in older
  /// files: empty). The counts of one class sum to its `errors` value.
  public var errorDetails: [ErrorDetail] = []
  /// Complete responses per status code (`"200"`, `"302"`, `"429"`…).
  public var statusCodes: [String: Int]
  /// TCP connections opened during the run.
  public var connectionsOpened: Int
  /// Response bytes on the wire.
  public var bytesReceived: Int
  /// `expect` checks and captures evaluated over the run, all endpoints.
  public var checks: CheckCounts
  /// Per check (and capture) of every task, in plan order: `checks.details` in JSON. Their
  /// `passed` and `failed` sum to `checks.passed` and `checks.failed`.
  public var checkDetails: [CheckDetail]
  /// Per endpoint, in plan order.
  public var endpoints: [EndpointSummary]
  /// Open model: iterations that found no free VU over the run (0 in the closed model).
  public var droppedIterations: Int = 0
  /// Requests sent again on a fresh connection after a stale keep-alive one (`retried`): not
  /// errors; each request is counted once in `requests`. 0 in files written before it existed.
  public var retried: Int = 0
  /// Open model only (`scheduled_iterations`): iterations the pacer made due over the run,
  /// started plus dropped; nil in the closed model and in files written before it existed.
  public var scheduledIterations: Int?
  /// The largest gap between target and actual load over the load phase (`LoadDeviation`).
  public var maxDeviation: LoadDeviation?
  /// Open model only (`service_ms`): service time from the actual send, ms.
  public var service: LatencyStats?
  /// The thresholds of the config and `--fail-on-error-rate`, evaluated at the end, in config
  /// order (`thresholds`; empty when there are none, and in files written before they existed).
  public var thresholds: [ThresholdResult] = []

  public init(
    schemaVersion: Int = Summary.currentSchemaVersion, startedAt: Date, loadDurationSeconds: Double,
    drainSeconds: Double, interrupted: Bool, requests: RequestTotals, rps: Double, latency: LatencyStats,
    errors: [String: Int], statusCodes: [String: Int], connectionsOpened: Int, bytesReceived: Int,
    checks: CheckCounts = CheckCounts(), checkDetails: [CheckDetail] = [], endpoints: [EndpointSummary]
  ) {
    self.checks = checks
    self.checkDetails = checkDetails
    self.schemaVersion = schemaVersion
    self.startedAt = startedAt
    self.durationSeconds = loadDurationSeconds + drainSeconds
    self.loadDurationSeconds = loadDurationSeconds
    self.drainSeconds = drainSeconds
    self.interrupted = interrupted
    self.requests = requests
    self.rps = rps
    self.latency = latency
    self.errors = errors
    self.statusCodes = statusCodes
    self.connectionsOpened = connectionsOpened
    self.bytesReceived = bytesReceived
    self.endpoints = endpoints
  }

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case startedAt = "started_at"
    case durationSeconds = "duration_s"
    case loadDurationSeconds = "load_duration_s"
    case drainSeconds = "drain_s"
    case interrupted, requests, rps
    case latency = "latency_ms"
    case errors
    case errorDetails = "errors_detail"
    case statusCodes = "status_codes"
    case connectionsOpened = "connections_opened"
    case bytesReceived = "bytes_received"
    case checks
    case endpoints
    case droppedIterations = "dropped_iterations"
    case retried
    case scheduledIterations = "scheduled_iterations"
    case maxDeviation = "max_deviation"
    case service = "service_ms"
    case thresholds
  }

  /// The `checks` object: the totals of `CheckCounts` plus `details`.
  enum ChecksKeys: String, CodingKey { case passed, failed, details }

  /// ISO 8601 with milliseconds in UTC, e.g. `2025-03-01T12:00:05.250Z`; independent of the
  /// encoder's date strategy.
  static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
    let started = try c.decode(String.self, forKey: .startedAt)
    do {
      startedAt = try Self.timestampStyle.parse(started)
    } catch {
      // Also accept a timestamp written without fractional seconds.
      guard let date = try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(started) else {
        throw DecodingError.dataCorruptedError(
          forKey: .startedAt, in: c, debugDescription: "started_at is not an ISO 8601 timestamp: \(started)")
      }
      startedAt = date
    }
    durationSeconds = try c.decode(Double.self, forKey: .durationSeconds)
    loadDurationSeconds = try c.decode(Double.self, forKey: .loadDurationSeconds)
    drainSeconds = try c.decode(Double.self, forKey: .drainSeconds)
    interrupted = try c.decode(Bool.self, forKey: .interrupted)
    requests = try c.decode(RequestTotals.self, forKey: .requests)
    rps = try c.decode(Double.self, forKey: .rps)
    latency = try c.decode(LatencyStats.self, forKey: .latency)
    errors = try c.decode([String: Int].self, forKey: .errors)
    errorDetails = try c.decodeIfPresent([ErrorDetail].self, forKey: .errorDetails) ?? []
    statusCodes = try c.decode([String: Int].self, forKey: .statusCodes)
    connectionsOpened = try c.decode(Int.self, forKey: .connectionsOpened)
    bytesReceived = try c.decode(Int.self, forKey: .bytesReceived)
    checks = try c.decodeIfPresent(CheckCounts.self, forKey: .checks) ?? CheckCounts()
    if c.contains(.checks) {
      let nested = try c.nestedContainer(keyedBy: ChecksKeys.self, forKey: .checks)
      checkDetails = try nested.decodeIfPresent([CheckDetail].self, forKey: .details) ?? []
    } else {
      checkDetails = []
    }
    endpoints = try c.decode([EndpointSummary].self, forKey: .endpoints)
    droppedIterations = try c.decodeIfPresent(Int.self, forKey: .droppedIterations) ?? 0
    retried = try c.decodeIfPresent(Int.self, forKey: .retried) ?? 0
    scheduledIterations = try c.decodeIfPresent(Int.self, forKey: .scheduledIterations)
    maxDeviation = try c.decodeIfPresent(LoadDeviation.self, forKey: .maxDeviation)
    service = try c.decodeIfPresent(LatencyStats.self, forKey: .service)
    thresholds = try c.decodeIfPresent([ThresholdResult].self, forKey: .thresholds) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(schemaVersion, forKey: .schemaVersion)
    try c.encode(startedAt.formatted(Self.timestampStyle), forKey: .startedAt)
    try c.encode(durationSeconds, forKey: .durationSeconds)
    try c.encode(loadDurationSeconds, forKey: .loadDurationSeconds)
    try c.encode(drainSeconds, forKey: .drainSeconds)
    try c.encode(interrupted, forKey: .interrupted)
    try c.encode(requests, forKey: .requests)
    try c.encode(rps, forKey: .rps)
    try c.encode(latency, forKey: .latency)
    try c.encode(errors, forKey: .errors)
    try c.encode(errorDetails, forKey: .errorDetails)
    try c.encode(statusCodes, forKey: .statusCodes)
    try c.encode(connectionsOpened, forKey: .connectionsOpened)
    try c.encode(bytesReceived, forKey: .bytesReceived)
    var nested = c.nestedContainer(keyedBy: ChecksKeys.self, forKey: .checks)
    try nested.encode(checks.passed, forKey: .passed)
    try nested.encode(checks.failed, forKey: .failed)
    try nested.encode(checkDetails, forKey: .details)
    try c.encode(endpoints, forKey: .endpoints)
    try c.encode(droppedIterations, forKey: .droppedIterations)
    try c.encode(retried, forKey: .retried)
    try c.encodeIfPresent(scheduledIterations, forKey: .scheduledIterations)
    try c.encodeIfPresent(maxDeviation, forKey: .maxDeviation)
    try c.encodeIfPresent(service, forKey: .service)
    try c.encode(thresholds, forKey: .thresholds)
  }
}
