import Foundation
import LoadForgeMetrics
import LoadForgePlan

/// Runs a plan: owns the clock, drives the workers, merges their metrics into one snapshot per
/// tick and hands it to the observers.
///
/// Each tick (`plan.load.tickMicros`, absolute deadlines from the start, so no drift) applies
/// `plan.load.scheduledTarget(tick:)`, split across the workers (remainder to the first ones),
/// and at its end collects every worker's interval. At the pattern's end, or on
/// `requestStop()`, workers stop gracefully: in-flight requests get the grace period, and the
/// last tick's interval stays open until they finished, so it is one snapshot covering
/// [last boundary, end of drain] (never a separate few-ms snapshot with an extrapolated RPS).
/// Snapshots = ticks started; the summary counts what the server saw, with requests cut off
/// at the end as `.aborted`.
public final class Coordinator: Sendable {
  private struct StopState {
    var stopRequests = 0
    var workers: [any WorkerHandle] = []
  }

  public let plan: Plan
  public let options: EngineOptions
  private let state = ConditionBox(StopState())
  private let failures = ConditionBox<[String]>([])
  /// The origin address once `prepare()` succeeded.
  private let prepared = ConditionBox<SocketAddress?>(nil)

  /// Longest wait for the workers' final reports after an abort, µs: they record what is in
  /// flight and answer within milliseconds unless stalled.
  static let abortCollectionMicros: Int64 = 2_000_000

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

  /// Checks everything `run` would check before starting a worker: the scheme, the plan
  /// (scenarios and tasks with positive weights), the file-descriptor limit for the peak VUs
  /// (raising the soft limit to the hard one first), and resolves the origin (DNS, and the
  /// first reachable address when a name has several). Call it before creating anything the
  /// run needs (the results directory), so a run that cannot start leaves nothing behind.
  ///
  /// Idempotent: after a success, later calls and `run` reuse the resolved address.
  /// - Throws: `EngineError` naming the problem.
  public func prepare() throws(EngineError) {
    _ = try preparedAddress()
  }

  /// Runs the whole test and blocks until it ends.
  ///
  /// - Parameter observers: receive `runStarted`, one `record` per tick and `runFinished`,
  ///   in that order, on this thread.
  /// - Returns: the run's summary (also passed to `runFinished`).
  /// - Throws: `EngineError` before any load is generated (see `prepare()`, which `run` calls
  ///   unless it already succeeded) or when a worker cannot start; or when every worker
  ///   failed during the run.
  public func run(observers: [any SnapshotObserver]) throws(EngineError) -> Summary {
    let address = try preparedAddress()
    let load = plan.load
    let peak = load.peakVUs
    let workerCount = max(1, min(options.workers, max(1, peak)))
    let workers = try startWorkers(count: workerCount, address: address)
    let startedAt = Date()
    let start = MonotonicClock.nowMicros()

    let info = RunInfo(
      name: plan.name, pattern: load.pattern.summary, durationSeconds: load.durationSeconds,
      workers: workerCount, peakVUs: Double(peak),
      endpoints: plan.endpoints.map { EndpointInfo(name: $0.name, method: $0.method) })
    for observer in observers { observer.runStarted(info) }

    var aggregator = MetricsAggregator(endpoints: info.endpoints)
    var activeVUs = [Int](repeating: 0, count: workerCount)
    var finished = Set<Int>()
    let tickCount = load.tickCount
    let tickMicros = load.tickMicros
    let durationMicros = load.durationMicros

    var tick = 0
    var target = applyTarget(load.scheduledTarget(tick: 0).target, to: workers)
    var previousEnd: Int64 = 0
    var interrupted = false
    while true {
      let boundary = min(Int64(tick + 1) * tickMicros, durationMicros)
      if waitForTick(until: start + boundary) {
        interrupted = true
        break
      }
      // The last tick stays open through the drain below.
      if tick + 1 >= tickCount { break }
      for worker in workers { worker.requestInterval(tick) }
      collect(
        from: workers, waitingFor: tick,
        deadlineMicros: MonotonicClock.nowMicros() + max(tickMicros, 1_000_000),
        into: &aggregator, activeVUs: &activeVUs, finished: &finished)
      let snapshot = aggregator.closeInterval(
        elapsedSeconds: Double(boundary) / 1_000_000,
        intervalSeconds: Double(boundary - previousEnd) / 1_000_000,
        targetVUs: Double(target), activeVUs: activeVUs.reduce(0, +))
      for observer in observers { observer.record(snapshot) }
      previousEnd = boundary
      tick += 1
      target = applyTarget(load.scheduledTarget(tick: tick).target, to: workers)
    }

    // Graceful stop: in-flight requests finish (or are aborted when the grace period ends),
    // and the current tick's interval closes once they did.
    for worker in workers { worker.stop(graceMicros: options.gracePeriodMicros) }
    collectFinalReports(
      from: workers, into: &aggregator, activeVUs: &activeVUs, finished: &finished)
    let end = max(MonotonicClock.nowMicros() - start, previousEnd)
    let snapshot = aggregator.closeInterval(
      elapsedSeconds: Double(end) / 1_000_000,
      intervalSeconds: Double(end - previousEnd) / 1_000_000,
      targetVUs: Double(target), activeVUs: activeVUs.reduce(0, +))
    for observer in observers { observer.record(snapshot) }

    let summary = aggregator.summary(
      startedAt: startedAt, durationSeconds: Double(end) / 1_000_000,
      interrupted: interrupted || state.read { $0.stopRequests > 0 })
    for observer in observers { observer.runFinished(summary) }
    let failed = failures.read { $0 }
    if failed.count >= workerCount && summary.requests.total == 0 {
      throw EngineError("every worker failed: \(failed.joined(separator: "; "))")
    }
    return summary
  }

