import Foundation
import LoadForgeMetrics
import LoadForgePlan

/// Runs a plan: owns the clock, drives the workers, merges their metrics into one snapshot per
/// metrics interval and hands it to the observers.
///
/// A run has two phases, as k6's graceful stop:
///
/// - **Load.** Each tick (`plan.load.tickMicros`, absolute deadlines from the start, so no
///   drift) applies `plan.load.scheduledTarget(tick:)`, split across the workers (remainder to
///   the first ones; each worker spreads the VUs it adds over the tick). Independently, each
///   metrics interval (`snapshotIntervalMicros`, also absolute) is closed at its boundary:
///   every worker's interval is collected and one `.load` snapshot goes out on time, carrying
///   the target in force at that instant, the last interval included (shorter when the
///   duration is not a multiple of it). Where a tick and an interval end together, the
///   interval is closed before the next target applies, so its VU count is the one reached
///   under its own target. A stop before the pattern's end cuts the current interval short at
///   the stop; the run is then `interrupted`.
/// - **Drain.** At the load phase's end, one command per worker stops it and closes its interval
///   at that instant (`WorkerHandle.stop(graceMicros:closingInterval:)`). Requests in flight then
///   get the grace period to finish; observers hear `draining(inFlight:graceSeconds:)` at once,
///   and one `.drain` snapshot with everything that finished (or was aborted) after the load
///   phase goes out when the drain ends. No drain snapshot when nothing was in flight.
///
/// Stops (`requestStop()`): the first one during the load phase stops it gracefully; a stop
/// once the pattern has ended only cuts the drain short (in-flight requests → `.aborted`, the
/// run is not interrupted); a further stop aborts at once.
///
/// The summary counts what the server saw, with requests cut off at the end as `.aborted`; its
/// rates are over the load phase (`Summary.loadDurationSeconds`), its `durationSeconds` covers
/// both phases.
public final class Coordinator: Sendable {
  private enum Phase {
    case load
    /// The workers were told to stop; in-flight requests finish.
    case drain
    /// Every worker ended; the summary is being made.
    case finished
  }

  private struct StopState {
    var phase = Phase.load
    /// When the pattern ends (µs, monotonic), once the run started.
    var patternEndMicros = Int64.max
    var stopRequests = 0
    /// When the first stop arrived, if it came before the pattern ended (µs, monotonic): the
    /// load phase ends there and the run is interrupted.
    var loadStopMicros: Int64?
    /// A stop arrived after the pattern ended but before the drain began: the coordinator cuts
    /// the drain short as soon as it begins.
    var drainStopPending = false
    /// The workers were told to abort.
    var aborted = false
    var workers: [any WorkerHandle] = []
  }

  public let plan: Plan
  public let options: EngineOptions
  /// Open model: the schedule of iterations (nil in the closed model).
  private let openPacer: ArrivalPacer?
  /// Length of one metrics interval (one `.load` snapshot), µs.
  public let snapshotIntervalMicros: Int64
  private let state = ConditionBox(StopState())
  private let failures = ConditionBox<[String]>([])
  /// The origin address once `prepare()` succeeded.
  private let prepared = ConditionBox<SocketAddress?>(nil)
  /// Called after each closed metrics interval of the load phase (see `init`).
  private let liveCheck: (@Sendable (Summary, Double) -> Bool)?

  /// Longest wait for the workers' final reports after an abort, µs: they record what is in
  /// flight and answer within milliseconds unless stalled.
  static let abortCollectionMicros: Int64 = 2_000_000

  /// The CLI's metrics interval, µs: one snapshot per second, whatever the tick.
  public static let metricsIntervalMicros: Int64 = 1_000_000

