/// The whole run's metrics for one interval (normally one second): one line of `snapshots.ndjson`,
/// one live-view refresh, one dashboard update.
///
/// JSON keys (snake_case, `schemas/snapshot.schema.json`): `elapsed_s`, `interval_s`,
/// `target_vus`, `active_vus`, `requests`, `failed`, `rps`, `latency_ms`, `errors`,
/// `connections_opened`, `bytes_received`, `endpoints`.
///
/// `errors` holds every failure class (all `RequestOutcome`s but success), 0 when none; success
/// is `requests − failed`, so success plus the `errors` values sum to `requests` (HTTP-CASES C9).
public struct Snapshot: Codable, Sendable, Equatable {
  /// Seconds since the run started, at the end of this interval.
  public var elapsedSeconds: Double
  /// Length of this interval, s (the `rps` denominator). One snapshot per tick; the last one
  /// also covers the drain after the load stopped, so it may be longer than a tick.
  public var intervalSeconds: Double
  /// The target applied during this tick (VUs in the closed model).
  public var targetVUs: Double
  /// Virtual users running at the end of the interval; for the last snapshot, those running
  /// when the load stopped (before the drain).
  public var activeVUs: Int
  /// Requests finished in the interval, every class.
  public var requests: Int
  /// Requests in every class but success.
  public var failed: Int
  /// `requests / intervalSeconds`, requests per second.
  public var rps: Double
  /// Latency of the interval's complete responses (success, 4xx, 5xx), ms.
  public var latency: LatencyStats
  /// Count per failure class; see the type's documentation.
  public var errors: [String: Int]
  /// TCP connections opened in the interval.
  public var connectionsOpened: Int
  /// Response bytes on the wire in the interval.
  public var bytesReceived: Int
  /// Per endpoint, in plan order.
  public var endpoints: [EndpointSnapshot]

  public init(
    elapsedSeconds: Double, intervalSeconds: Double, targetVUs: Double, activeVUs: Int, requests: Int,
    failed: Int, rps: Double, latency: LatencyStats, errors: [String: Int], connectionsOpened: Int,
    bytesReceived: Int, endpoints: [EndpointSnapshot]
  ) {
    self.elapsedSeconds = elapsedSeconds
    self.intervalSeconds = intervalSeconds
    self.targetVUs = targetVUs
    self.activeVUs = activeVUs
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
    case elapsedSeconds = "elapsed_s"
    case intervalSeconds = "interval_s"
    case targetVUs = "target_vus"
    case activeVUs = "active_vus"
    case requests, failed, rps
    case latency = "latency_ms"
    case errors
    case connectionsOpened = "connections_opened"
    case bytesReceived = "bytes_received"
    case endpoints
  }
}
