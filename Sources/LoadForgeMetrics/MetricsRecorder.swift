import Histogram

/// A worker's local recorder: per-endpoint HDR histograms and per-class counters for the
/// current interval. Used by exactly one thread (the worker's event loop); not Sendable.
///
/// Which requests are timed: only those with a complete response (success, 4xx, 5xx, see
/// `RequestOutcome.hasCompleteResponse` for why); every request is counted in its class.
/// Memory is fixed: one `LatencyHistogram` (≈ 188 KB) per endpoint whatever the request count
/// (HTTP-CASES C10); `takeInterval()` clears it (`LatencyHistogram.clear`).
///
/// Cost: `record` runs once per request on the worker's hot path. Status codes 100–599 are
/// counted in a dense table (4 KB per endpoint) rather than hashed, and the properties skip the
/// runtime exclusivity checks (one thread, and no access spans a call back into the recorder):
/// together ~600 of ~1,000 instructions per request (`Benchmarks/callgrind-per-request.sh`).
public final class MetricsRecorder {
  private let endpointCount: Int
  @exclusivity(unchecked) private var histograms: [Histogram<UInt64>]
  @exclusivity(unchecked) private var latencySums: [UInt64]
  /// `endpoint * RequestOutcome.count + outcome.index`.
  @exclusivity(unchecked) private var outcomeCounts: [Int]
  @exclusivity(unchecked) private var bytesReceived: [Int]
  /// `endpoint * denseStatusCount + status - denseStatusLow` for status codes 100–599 (the only
  /// ones a parsed response can carry, RFC 9110 §15).
  @exclusivity(unchecked) private var denseStatusCounts: [Int]
  /// Status codes outside 100–599 (only reachable through the public API).
  @exclusivity(unchecked) private var otherStatusCodes: [[Int: Int]]
  @exclusivity(unchecked) private var connectionsOpened = 0
  @exclusivity(unchecked) private var retried = 0
  /// `endpoint * 2` passed, `endpoint * 2 + 1` failed.
  @exclusivity(unchecked) private var checkCounts: [Int]
  /// Open model: service times (write start to last byte), µs; allocated on first use, so the
  /// closed model carries no second histogram.
  @exclusivity(unchecked) private var serviceHistograms: [Histogram<UInt64>] = []
  @exclusivity(unchecked) private var serviceSums: [UInt64] = []
  @exclusivity(unchecked) private var iterationsStarted = 0
  @exclusivity(unchecked) private var droppedIterations = 0

  private static let denseStatusLow = 100
  private static let denseStatusCount = 500

