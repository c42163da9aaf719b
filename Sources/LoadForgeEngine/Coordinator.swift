import Foundation
import LoadForgeMetrics
import LoadForgePlan

/// Runs a plan: owns the clock, drives the workers, merges their metrics into one snapshot per
/// tick and hands it to the observers.
///
/// Each tick (`plan.load.tickSeconds`, absolute deadlines from the start, so no drift) it
/// collects every worker's interval, evaluates `pattern.target(at: elapsed)` and splits the
/// rounded VU target across the workers (remainder to the first ones). At the pattern's end,
/// or on `requestStop()`, workers stop gracefully: in-flight requests get the grace period
/// and land in a final partial interval, so the summary counts what the server saw.
public final class Coordinator: Sendable {
  private struct StopState {
    var stopRequests = 0
    var workers: [any WorkerHandle] = []
  }

  public let plan: Plan
  public let options: EngineOptions
  private let state = ConditionBox(StopState())
  private let failures = ConditionBox<[String]>([])

  public init(plan: Plan, options: EngineOptions = EngineOptions()) {
    self.plan = plan
    self.options = options
  }

  /// Problems workers reported while the run went on without them (empty normally).
  public var workerFailures: [String] { failures.read { $0 } }

  /// First call: graceful stop (the run ends after the grace period with `interrupted` set).
  /// Any further call: abort at once; the summary still covers what was collected.
  /// Thread-safe; callable from a signal thread (`SignalTrap`).
  public func requestStop() {
    let abortNow: [any WorkerHandle] = state.update { s in
      s.stopRequests += 1
      return s.stopRequests >= 2 ? s.workers : []
    }
    for worker in abortNow { worker.abort() }
  }

  /// Runs the whole test and blocks until it ends.
  ///
  /// - Parameter observers: receive `runStarted`, one `record` per interval and `runFinished`,
  ///   in that order, on this thread.
  /// - Returns: the run's summary (also passed to `runFinished`).
  /// - Throws: `EngineError` before any load is generated: unsupported scheme, a plan with
  ///   nothing to run, DNS failure, a file-descriptor limit too low for the peak VUs, a worker
  ///   that cannot start; or when every worker failed during the run.
  public func run(observers: [any SnapshotObserver]) throws(EngineError) -> Summary {
    let address = try prepare()
    let peak = Int(plan.load.pattern.peak.rounded(.up))
    let workerCount = max(1, min(options.workers, max(1, peak)))
    let workers = try startWorkers(count: workerCount, address: address)
    let startedAt = Date()
    let start = MonotonicClock.nowMicros()

    let info = RunInfo(
      name: plan.name, pattern: plan.load.pattern.summary,
      durationSeconds: plan.load.durationSeconds,
      workers: workerCount, peakVUs: plan.load.pattern.peak,
      endpoints: plan.endpoints.map { EndpointInfo(name: $0.name, method: $0.method) })
    for observer in observers { observer.runStarted(info) }

    var aggregator = MetricsAggregator(endpoints: info.endpoints)
    var activeVUs = [Int](repeating: 0, count: workerCount)
    var finished = Set<Int>()
    let tickMicros = max(1_000, Int64((plan.load.tickSeconds * 1_000_000).rounded()))
    let durationMicros = Int64((plan.load.durationSeconds * 1_000_000).rounded())

    var target = applyTarget(plan.load.pattern.target(at: 0), to: workers)
    var tick = 0
    var previousEnd: Int64 = 0
    var interrupted = false
    while true {
      let boundary = min(Int64(tick + 1) * tickMicros, durationMicros)
      let stopped = waitForTick(until: start + boundary)
      let end = stopped ? min(MonotonicClock.nowMicros() - start, boundary) : boundary
      // A stop exactly at the start leaves nothing to report for this tick.
      if !(stopped && end <= previousEnd) {
        for worker in workers { worker.requestInterval(tick) }
        collect(
          from: workers, waitingFor: tick,
          deadlineMicros: MonotonicClock.nowMicros() + max(tickMicros, 1_000_000),
          into: &aggregator, activeVUs: &activeVUs, finished: &finished)
        let snapshot = aggregator.closeInterval(
          elapsedSeconds: Double(end) / 1_000_000,
          intervalSeconds: Double(end - previousEnd) / 1_000_000,
          targetVUs: Double(target), activeVUs: activeVUs.reduce(0, +))
        for observer in observers { observer.record(snapshot) }
        previousEnd = end
      }
      if stopped {
        interrupted = true
        break
      }
      if boundary >= durationMicros { break }
      tick += 1
      target = applyTarget(plan.load.pattern.target(at: Double(boundary) / 1_000_000), to: workers)
    }

    // Graceful stop: in-flight requests finish (or time out) and form a final partial interval.
    for worker in workers { worker.stop(graceMicros: options.gracePeriodMicros) }
    let finalDeadline = MonotonicClock.nowMicros() + options.gracePeriodMicros + 5_000_000
    var drained = false
    for (index, worker) in workers.enumerated() where !finished.contains(index) {
      for report in worker.reports(waitingFor: nil, deadlineMicros: finalDeadline) {
        if report.metrics.totalRequests > 0 || report.metrics.connectionsOpened > 0 {
          drained = true
        }
        absorb(report, from: index, into: &aggregator, finished: &finished)
      }
    }
    let end = max(MonotonicClock.nowMicros() - start, previousEnd)
    if drained {
      let snapshot = aggregator.closeInterval(
        elapsedSeconds: Double(end) / 1_000_000,
        intervalSeconds: Double(end - previousEnd) / 1_000_000,
        targetVUs: 0, activeVUs: 0)
      for observer in observers { observer.record(snapshot) }
      previousEnd = end
    }
    let summary = aggregator.summary(
      startedAt: startedAt, durationSeconds: Double(previousEnd) / 1_000_000,
      interrupted: interrupted || state.read { $0.stopRequests > 0 })
    for observer in observers { observer.runFinished(summary) }
    let failed = failures.read { $0 }
    if failed.count >= workerCount && summary.requests.total == 0 {
      throw EngineError("every worker failed: \(failed.joined(separator: "; "))")
    }
    return summary
  }

