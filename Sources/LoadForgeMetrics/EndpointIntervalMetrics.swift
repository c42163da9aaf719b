/// One endpoint's metrics for one interval of one worker.
public struct EndpointIntervalMetrics: Sendable, Equatable, Codable {
  /// Latency of requests with a complete response (`RequestOutcome.hasCompleteResponse`), µs.
  public var latency: SparseHistogram
  /// Exact sum of the latencies in `latency`, µs (after clamping to 1 h), for an exact mean.
  public var latencySumMicros: UInt64
  /// Requests per class.
  public var outcomes: OutcomeCounts
  /// Response bytes on the wire (HTTP-CASES C14).
  public var bytesReceived: Int
  /// Complete responses per status code (only those recorded with a status).
  public var statusCodes: [Int: Int]
  /// `expect` checks and captures evaluated on the interval's complete responses.
  public var checks: CheckCounts
  /// Open model only: service time of the same responses (write start to last byte), µs;
  /// `latency` then counts from the iteration's scheduled start (coordinated omission). Empty
  /// in the closed model, where the two are equal.
  public var service: SparseHistogram = SparseHistogram()
  /// Exact sum of the service times in `service`, µs.
  public var serviceSumMicros: UInt64 = 0

  public init(
    latency: SparseHistogram = SparseHistogram(), latencySumMicros: UInt64 = 0,
    outcomes: OutcomeCounts = OutcomeCounts(), bytesReceived: Int = 0, statusCodes: [Int: Int] = [:],
    checks: CheckCounts = CheckCounts(), service: SparseHistogram = SparseHistogram(), serviceSumMicros: UInt64 = 0
  ) {
    self.service = service
    self.serviceSumMicros = serviceSumMicros
    self.checks = checks
    self.latency = latency
    self.latencySumMicros = latencySumMicros
    self.outcomes = outcomes
    self.bytesReceived = bytesReceived
    self.statusCodes = statusCodes
  }
}
