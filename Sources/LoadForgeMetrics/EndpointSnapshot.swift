/// One endpoint's share of a `Snapshot` (one interval, all workers).
///
/// JSON keys: `name`, `method`, `requests`, `failed`, `rps`, `latency_ms`, `errors`, `bytes_received`,
/// `checks` (absent in files written before checks existed: decodes as zero).
public struct EndpointSnapshot: Codable, Sendable, Equatable {
  public var name: String
  public var method: String
  /// Requests finished in the interval, every class.
  public var requests: Int
  /// Requests in every class but success.
  public var failed: Int
  /// Requests finished per second, with the snapshot's denominator (`Snapshot.rps`).
  public var rps: Double
  /// Latency of the interval's complete responses, ms.
  public var latency: LatencyStats
  /// Open model only (`service_ms`): service time from the actual send to the last byte, ms,
  /// while `latency` counts from the iteration's scheduled start. Absent in the closed model.
  public var service: LatencyStats?
  /// Count per failure class, every failure class present (success excluded: it is `requests − failed`).
  public var errors: [String: Int]
  /// Response bytes on the wire.
  public var bytesReceived: Int
  /// `expect` checks and captures evaluated in the interval.
  public var checks: CheckCounts

  public init(
    name: String, method: String, requests: Int, failed: Int, rps: Double, latency: LatencyStats,
    errors: [String: Int], bytesReceived: Int, checks: CheckCounts = CheckCounts()
  ) {
    self.checks = checks
    self.name = name
    self.method = method
    self.requests = requests
    self.failed = failed
    self.rps = rps
    self.latency = latency
    self.errors = errors
    self.bytesReceived = bytesReceived
  }

  enum CodingKeys: String, CodingKey {
    case name, method, requests, failed, rps
    case latency = "latency_ms"
    case service = "service_ms"
    case errors
    case bytesReceived = "bytes_received"
    case checks
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    method = try c.decode(String.self, forKey: .method)
    requests = try c.decode(Int.self, forKey: .requests)
    failed = try c.decode(Int.self, forKey: .failed)
    rps = try c.decode(Double.self, forKey: .rps)
    latency = try c.decode(LatencyStats.self, forKey: .latency)
    service = try c.decodeIfPresent(LatencyStats.self, forKey: .service)
    errors = try c.decode([String: Int].self, forKey: .errors)
    bytesReceived = try c.decode(Int.self, forKey: .bytesReceived)
    checks = try c.decodeIfPresent(CheckCounts.self, forKey: .checks) ?? CheckCounts()
  }
}
