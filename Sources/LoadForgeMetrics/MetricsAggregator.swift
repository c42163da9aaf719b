import Foundation
import Histogram

/// The coordinator's side of metrics: merges every worker's `IntervalMetrics` into one
/// `Snapshot` per interval and keeps per-endpoint totals for the run's `Summary`.
///
/// Use per interval: `merge(_:)` once per worker, then `closeInterval(…)` (a load tick) or
/// `closeDrain(…)` (the drain after the load phase); once per worker at its end
/// `mergeCheckItems(_:)`; at the end `summary(…)`. Histograms merge losslessly (HdrHistogram add), so run percentiles are exact
/// to the histogram's precision, never averages of per-second percentiles.
public struct MetricsAggregator {
  /// Metric groups, in plan order.
  public let endpoints: [EndpointInfo]
  /// Each task's checks and captures, in the workers' task order (`CheckItemCounters`).
  public let checkItems: [[CheckItemInfo]]
  private var checkCounters: CheckItemCounters
  private var errorReasons = ErrorReasons()
  private var interval: [EndpointAccumulator]
  private var totals: [EndpointAccumulator]
  private var intervalConnections = 0
  private var totalConnections = 0
  /// Reused every interval for the all-endpoints histogram.
  private var scratch = EndpointAccumulator()
  /// Whether the run is the open model: snapshots and the summary then carry `service_ms`,
  /// `target_rate` and `achieved_rate`.
  public let isOpenModel: Bool
  private var intervalIterations = 0
  private var intervalDropped = 0
  private var intervalRetried = 0
  private var totalRetried = 0
  private var totalDropped = 0
  private var totalStarted = 0
  /// The largest deviation seen in a closed load tick (`LoadDeviation`).
  private var maxDeviation: LoadDeviation?
  /// The distributions of the interval closed last (`closeInterval` / `closeDrain`), for
  /// `SnapshotObserver.recordHistograms(_:)`; nil before the first close.
  public private(set) var lastIntervalHistograms: IntervalHistograms?

  /// - Parameters:
  ///   - checkItems: per task (in the workers' order), its checks then its captures.
  ///   - isOpenModel: the run paces iterations (`model = "arrival_rate"`).
  public init(endpoints: [EndpointInfo], checkItems: [[CheckItemInfo]] = [], isOpenModel: Bool = false) {
    self.isOpenModel = isOpenModel
    self.endpoints = endpoints
    self.checkItems = checkItems
    checkCounters = CheckItemCounters(itemsPerTask: checkItems.map(\.count))
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
    intervalIterations += interval.iterationsStarted
    intervalDropped += interval.droppedIterations
    intervalRetried += interval.retried
  }

  /// Adds one worker's per-check counters (from its final report; they cover its whole run).
  /// - Precondition: made for the same tasks as `checkItems`.
  public mutating func mergeCheckItems(_ counters: CheckItemCounters) {
    checkCounters.add(counters)
  }

  /// Adds one worker's failure reasons (from its final report; they cover its whole run).
  public mutating func mergeErrorReasons(_ reasons: ErrorReasons) {
    errorReasons.add(reasons)
  }

  /// `checks.details`: one row per distinct (endpoint, check) in plan order (a check written
  /// the same way on two tasks of one name is one row, as k6 groups checks by name), with the
  /// first example in plan order.
  public var checkDetails: [CheckDetail] {
    var rows: [CheckDetail] = []
    var rowIndex: [String: Int] = [:]
    for (task, items) in checkItems.enumerated() {
      for (item, info) in items.enumerated() {
        let c = checkCounters.counts(task: task, item: item)
        let key = info.endpoint + "\u{0}" + info.check
        if let r = rowIndex[key] {
          rows[r].passed += c.passed
          rows[r].failed += c.failed
          if rows[r].example == nil { rows[r].example = c.example }
        } else {
          rowIndex[key] = rows.count
          rows.append(
            CheckDetail(
              endpoint: info.endpoint, check: info.check, passed: c.passed, failed: c.failed, example: c.example))
        }
      }
    }
    return rows
  }

