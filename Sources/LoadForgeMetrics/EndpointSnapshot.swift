/// One endpoint's share of a `Snapshot` (one interval, all workers).
///
/// JSON keys: `name`, `method`, `requests`, `failed`, `rps`, `latency_ms`, `errors`, `bytes_received`.
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
  /// Count per failure class, every failure class present (success excluded: it is `requests − failed`).
  public var errors: [String: Int]
  /// Response bytes on the wire.
  public var bytesReceived: Int

  public init(
    name: String, method: String, requests: Int, failed: Int, rps: Double, latency: LatencyStats,
    errors: [String: Int], bytesReceived: Int
  ) {
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
    case errors
    case bytesReceived = "bytes_received"
  }
}
