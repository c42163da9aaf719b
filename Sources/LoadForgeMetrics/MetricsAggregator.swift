import Foundation
import Histogram

/// The coordinator's side of metrics: merges every worker's `IntervalMetrics` into one
/// `Snapshot` per interval and keeps per-endpoint totals for the run's `Summary`.
///
/// Use per interval: `merge(_:)` once per worker, then `closeInterval(…)`; at the end
/// `summary(…)`. Histograms merge losslessly (HdrHistogram add), so run percentiles are exact
/// to the histogram's precision, never averages of per-second percentiles.
public struct MetricsAggregator {
  /// Metric groups, in plan order.
  public let endpoints: [EndpointInfo]
  private var interval: [EndpointAccumulator]
  private var totals: [EndpointAccumulator]
  private var intervalConnections = 0
  private var totalConnections = 0
  /// Reused every interval for the all-endpoints histogram.
  private var scratch = EndpointAccumulator()

  public init(endpoints: [EndpointInfo]) {
    self.endpoints = endpoints
    interval = endpoints.map { _ in EndpointAccumulator() }
    totals = endpoints.map { _ in EndpointAccumulator() }
  }

  /// Adds one worker's interval to the current interval.
  /// - Precondition: `interval.endpoints.count <= endpoints.count` (workers run the same plan).
  public mutating func merge(_ interval: IntervalMetrics) {
    precondition(
      interval.endpoints.count <= endpoints.count,
      "interval has \(interval.endpoints.count) endpoints, the plan \(endpoints.count)")
    for (i, e) in interval.endpoints.enumerated() { self.interval[i].add(e) }
    intervalConnections += interval.connectionsOpened
  }

  /// Ends the current interval: returns its snapshot, folds it into the run totals and starts
  /// an empty interval.
  /// - Parameters:
  ///   - elapsedSeconds: time since the run started, at the end of the interval, s.
  ///   - intervalSeconds: length of the interval, s (the `rps` denominator; ≤ 0 gives rps 0).
  ///   - targetVUs: the pattern's target now.
  ///   - activeVUs: virtual users running now, all workers.
  public mutating func closeInterval(
    elapsedSeconds: Double, intervalSeconds: Double, targetVUs: Double, activeVUs: Int
  ) -> Snapshot {
    scratch.reset()
    var endpointSnapshots: [EndpointSnapshot] = []
    endpointSnapshots.reserveCapacity(endpoints.count)
    for (i, info) in endpoints.enumerated() {
      let e = interval[i]
      scratch.add(e)
      endpointSnapshots.append(
        EndpointSnapshot(
          name: info.name, method: info.method, requests: e.outcomes.total, failed: e.outcomes.failed,
          rps: Self.rate(e.outcomes.total, intervalSeconds), latency: e.latency, errors: e.outcomes.errorsByClass,
          bytesReceived: e.bytesReceived))
      totals[i].add(e)
      interval[i].reset()
    }
    let snapshot = Snapshot(
      elapsedSeconds: elapsedSeconds, intervalSeconds: intervalSeconds, targetVUs: targetVUs,
      activeVUs: activeVUs, requests: scratch.outcomes.total, failed: scratch.outcomes.failed,
      rps: Self.rate(scratch.outcomes.total, intervalSeconds), latency: scratch.latency,
      errors: scratch.outcomes.errorsByClass, connectionsOpened: intervalConnections,
      bytesReceived: scratch.bytesReceived, endpoints: endpointSnapshots)
    totalConnections += intervalConnections
    intervalConnections = 0
    return snapshot
  }

  /// The run's results over every closed interval (an interval not yet closed is not included).
  /// - Parameters:
  ///   - startedAt: wall-clock start of the run.
  ///   - durationSeconds: how long load was generated, s (the `rps` denominator; ≤ 0 gives rps 0).
  ///   - interrupted: true when the run stopped early.
  public func summary(startedAt: Date, durationSeconds: Double, interrupted: Bool) -> Summary {
    var all = EndpointAccumulator()
    var endpointSummaries: [EndpointSummary] = []
    for (i, info) in endpoints.enumerated() {
      let e = totals[i]
      all.add(e)
      endpointSummaries.append(
        EndpointSummary(
          name: info.name, method: info.method, requests: e.outcomes.total, failed: e.outcomes.failed,
          rps: Self.rate(e.outcomes.total, durationSeconds), latency: e.latency, errors: e.outcomes.errorsByClass,
          bytesReceived: e.bytesReceived, statusCodes: e.statusCodesByName))
    }
    return Summary(
      startedAt: startedAt, durationSeconds: durationSeconds, interrupted: interrupted,
      requests: RequestTotals(
        total: all.outcomes.total, succeeded: all.outcomes.succeeded, failed: all.outcomes.failed),
      rps: Self.rate(all.outcomes.total, durationSeconds), latency: all.latency,
      errors: all.outcomes.errorsByClass, statusCodes: all.statusCodesByName,
      connectionsOpened: totalConnections, bytesReceived: all.bytesReceived, endpoints: endpointSummaries)
  }

  /// Run-total latency histogram of one endpoint (µs), e.g. for a percentile-distribution chart.
  public func latencyHistogram(endpoint: Int) -> Histogram<UInt64> { totals[endpoint].histogram }

  /// Run-total latency histogram over all endpoints (µs).
  public func latencyHistogram() -> Histogram<UInt64> {
    var all = LatencyHistogram.make()
    for e in totals where e.histogram.totalCount > 0 { all.add(e.histogram) }
    return all
  }

  private static func rate(_ count: Int, _ seconds: Double) -> Double {
    seconds > 0 && seconds.isFinite ? Double(count) / seconds : 0
  }
}