  /// - Parameter endpointCount: number of metric groups (`Plan.endpoints.count`).
  public init(endpointCount: Int) {
    precondition(endpointCount >= 0, "endpointCount must not be negative")
    self.endpointCount = endpointCount
    histograms = (0..<endpointCount).map { _ in LatencyHistogram.make() }
    latencySums = Array(repeating: 0, count: endpointCount)
    outcomeCounts = Array(repeating: 0, count: endpointCount * RequestOutcome.count)
    bytesReceived = Array(repeating: 0, count: endpointCount)
    denseStatusCounts = Array(repeating: 0, count: endpointCount * Self.denseStatusCount)
    otherStatusCodes = Array(repeating: [:], count: endpointCount)
    checkCounts = Array(repeating: 0, count: endpointCount * 2)
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
      endpoint: endpoint, status: status, outcome: RequestOutcome.classify(status: status),
      latencyMicros: latencyMicros, bytesReceived: bytesReceived)
  }

  /// Records one request that got a complete response with `status` and was inspected by its
  /// task's `expect` checks and captures: `outcome` is the class the engine decided (a 404
  /// accepted by a status check is `.success`, a failed check `.checkFailed`), the status code
  /// is counted as is.
  /// - Parameters:
  ///   - endpoint: index into the plan's endpoints.
  ///   - status: final status code (after any 1xx).
  ///   - outcome: its class; should be one with `hasCompleteResponse`.
  ///   - checksPassed: checks and captures that passed on this response.
  ///   - checksFailed: checks and captures that failed on this response.
  ///   - latencyMicros: from the moment the request was due to the last response byte, µs.
  ///   - bytesReceived: response bytes on the wire.
  public func record(
    endpoint: Int, status: Int, outcome: RequestOutcome, checksPassed: Int, checksFailed: Int,
    latencyMicros: UInt64, bytesReceived: Int
  ) {
    record(
      endpoint: endpoint, status: status, outcome: outcome, latencyMicros: latencyMicros,
      bytesReceived: bytesReceived)
    checkCounts[endpoint &* 2] &+= checksPassed
    checkCounts[endpoint &* 2 &+ 1] &+= checksFailed
  }

  @inline(__always)
  private func record(endpoint: Int, status: Int, outcome: RequestOutcome, latencyMicros: UInt64, bytesReceived: Int) {
    record(endpoint: endpoint, outcome: outcome, latencyMicros: latencyMicros, bytesReceived: bytesReceived)
    let slot = status &- Self.denseStatusLow
    if slot >= 0 && slot < Self.denseStatusCount {
      denseStatusCounts[endpoint &* Self.denseStatusCount &+ slot] &+= 1
    } else {
      otherStatusCodes[endpoint][status, default: 0] &+= 1
    }
  }

  /// Open model: records the service time of a request with a complete response (from its
  /// write start to the last byte, µs), next to its latency from the scheduled start.
  public func recordService(endpoint: Int, micros: UInt64) {
    precondition(endpoint >= 0 && endpoint < endpointCount, "endpoint index \(endpoint) out of range")
    if serviceHistograms.isEmpty {
      serviceHistograms = (0..<endpointCount).map { _ in LatencyHistogram.make() }
      serviceSums = Array(repeating: 0, count: endpointCount)
    }
    let value = min(micros, LatencyHistogram.highestTrackableMicros)
    serviceHistograms[endpoint].record(value)
    serviceSums[endpoint] &+= value
  }

  /// Open model: an iteration was given to a free VU.
  public func recordIterationStarted() {
    iterationsStarted &+= 1
  }

  /// Open model: an iteration was due but every VU was busy; it is dropped, not queued.
  public func recordDroppedIteration() {
    droppedIterations &+= 1
  }

  /// Counts a newly opened TCP connection.
  public func recordConnectionOpened() {
    connectionsOpened &+= 1
  }

  /// Counts a request sent again on a fresh connection because the kept-alive one it went out on
  /// was closed by the server before any response byte (idempotent methods only; RFC 9112
  /// §9.3.1). The request itself is recorded once, by its final attempt.
  public func recordRetry() {
    retried &+= 1
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
        LatencyHistogram.clear(&histograms[i])
      }
      var service = SparseHistogram()
      var serviceSum: UInt64 = 0
      if !serviceHistograms.isEmpty && serviceHistograms[i].totalCount > 0 {
        service = SparseHistogram(serviceHistograms[i])
        LatencyHistogram.clear(&serviceHistograms[i])
        serviceSum = serviceSums[i]
        serviceSums[i] = 0
      }
      var statusCodes = otherStatusCodes[i]
      let statusBase = i * Self.denseStatusCount
      for slot in 0..<Self.denseStatusCount where denseStatusCounts[statusBase + slot] != 0 {
        statusCodes[Self.denseStatusLow + slot] = denseStatusCounts[statusBase + slot]
        denseStatusCounts[statusBase + slot] = 0
      }
      endpoints.append(
        EndpointIntervalMetrics(
          latency: latency, latencySumMicros: latencySums[i], outcomes: outcomes,
          bytesReceived: bytesReceived[i], statusCodes: statusCodes,
          checks: CheckCounts(passed: checkCounts[2 * i], failed: checkCounts[2 * i + 1]), service: service,
          serviceSumMicros: serviceSum))
      checkCounts[2 * i] = 0
      checkCounts[2 * i + 1] = 0
      latencySums[i] = 0
      bytesReceived[i] = 0
      if !otherStatusCodes[i].isEmpty { otherStatusCodes[i].removeAll(keepingCapacity: true) }
    }
    let interval = IntervalMetrics(
      endpoints: endpoints, connectionsOpened: connectionsOpened, iterationsStarted: iterationsStarted,
      droppedIterations: droppedIterations, retried: retried)
    retried = 0
    connectionsOpened = 0
    iterationsStarted = 0
    droppedIterations = 0
    return interval
  }
}
