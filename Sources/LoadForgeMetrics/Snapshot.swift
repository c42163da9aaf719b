/// The whole run's metrics for one interval (normally one second): one line of `snapshots.ndjson`,
/// one live-view refresh, one dashboard update.
///
/// JSON keys (snake_case, `schemas/snapshot.schema.json`): `phase`, `elapsed_s`, `interval_s`,
/// `target_vus`, `active_vus`, `in_flight`, `requests`, `failed`, `rps`, `latency_ms`, `errors`,
/// `connections_opened`, `bytes_received`, `checks`, `endpoints` (`checks` absent in files written
/// before checks existed: decodes as zero), `dropped_iterations` (absent in older files: 0); in
/// the open model also `target_rate`, `achieved_rate` and `service_ms`; `open_fds` when known; `retried`.
///
/// A run emits one `.load` snapshot per tick of the pattern, each at its boundary (the ticks
/// started, when a stop cut the pattern short), then one `.drain` snapshot when requests were
/// still in flight as the load phase ended (see `Phase`).
///
/// `errors` holds every failure class (all `RequestOutcome`s but success), 0 when none; success
/// is `requests − failed`, so success plus the `errors` values sum to `requests` (HTTP-CASES C9).
public struct Snapshot: Codable, Sendable, Equatable {
  /// The load phase (one tick) or the drain after it.
  public var phase: Phase
  /// Seconds since the run started, at the end of this interval.
  public var elapsedSeconds: Double
  /// Length of this interval, s: a tick, a shorter last or stopped tick, or the drain's length.
  public var intervalSeconds: Double
  /// The target applied during this tick (VUs in the closed model); 0 for the drain, when the
  /// pattern is over.
  public var targetVUs: Double
  /// Virtual users running at the end of the interval, all workers (0 at the end of the drain).
  public var activeVUs: Int
  /// Requests sent and not finished at the end of the interval, all workers; for the last load
  /// snapshot, the requests the drain waits for.
  public var inFlight: Int
  /// Requests finished in the interval, every class.
  public var requests: Int
  /// Requests in every class but success.
  public var failed: Int
  /// Requests finished per second. Load phase: `requests / intervalSeconds`. Drain:
  /// `requests / max(intervalSeconds, tick)`, so a drain of a few ms is not extrapolated into a
  /// burst (4 requests finishing in 20 ms show as 4 RPS with 1 s ticks, not 200), while a drain
  /// longer than a tick shows its true completion rate.
  public var rps: Double
  /// Latency of the interval's complete responses (success, 4xx, 5xx), ms.
  public var latency: LatencyStats
  /// Count per failure class; see the type's documentation.
  public var errors: [String: Int]
  /// TCP connections opened in the interval.
  public var connectionsOpened: Int
  /// Response bytes on the wire in the interval.
  public var bytesReceived: Int
  /// `expect` checks and captures evaluated in the interval, all endpoints.
  public var checks: CheckCounts
  /// Per endpoint, in plan order.
  public var endpoints: [EndpointSnapshot]
  /// Open model: iterations due in the interval that found no free VU (0 in the closed model).
  public var droppedIterations: Int = 0
  /// Open model only: the pattern's mean rate over the interval, iterations/s.
  public var targetRate: Double?
  /// Open model only: iterations started in the interval / its length, iterations/s.
  public var achievedRate: Double?
  /// Open model only (`service_ms`): service time from the actual send, ms; `latency` then counts
  /// from each iteration's scheduled start (coordinated omission corrected).
  public var service: LatencyStats?
  /// File descriptors the process held at the end of the interval (`open_fds`, sampled from
  /// /proc/self/fd): flat under connection churn when every closed connection's fd is released
  /// (HTTP-CASES C1). Nil where it could not be read, and in files written before it existed.
  public var openFileDescriptors: Int?
  /// Requests sent again on a fresh connection after a stale keep-alive one (`retried`; not
  /// errors, each request counted once in `requests`). 0 in files written before it existed.
  public var retried: Int = 0

  public init(
    phase: Phase, elapsedSeconds: Double, intervalSeconds: Double, targetVUs: Double, activeVUs: Int,
    inFlight: Int, requests: Int, failed: Int, rps: Double, latency: LatencyStats, errors: [String: Int],
    connectionsOpened: Int, bytesReceived: Int, checks: CheckCounts = CheckCounts(), endpoints: [EndpointSnapshot]
  ) {
    self.checks = checks
    self.phase = phase
    self.elapsedSeconds = elapsedSeconds
    self.intervalSeconds = intervalSeconds
    self.targetVUs = targetVUs
    self.activeVUs = activeVUs
    self.inFlight = inFlight
    self.requests = requests
    self.failed = failed
    self.rps = rps
    self.latency = latency
    self.errors = errors
    self.connectionsOpened = connectionsOpened
    self.bytesReceived = bytesReceived
    self.endpoints = endpoints
  }

  enum CodingKeys: String, CodingKey {
    case phase
    case elapsedSeconds = "elapsed_s"
    case intervalSeconds = "interval_s"
    case targetVUs = "target_vus"
    case activeVUs = "active_vus"
    case inFlight = "in_flight"
    case requests, failed, rps
    case latency = "latency_ms"
    case errors
    case connectionsOpened = "connections_opened"
    case bytesReceived = "bytes_received"
    case checks
    case endpoints
    case droppedIterations = "dropped_iterations"
    case targetRate = "target_rate"
    case achievedRate = "achieved_rate"
    case service = "service_ms"
    case openFileDescriptors = "open_fds"
    case retried
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    phase = try c.decode(Phase.self, forKey: .phase)
    elapsedSeconds = try c.decode(Double.self, forKey: .elapsedSeconds)
    intervalSeconds = try c.decode(Double.self, forKey: .intervalSeconds)
    targetVUs = try c.decode(Double.self, forKey: .targetVUs)
    activeVUs = try c.decode(Int.self, forKey: .activeVUs)
    inFlight = try c.decode(Int.self, forKey: .inFlight)
    requests = try c.decode(Int.self, forKey: .requests)
    failed = try c.decode(Int.self, forKey: .failed)
    rps = try c.decode(Double.self, forKey: .rps)
    latency = try c.decode(LatencyStats.self, forKey: .latency)
    errors = try c.decode([String: Int].self, forKey: .errors)
    connectionsOpened = try c.decode(Int.self, forKey: .connectionsOpened)
    bytesReceived = try c.decode(Int.self, forKey: .bytesReceived)
    checks = try c.decodeIfPresent(CheckCounts.self, forKey: .checks) ?? CheckCounts()
    endpoints = try c.decode([EndpointSnapshot].self, forKey: .endpoints)
    droppedIterations = try c.decodeIfPresent(Int.self, forKey: .droppedIterations) ?? 0
    targetRate = try c.decodeIfPresent(Double.self, forKey: .targetRate)
    achievedRate = try c.decodeIfPresent(Double.self, forKey: .achievedRate)
    service = try c.decodeIfPresent(LatencyStats.self, forKey: .service)
    openFileDescriptors = try c.decodeIfPresent(Int.self, forKey: .openFileDescriptors)
    retried = try c.decodeIfPresent(Int.self, forKey: .retried) ?? 0
  }
}