  /// Whether the current interval holds nothing yet (no request, no connection opened).
  public var intervalIsEmpty: Bool {
    intervalConnections == 0 && intervalIterations == 0 && intervalDropped == 0 && intervalRetried == 0
      && interval.allSatisfy { $0.outcomes.total == 0 }
  }

  /// Ends the current interval as one tick of the load phase: returns its snapshot, folds it
  /// into the run totals and starts an empty interval.
  /// - Parameters:
  ///   - elapsedSeconds: time since the run started, at the end of the interval, s.
  ///   - intervalSeconds: length of the interval, s (the `rps` denominator; ≤ 0 gives rps 0).
  ///   - targetVUs: the pattern's target now.
  ///   - activeVUs: virtual users running now, all workers.
  ///   - inFlight: requests in flight now, all workers.
  ///   - targetRate: open model: the pattern's mean rate over the interval, iterations/s.
  public mutating func closeInterval(
    elapsedSeconds: Double, intervalSeconds: Double, targetVUs: Double, activeVUs: Int, inFlight: Int = 0,
    targetRate: Double? = nil
  ) -> Snapshot {
    var snapshot = close(
      phase: .load, elapsedSeconds: elapsedSeconds, intervalSeconds: intervalSeconds,
      rateSeconds: intervalSeconds, targetVUs: targetVUs, activeVUs: activeVUs, inFlight: inFlight)
    let deviation: LoadDeviation
    if isOpenModel {
      let target = targetRate ?? 0
      snapshot.targetRate = target
      let achieved = snapshot.achievedRate ?? 0
      deviation = LoadDeviation(value: abs(achieved - target), unit: "it/s", elapsedSeconds: elapsedSeconds)
    } else {
      deviation = LoadDeviation(
        value: abs(Double(activeVUs) - targetVUs), unit: "vus", elapsedSeconds: elapsedSeconds)
    }
    if intervalSeconds > 0, deviation.value > (maxDeviation?.value ?? -1) { maxDeviation = deviation }
    return snapshot
  }

  /// Ends the current interval as the drain after the load phase (target 0): returns its
  /// snapshot, folds it into the run totals and starts an empty interval.
  ///
  /// Its rates are `requests / max(intervalSeconds, tickSeconds)` (`Snapshot.rps`): a drain is
  /// often a few ms, and dividing by that would show the last responses as a burst.
  /// - Parameters:
  ///   - elapsedSeconds: time since the run started, at the end of the drain, s.
  ///   - intervalSeconds: length of the drain, s.
  ///   - tickSeconds: the run's tick, s (the smallest rate denominator).
  ///   - activeVUs: virtual users still running, all workers (0 once every worker ended).
  ///   - inFlight: requests still in flight, all workers (0 once every worker ended).
  public mutating func closeDrain(
    elapsedSeconds: Double, intervalSeconds: Double, tickSeconds: Double, activeVUs: Int = 0, inFlight: Int = 0
  ) -> Snapshot {
    close(
      phase: .drain, elapsedSeconds: elapsedSeconds, intervalSeconds: intervalSeconds,
      rateSeconds: max(intervalSeconds, tickSeconds), targetVUs: 0, activeVUs: activeVUs, inFlight: inFlight)
  }

