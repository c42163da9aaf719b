import Histogram

/// A worker's local recorder: per-endpoint HDR histograms and per-class counters for the
/// current interval. Used by exactly one thread (the worker's event loop); not Sendable.
///
/// Which requests are timed: only those with a complete response (success, 4xx, 5xx, see
/// `RequestOutcome.hasCompleteResponse` for why); every request is counted in its class.
/// Memory is fixed: one `LatencyHistogram` (≈ 188 KB) per endpoint whatever the request count
/// (HTTP-CASES C10); `takeInterval()` resets it in place instead of allocating a new one.
public final class MetricsRecorder {
  private let endpointCount: Int
  private var histograms: [Histogram<UInt64>]
  private var latencySums: [UInt64]
  /// `endpoint * RequestOutcome.count + outcome.index`.
  private var outcomeCounts: [Int]
  private var bytesReceived: [Int]
  private var statusCodes: [[Int: Int]]
  private var connectionsOpened = 0

  /// - Parameter endpointCount: number of metric groups (`Plan.endpoints.count`).
  public init(endpointCount: Int) {
    precondition(endpointCount >= 0, "endpointCount must not be negative")
    self.endpointCount = endpointCount
    histograms = (0..<endpointCount).map { _ in LatencyHistogram.make() }
    latencySums = Array(repeating: 0, count: endpointCount)
    outcomeCounts = Array(repeating: 0, count: endpointCount * RequestOutcome.count)
    bytesReceived = Array(repeating: 0, count: endpointCount)
    statusCodes = Array(repeating: [:], count: endpointCount)
  }

  /// Records one finished request.
  /// - Parameters:
  ///   - endpoint: index into the plan's endpoints.
  ///   - outcome: its class.
  ///   - latencyMicros: from the moment the request was due to the last response byte, µs.
  ///     Clamped to 1 h (`LatencyHistogram.highestTrackableMicros`); ignored unless
  ///     `outcome.hasCompleteResponse`.
  ///   - bytesReceived: response bytes on the wire.
  public func record(endpoint: Int, outcome: RequestOutcome, latencyMicros: UInt64, bytesReceived: Int) {
    precondition(endpoint >= 0 && endpoint < endpointCount, "endpoint index \(endpoint) out of range")
    outcomeCounts[endpoint &* RequestOutcome.count &+ outcome.index] &+= 1
    self.bytesReceived[endpoint] &+= bytesReceived
    if outcome.hasCompleteResponse {
      let value = min(latencyMicros, LatencyHistogram.highestTrackableMicros)
      histograms[endpoint].record(value)
      latencySums[endpoint] &+= value
    }
  }

  /// Records one request that got a complete response with `status`: classifies it
  /// (`RequestOutcome.classify(status:)`) and also counts the status code, so 3xx and 429
  /// stay visible on their own (HTTP-CASES C12, C13).
  /// - Parameters:
  ///   - endpoint: index into the plan's endpoints.
  ///   - status: final status code (after any 1xx).
  ///   - latencyMicros: from the moment the request was due to the last response byte, µs.
  ///   - bytesReceived: response bytes on the wire.
  public func record(endpoint: Int, status: Int, latencyMicros: UInt64, bytesReceived: Int) {
    record(
      endpoint: endpoint, outcome: RequestOutcome.classify(status: status), latencyMicros: latencyMicros,
      bytesReceived: bytesReceived)
    statusCodes[endpoint][status, default: 0] &+= 1
  }

  /// Counts a newly opened TCP connection.
  public func recordConnectionOpened() {
    connectionsOpened &+= 1
  }

  /// Hands over everything recorded since the last call and starts a fresh interval.
  public func takeInterval() -> IntervalMetrics {
    var endpoints: [EndpointIntervalMetrics] = []
    endpoints.reserveCapacity(endpointCount)
    for i in 0..<endpointCount {
      var outcomes = OutcomeCounts()
      let base = i * RequestOutcome.count
      for outcome in RequestOutcome.allCases {
        outcomes[outcome] = outcomeCounts[base + outcome.index]
        outcomeCounts[base + outcome.index] = 0
      }
      var latency = SparseHistogram()
      if histograms[i].totalCount > 0 {
        latency = SparseHistogram(histograms[i])
        histograms[i].reset()
      }
      endpoints.append(
        EndpointIntervalMetrics(
          latency: latency, latencySumMicros: latencySums[i], outcomes: outcomes,
          bytesReceived: bytesReceived[i], statusCodes: statusCodes[i]))
      latencySums[i] = 0
      bytesReceived[i] = 0
      if !statusCodes[i].isEmpty { statusCodes[i].removeAll(keepingCapacity: true) }
    }
    let interval = IntervalMetrics(endpoints: endpoints, connectionsOpened: connectionsOpened)
    connectionsOpened = 0
    return interval
  }
}