  /// - Parameter snapshotIntervalMicros: the metrics interval, µs (at least 1 ms); nil closes
  ///   one interval per tick (`plan.load.tickMicros`), which short test runs use. The CLI
  ///   passes `metricsIntervalMicros`, so a 100 ms tick still yields one snapshot per second.
  /// - Parameter liveCheck: called on the run thread after each metrics interval of the load
  ///   phase is closed (and its snapshot handed out), with the results of the closed intervals so
  ///   far and the elapsed time, s; true stops the run as a first `requestStop()` does (the
  ///   thresholds' `abort_on_fail`). Not called for the load phase's last interval nor the drain.
  public init(
    plan: Plan, options: EngineOptions = EngineOptions(), snapshotIntervalMicros: Int64? = nil,
    liveCheck: (@Sendable (Summary, Double) -> Bool)? = nil
  ) {
    self.liveCheck = liveCheck
    self.plan = plan
    self.options = options
    self.snapshotIntervalMicros = max(1_000, snapshotIntervalMicros ?? plan.load.tickMicros)
    openPacer = plan.load.isOpenModel ? ArrivalPacer(pattern: plan.load.pattern) : nil
  }

  /// Problems workers reported while the run went on without them (empty normally).
  public var workerFailures: [String] { failures.read { $0 } }