  private mutating func close(
    phase: Snapshot.Phase, elapsedSeconds: Double, intervalSeconds: Double, rateSeconds: Double,
    targetVUs: Double, activeVUs: Int, inFlight: Int
  ) -> Snapshot {
    scratch.reset()
    var groups: [IntervalHistograms.Group] = []
    groups.reserveCapacity(endpoints.count)
    var endpointSnapshots: [EndpointSnapshot] = []
    endpointSnapshots.reserveCapacity(endpoints.count)
    for (i, info) in endpoints.enumerated() {
      let e = interval[i]
      scratch.add(e)
      var endpoint = EndpointSnapshot(
        name: info.name, method: info.method, requests: e.outcomes.total, failed: e.outcomes.failed,
        rps: Self.rate(e.outcomes.total, rateSeconds), latency: e.latency, errors: e.outcomes.errorsByClass,
        bytesReceived: e.bytesReceived, checks: e.checks)
      if isOpenModel { endpoint.service = e.service }
      endpointSnapshots.append(endpoint)
      totals[i].add(e)
      groups.append(e.intervalGroup)
      interval[i].reset()
    }
    let snapshot = Snapshot(
      phase: phase, elapsedSeconds: elapsedSeconds, intervalSeconds: intervalSeconds, targetVUs: targetVUs,
      activeVUs: activeVUs, inFlight: inFlight, requests: scratch.outcomes.total, failed: scratch.outcomes.failed,
      rps: Self.rate(scratch.outcomes.total, rateSeconds), latency: scratch.latency,
      errors: scratch.outcomes.errorsByClass, connectionsOpened: intervalConnections,
      bytesReceived: scratch.bytesReceived, checks: scratch.checks, endpoints: endpointSnapshots)
    lastIntervalHistograms = IntervalHistograms(
      startSeconds: elapsedSeconds - intervalSeconds, intervalSeconds: intervalSeconds, endpoints: groups,
      all: scratch.intervalGroup)
    totalConnections += intervalConnections
    intervalConnections = 0
    var result = snapshot
    result.droppedIterations = intervalDropped
    result.retried = intervalRetried
    totalRetried += intervalRetried
    intervalRetried = 0
    if isOpenModel {
      result.achievedRate = Self.rate(intervalIterations, rateSeconds)
      result.service = scratch.service
    }
    totalDropped += intervalDropped
    totalStarted += intervalIterations
    intervalIterations = 0
    intervalDropped = 0
    return result
  }

  /// The run's results over every closed interval (an interval not yet closed is not included).
  /// - Parameters:
  ///   - startedAt: wall-clock start of the run.
  ///   - loadDurationSeconds: the load phase, s (the `rps` denominator; ≤ 0 gives rps 0).
  ///   - drainSeconds: the drain after it, s (0 when nothing was in flight).
  ///   - interrupted: true when a stop arrived before the pattern ended.
  public func summary(
    startedAt: Date, loadDurationSeconds: Double, drainSeconds: Double = 0, interrupted: Bool
  ) -> Summary {
    var all = EndpointAccumulator()
    var endpointSummaries: [EndpointSummary] = []
    for (i, info) in endpoints.enumerated() {
      let e = totals[i]
      all.add(e)
      var endpoint = EndpointSummary(
        name: info.name, method: info.method, requests: e.outcomes.total, failed: e.outcomes.failed,
        rps: Self.rate(e.outcomes.total, loadDurationSeconds), latency: e.latency,
        errors: e.outcomes.errorsByClass, bytesReceived: e.bytesReceived, statusCodes: e.statusCodesByName,
        checks: e.checks)
      if isOpenModel { endpoint.service = e.service }
      endpointSummaries.append(endpoint)
    }
    var summary = Summary(
      startedAt: startedAt, loadDurationSeconds: loadDurationSeconds, drainSeconds: drainSeconds,
      interrupted: interrupted,
      requests: RequestTotals(
        total: all.outcomes.total, succeeded: all.outcomes.succeeded, failed: all.outcomes.failed,
        http3xx: all.outcomes[.http3xx]),
      rps: Self.rate(all.outcomes.total, loadDurationSeconds), latency: all.latency,
      errors: all.outcomes.errorsByClass, statusCodes: all.statusCodesByName,
      connectionsOpened: totalConnections, bytesReceived: all.bytesReceived, checks: all.checks,
      checkDetails: checkDetails, endpoints: endpointSummaries)
    summary.droppedIterations = totalDropped
    summary.retried = totalRetried
    summary.maxDeviation = maxDeviation
    summary.errorDetails = errorReasons.details
    if isOpenModel {
      summary.service = all.service
      summary.scheduledIterations = totalStarted + totalDropped
    }
    return summary
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