  // MARK: - Steps

  /// Checks the plan and the environment, and resolves the origin once for every worker.
  private func prepare() throws(EngineError) -> SocketAddress {
    let origin = plan.origin
    guard origin.scheme == "http" else {
      throw EngineError(
        "unsupported scheme \"\(origin.scheme)\" in \(plan.baseURL): only http:// origins can be run for now"
      )
    }
    guard !plan.scenarios.isEmpty, plan.scenarioTable.total > 0 else {
      throw EngineError("the plan has no scenario with a positive weight")
    }
    for scenario in plan.scenarios where scenario.tasks.isEmpty || scenario.taskTable.total == 0 {
      throw EngineError("scenario \"\(scenario.name)\" has no task with a positive weight")
    }
    let peak = Int(plan.load.pattern.peak.rounded(.up))
    let limit = FileDescriptorLimit.raiseToHardLimit()
    let needed = FileDescriptorLimit.needed(peakVUs: peak, workers: options.workers)
    guard needed <= limit else {
      throw EngineError(
        "\(peak) virtual users need about \(needed) open files, but the limit is \(limit) "
          + "(raise it with `ulimit -n` or lower the peak VUs)")
    }
    let addresses = try SocketAddress.resolve(host: origin.host, port: origin.port)
    if addresses.count > 1,
      let reachable = SocketAddress.firstReachable(
        addresses, timeoutMicros: min(options.connectTimeoutMicros, 1_000_000))
    {
      return reachable
    }
    // One address, or none reachable yet: the run records what happens (connection errors).
    return addresses[0]
  }

  private func startWorkers(count: Int, address: SocketAddress) throws(EngineError)
    -> [any WorkerHandle]
  {
    var workers: [any WorkerHandle] = []
    for index in 0..<count {
      let worker = ThreadWorker(
        plan: plan, address: address,
        settings: WorkerSettings(index: index, connectTimeoutMicros: options.connectTimeoutMicros))
      do {
        try worker.start()
      } catch {
        for started in workers { started.abort() }
        throw error
      }
      workers.append(worker)
    }
    let alreadyAborting = state.update { s in
      s.workers = workers
      return s.stopRequests >= 2
    }
    if alreadyAborting { for worker in workers { worker.abort() } }
    return workers
  }

  /// Rounds `target` and splits it across `workers`, the remainder going to the first ones.
  /// - Returns: the rounded total.
  private func applyTarget(_ target: Double, to workers: [any WorkerHandle]) -> Int {
    let total = max(0, Int(target.rounded()))
    for (index, share) in Self.split(total, across: workers.count).enumerated() {
      workers[index].setTargetVUs(share)
    }
    return total
  }

  /// `total` split into `count` shares differing by at most one, larger shares first.
  static func split(_ total: Int, across count: Int) -> [Int] {
    let base = total / count
    let remainder = total % count
    return (0..<count).map { base + ($0 < remainder ? 1 : 0) }
  }

  /// Sleeps until `deadline` (µs, monotonic) unless a stop is requested first.
  /// - Returns: true when a stop was requested.
  private func waitForTick(until deadline: Int64) -> Bool {
    state.wait(until: deadline, while: { $0.stopRequests == 0 }, then: { $0.stopRequests > 0 })
  }

  /// Merges every worker's answer for `tick`; a worker that misses the deadline is stalled,
  /// its late answer is merged at a later tick.
  private func collect(
    from workers: [any WorkerHandle], waitingFor tick: Int, deadlineMicros: Int64,
    into aggregator: inout MetricsAggregator, activeVUs: inout [Int], finished: inout Set<Int>
  ) {
    for (index, worker) in workers.enumerated() where !finished.contains(index) {
      for report in worker.reports(waitingFor: tick, deadlineMicros: deadlineMicros) {
        activeVUs[index] = report.activeVUs
        absorb(report, from: index, into: &aggregator, finished: &finished)
      }
    }
  }

  private func absorb(
    _ report: WorkerReport, from index: Int, into aggregator: inout MetricsAggregator,
    finished: inout Set<Int>
  ) {
    aggregator.merge(report.metrics)
    if report.kind == .final { finished.insert(index) }
    if let failure = report.failure { failures.update { $0.append(failure) } }
  }
}