  /// Stops the run; what that means depends on when it comes (see `StopEffect`):
  /// - the first call before the pattern ended: graceful stop (in-flight requests get the grace
  ///   period; the summary is `interrupted`);
  /// - a call after the pattern ended: the drain is cut short, in-flight requests are aborted,
  ///   the run is not interrupted;
  /// - any further call: abort at once. The summary still covers what was collected.
  ///
  /// Thread-safe; callable from a signal thread (`SignalTrap`).
  /// - Returns: what this call did.
  @discardableResult
  public func requestStop() -> StopEffect {
    let now = MonotonicClock.nowMicros()
    let (effect, abortNow): (StopEffect, [any WorkerHandle]) = state.update { s in
      s.stopRequests += 1
      switch s.phase {
      case .finished:
        return (.finished, [])
      case .load where s.stopRequests == 1 && now < s.patternEndMicros:
        s.loadStopMicros = now
        return (.stopping, [])
      case .load where s.loadStopMicros == nil:
        // The pattern ended and its last tick is being closed; the workers have not been told
        // to stop yet, so aborting them now would mix that tick into the drain.
        s.drainStopPending = true
        return (.endingDrain, [])
      case .load, .drain:
        s.aborted = true
        return (s.loadStopMicros == nil ? .endingDrain : .aborting, s.workers)
      }
    }
    for worker in abortNow { worker.abort() }
    return effect
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
  /// - Parameter observers: receive, on this thread and in this order: `runStarted`; one
  ///   `record` per metrics interval of the load phase, each at its boundary; `draining` when requests
  ///   were in flight as the load phase ended, then one `record` of the drain when it ended;
  ///   `runFinished`.
  /// - Returns: the run's summary (also passed to `runFinished`).
  /// - Throws: `EngineError` before any load is generated (see `prepare()`, which `run` calls
  ///   unless it already succeeded) or when a worker cannot start; or when every worker
  ///   failed during the run.
  public func run(observers: [any SnapshotObserver]) throws(EngineError) -> Summary {
    let address = try preparedAddress()
    let load = plan.load
    let peak = load.peakPoolVUs
    let workerCount = max(1, min(options.workers, max(1, peak)))
    let workers = try startWorkers(count: workerCount, address: address)
    let startedAt = Date()
    let start = MonotonicClock.nowMicros()
    state.update { $0.patternEndMicros = start + load.durationMicros }

    var info = RunInfo(
      name: plan.name, pattern: load.summary, durationSeconds: load.durationSeconds,
      tickSeconds: Double(snapshotIntervalMicros) / 1_000_000,
      gracePeriodSeconds: Double(options.gracePeriodMicros) / 1_000_000, workers: workerCount,
      peakVUs: Double(peak),
      endpoints: plan.endpoints.map { EndpointInfo(name: $0.name, method: $0.method) })
    info.peakRate = load.isOpenModel ? load.peakRate : nil
    info.startedAt = startedAt
    for observer in observers { observer.runStarted(info) }

    var tally = Tally(
      aggregator: MetricsAggregator(
        endpoints: info.endpoints, checkItems: plan.checkItems, isOpenModel: load.isOpenModel),
      workerCount: workerCount)
    let loadPhase =
      load.isOpenModel
      ? runOpenTicks(of: workers, from: start, into: &tally, observers: observers)
      : runTicks(of: workers, from: start, into: &tally, observers: observers)
    let (interrupted, held) = endLoadPhase(loadPhase, of: workers, into: &tally, observers: observers)
    let drainMicros = drain(
      after: loadPhase, of: workers, from: start, holding: held, into: &tally, observers: observers)
    state.update { $0.phase = .finished }

    let summary = tally.aggregator.summary(
      startedAt: startedAt, loadDurationSeconds: Double(loadPhase.end) / 1_000_000,
      drainSeconds: Double(drainMicros) / 1_000_000, interrupted: interrupted)
    for observer in observers { observer.runFinished(summary) }
    let failed = failures.read { $0 }
    if failed.count >= workerCount && summary.requests.total == 0 {
      throw EngineError("every worker failed: \(failed.joined(separator: "; "))")
    }
    return summary
  }

  // MARK: - Phases

  /// Where the load phase ended.
  private struct LoadPhaseEnd {
    /// The metrics interval running then (not closed yet), and the target in force.
    var interval: Int
    var target: Int
    /// When that interval started and when the load phase ended, µs since the run started.
    var intervalStart: Int64
    var end: Int64
  }

  /// Applies each tick's target at its start and closes each metrics interval at its end,
  /// until the pattern's end is reached or a stop ends the load phase; the interval running
  /// then stays open.
  private func runTicks(
    of workers: [any WorkerHandle], from start: Int64, into tally: inout Tally,
    observers: [any SnapshotObserver]
  ) -> LoadPhaseEnd {
    let load = plan.load
    let tickMicros = load.tickMicros
    let intervalMicros = snapshotIntervalMicros
    let durationMicros = load.durationMicros
    var tick = 0
    var interval = 0
    // The pattern's level at 0 s starts at once; the first tick applies the level at its end,
    // and the rise between them is spread over the tick like any other.
    let level = load.pattern.target(at: 0).rounded()
    let startLevel = level.isFinite && level > 0 ? Int(min(level, 10_000_000)) : 0
    var target = applyTarget(load.scheduledTarget(tick: 0).target, to: workers, startLevel: startLevel)
    var previousEnd: Int64 = 0
    while true {
      let nextTick = Int64(tick + 1) * tickMicros
      let nextInterval = Int64(interval + 1) * intervalMicros
      let boundary = min(nextTick, nextInterval, durationMicros)
      if let stoppedAt = waitForTick(until: start + boundary) {
        let end = min(max(stoppedAt - start, previousEnd), boundary)
        return LoadPhaseEnd(interval: interval, target: target, intervalStart: previousEnd, end: end)
      }
      if boundary >= durationMicros {
        return LoadPhaseEnd(interval: interval, target: target, intervalStart: previousEnd, end: boundary)
      }
      if boundary == nextInterval {
        closeInterval(
          interval, of: workers, from: previousEnd, to: boundary, targetVUs: target, targetRate: nil, into: &tally,
          observers: observers)
        previousEnd = boundary
        interval += 1
      }
      if boundary == nextTick {
        tick += 1
        target = applyTarget(load.scheduledTarget(tick: tick).target, to: workers)
      }
    }
  }

  /// Ends the load phase: one command per worker stops it and closes the open interval at this
  /// instant (what finishes later belongs to the drain), and that interval's snapshot goes out.
  /// - Returns: whether the run was interrupted (a stop before the pattern's end), and the
  ///   final reports that arrived meanwhile, held back for the drain.
  private func endLoadPhase(
    _ end: LoadPhaseEnd, of workers: [any WorkerHandle], into tally: inout Tally,
    observers: [any SnapshotObserver]
  ) -> (interrupted: Bool, held: [(Int, WorkerReport)]) {
    for worker in workers {
      worker.stop(graceMicros: options.gracePeriodMicros, closingInterval: end.interval)
    }
    // From here a stop aborts the workers itself; one that came after the pattern's end but
    // before this point is carried out now.
    let (interrupted, cutDrainShort) = state.update { s in
      s.phase = .drain
      let cut = s.drainStopPending && !s.aborted
      if cut { s.aborted = true }
      return (s.loadStopMicros != nil, cut)
    }
    if cutDrainShort { for worker in workers { worker.abort() } }
    let held = collect(
      from: workers, waitingFor: end.interval,
      deadlineMicros: MonotonicClock.nowMicros() + max(snapshotIntervalMicros, 1_000_000), into: &tally,
      holdingFinalReports: true)
    var snapshot = tally.aggregator.closeInterval(
      elapsedSeconds: Double(end.end) / 1_000_000,
      intervalSeconds: Double(end.end - end.intervalStart) / 1_000_000,
      targetVUs: Double(end.target), activeVUs: tally.activeVUs, inFlight: tally.inFlight,
      targetRate: openTargetRate(from: end.intervalStart, to: end.end))
    snapshot.openFileDescriptors = FileDescriptorLimit.openCount()
    notify(observers, of: snapshot, tally.aggregator.lastIntervalHistograms)
    return (interrupted, held)
  }

  /// The drain: the requests in flight at the load phase's end finish, or are aborted when the
  /// grace period ends or a stop cuts it short; observers hear `draining` first (unless the
  /// drain was already cut short) and get one `.drain` snapshot at the end.
  /// - Returns: how long the drain took, µs (0 when there was none: nothing in flight).
  private func drain(
    after load: LoadPhaseEnd, of workers: [any WorkerHandle], from start: Int64, holding held: [(Int, WorkerReport)],
    into tally: inout Tally, observers: [any SnapshotObserver]
  ) -> Int64 {
    let inFlight = tally.inFlight
    if inFlight > 0 && !state.read({ $0.aborted }) {
      let grace = Double(options.gracePeriodMicros) / 1_000_000
      for observer in observers { observer.draining(inFlight: inFlight, graceSeconds: grace) }
    }
    for (index, report) in held { tally.absorb(report, from: index, failures: failures) }
    collectFinalReports(from: workers, into: &tally)
    // Late reports of a stalled worker land here too, so nothing collected goes unreported.
    guard inFlight > 0 || !tally.aggregator.intervalIsEmpty else { return 0 }
    let end = max(MonotonicClock.nowMicros() - start, load.end)
    let snapshot = tally.aggregator.closeDrain(
      elapsedSeconds: Double(end) / 1_000_000, intervalSeconds: Double(end - load.end) / 1_000_000,
      tickSeconds: Double(snapshotIntervalMicros) / 1_000_000, activeVUs: tally.activeVUs,
      inFlight: tally.inFlight)
    notify(observers, of: snapshot, tally.aggregator.lastIntervalHistograms)
    return end - load.end
  }

  // MARK: - Open model

  /// The open model's load phase: every worker pre-allocates its share of `max_vus` and paces
  /// its share of the iterations itself from the run's start (`ArrivalPacer`: worker w of W
  /// starts iterations w, w + W, …), so the coordinator sends no targets; it closes each
  /// metrics interval at its boundary as in the closed model, with the pattern's mean rate over
  /// the interval as `target_rate`. `target_vus` is the pool (`max_vus`).
  private func runOpenTicks(
    of workers: [any WorkerHandle], from start: Int64, into tally: inout Tally,
    observers: [any SnapshotObserver]
  ) -> LoadPhaseEnd {
    let intervalMicros = snapshotIntervalMicros
    let durationMicros = plan.load.durationMicros
    let pool = plan.load.maxVUs
    for worker in workers { worker.startPacing(at: start) }
    var interval = 0
    var previousEnd: Int64 = 0
    while true {
      let boundary = min(Int64(interval + 1) * intervalMicros, durationMicros)
      if let stoppedAt = waitForTick(until: start + boundary) {
        let end = min(max(stoppedAt - start, previousEnd), boundary)
        return LoadPhaseEnd(interval: interval, target: pool, intervalStart: previousEnd, end: end)
      }
      if boundary >= durationMicros {
        return LoadPhaseEnd(interval: interval, target: pool, intervalStart: previousEnd, end: boundary)
      }
      closeInterval(
        interval, of: workers, from: previousEnd, to: boundary, targetVUs: pool,
        targetRate: openTargetRate(from: previousEnd, to: boundary), into: &tally, observers: observers)
      previousEnd = boundary
      interval += 1
    }
  }

  /// Closes metrics interval `interval`, [`from`, `to`) µs since the start, in both models:
  /// asks every worker for its report, merges them and hands the snapshot to the observers.
  private func closeInterval(
    _ interval: Int, of workers: [any WorkerHandle], from: Int64, to boundary: Int64, targetVUs: Int,
    targetRate: Double?, into tally: inout Tally, observers: [any SnapshotObserver]
  ) {
    for worker in workers { worker.requestInterval(interval) }
    collect(
      from: workers, waitingFor: interval,
      deadlineMicros: MonotonicClock.nowMicros() + max(snapshotIntervalMicros, 1_000_000), into: &tally)
    var snapshot = tally.aggregator.closeInterval(
      elapsedSeconds: Double(boundary) / 1_000_000, intervalSeconds: Double(boundary - from) / 1_000_000,
      targetVUs: Double(targetVUs), activeVUs: tally.activeVUs, inFlight: tally.inFlight, targetRate: targetRate)
    snapshot.openFileDescriptors = FileDescriptorLimit.openCount()
    notify(observers, of: snapshot, tally.aggregator.lastIntervalHistograms)
    if let liveCheck {
      let elapsed = Double(boundary) / 1_000_000
      // The check reads totals, never the start time: an approximate one keeps run() unchanged.
      let soFar = tally.aggregator.summary(
        startedAt: Date(timeIntervalSinceNow: -elapsed), loadDurationSeconds: elapsed, interrupted: false)
      if liveCheck(soFar, elapsed) { requestStop() }
    }
  }

  /// Hands a closed interval's snapshot, then its histograms, to every observer.
  private func notify(
    _ observers: [any SnapshotObserver], of snapshot: Snapshot, _ histograms: IntervalHistograms?
  ) {
    for observer in observers { observer.record(snapshot) }
    guard let histograms else { return }
    for observer in observers { observer.recordHistograms(histograms) }
  }

  /// Open model: the pattern's mean rate over [`from`, `to`) µs since the start, iterations/s
  /// (∫rate / length); nil in the closed model.
  private func openTargetRate(from: Int64, to: Int64) -> Double? {
    guard let pacer = openPacer, to > from else { return openPacer == nil ? nil : 0 }
    return (pacer.integral(atMicros: to) - pacer.integral(atMicros: from)) * 1_000_000 / Double(to - from)
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
    // http:// runs on the worker's own client, https:// through libcurl (`CurlMulti`).
    guard origin.scheme == "http" || origin.scheme == "https" else {
      throw EngineError(
        "unsupported scheme \"\(origin.scheme)\" in \(plan.baseURL): only http:// and https:// origins can be run"
      )
    }
    guard !plan.scenarios.isEmpty, plan.scenarioTable.total > 0 else {
      throw EngineError("the plan has no scenario with a positive weight")
    }
    for scenario in plan.scenarios where scenario.tasks.isEmpty || scenario.taskTable.total == 0 {
      throw EngineError("scenario \"\(scenario.name)\" has no task with a positive weight")
    }
    let peak = plan.load.peakPoolVUs
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
        addresses, timeoutMicros: min(plan.connection.connectTimeoutMicros, 1_000_000))
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
          index: index, workerCount: count, connectTimeoutMicros: plan.connection.connectTimeoutMicros))
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
      return s.aborted
    }
    if alreadyAborting { for worker in workers { worker.abort() } }
    return workers
  }

  /// Splits `total` VUs across `workers`, the remainder going to the first ones.
  /// - Returns: `total`.
  /// - Parameter startLevel: with the first target, the pattern's level at 0 s (VUs that
  ///   start at once), split the same way.
  private func applyTarget(_ total: Int, to workers: [any WorkerHandle], startLevel: Int? = nil) -> Int {
    let levels = startLevel.map { Self.split($0, across: workers.count) }
    for (index, share) in Self.split(total, across: workers.count).enumerated() {
      workers[index].setTargetVUs(share, startLevel: levels?[index])
    }
    return total
  }

  /// `total` split into `count` shares differing by at most one, larger shares first.
  static func split(_ total: Int, across count: Int) -> [Int] {
    let base = total / count
    let remainder = total % count
    return (0..<count).map { base + ($0 < remainder ? 1 : 0) }
  }

  /// Sleeps until `deadline` (µs, monotonic) unless a stop ends the load phase first.
  /// - Returns: when that stop arrived (µs, monotonic), nil when the deadline came first.
  private func waitForTick(until deadline: Int64) -> Int64? {
    state.wait(until: deadline, while: { $0.loadStopMicros == nil }, then: { $0.loadStopMicros })
  }

  /// Merges every worker's answer for `tick`; a worker that misses the deadline is stalled,
  /// its late answer is merged at a later tick.
  /// - Parameter holdingFinalReports: when closing the load phase: final reports (what a worker
  ///   recorded after its interval answer) are returned, to be merged into the drain, instead
  ///   of merged now.
  /// - Returns: the final reports held back, by worker index.
  @discardableResult
  private func collect(
    from workers: [any WorkerHandle], waitingFor tick: Int, deadlineMicros: Int64, into tally: inout Tally,
    holdingFinalReports: Bool = false
  ) -> [(Int, WorkerReport)] {
    var held: [(Int, WorkerReport)] = []
    for (index, worker) in workers.enumerated() where !tally.finished.contains(index) {
      for report in worker.reports(waitingFor: tick, deadlineMicros: deadlineMicros) {
        if holdingFinalReports && report.kind == .final {
          held.append((index, report))
        } else {
          tally.absorb(report, from: index, failures: failures)
        }
      }
    }
    return held
  }

  /// Waits for every worker's final report: up to the grace period plus 5 s (a worker ends
  /// itself when the grace period expires), or at most `abortCollectionMicros` once the run
  /// was aborted, so a second Ctrl-C never waits on a stalled worker for long.
  private func collectFinalReports(from workers: [any WorkerHandle], into tally: inout Tally) {
    var deadline = MonotonicClock.nowMicros() + options.gracePeriodMicros + 5_000_000
    var sawAbort = false
    while tally.finished.count < workers.count {
      let now = MonotonicClock.nowMicros()
      if !sawAbort && state.read({ $0.aborted }) {
        sawAbort = true
        deadline = min(deadline, now + Self.abortCollectionMicros)
      }
      if now >= deadline { break }
      for (index, worker) in workers.enumerated() where !tally.finished.contains(index) {
        // Short slices, so an abort arriving meanwhile shortens the wait.
        let slice = min(deadline, MonotonicClock.nowMicros() + 50_000)
        for report in worker.reports(waitingFor: nil, deadlineMicros: slice) {
          tally.absorb(report, from: index, failures: failures)
        }
      }
    }
  }
}