  // MARK: - Steps

  /// The origin address, checked and resolved once (see `prepare()`).
  private func preparedAddress() throws(EngineError) -> SocketAddress {
    if let address = prepared.read({ $0 }) { return address }
    let address = try check()
    prepared.update { $0 = address }
    return address
  }

  /// Checks the plan and the environment, and resolves the origin once for every worker.
  private func check() throws(EngineError) -> SocketAddress {
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
    let peak = plan.load.peakVUs
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
        settings: WorkerSettings(
          index: index, workerCount: count, connectTimeoutMicros: options.connectTimeoutMicros))
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

  /// Splits `total` VUs across `workers`, the remainder going to the first ones.
  /// - Returns: `total`.
  private func applyTarget(_ total: Int, to workers: [any WorkerHandle]) -> Int {
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

  /// Waits for every worker's final report: up to the grace period plus 5 s (a worker ends
  /// itself when the grace period expires), or at most `abortCollectionMicros` once the run
  /// was aborted, so a second Ctrl-C never waits on a stalled worker for long.
  private func collectFinalReports(
    from workers: [any WorkerHandle], into aggregator: inout MetricsAggregator,
    activeVUs: inout [Int], finished: inout Set<Int>
  ) {
    var deadline = MonotonicClock.nowMicros() + options.gracePeriodMicros + 5_000_000
    var sawAbort = false
    while finished.count < workers.count {
      let now = MonotonicClock.nowMicros()
      if !sawAbort && state.read({ $0.stopRequests >= 2 }) {
        sawAbort = true
        deadline = min(deadline, now + Self.abortCollectionMicros)
      }
      if now >= deadline { break }
      for (index, worker) in workers.enumerated() where !finished.contains(index) {
        // Short slices, so an abort arriving meanwhile shortens the wait.
        let slice = min(deadline, MonotonicClock.nowMicros() + 50_000)
        for report in worker.reports(waitingFor: nil, deadlineMicros: slice) {
          activeVUs[index] = report.activeVUs
          absorb(report, from: index, into: &aggregator, finished: &finished)
        }
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
