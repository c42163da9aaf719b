/// The coordinator's view of one worker, whatever runs it (a thread today; a `loadforge
/// worker` process later). Every method is thread-safe and returns quickly except the
/// `reports` wait.
protocol WorkerHandle: AnyObject, Sendable {
  /// Starts the worker.
  /// - Throws: `EngineError` when it cannot start (thread or process creation).
  func start() throws(EngineError)

  /// The number of VUs this worker should run from now on (closed model); with the first
  /// target, `startLevel` is its share of the pattern's level at 0 s (see `WorkerCommands`).
  func setTargetVUs(_ count: Int, startLevel: Int?)

  /// Open model: pre-allocate the VU pool and start pacing iterations from the run's start
  /// (`startMicros`, monotonic clock).
  func startPacing(at startMicros: Int64)

  /// Asks for the metrics recorded since the previous report, tagged `index`.
  func requestInterval(_ index: Int)

  /// Graceful stop: no new requests; in-flight ones get `graceMicros` (µs) to finish, then
  /// count as `.aborted`; then the worker sends its final report and ends.
  func stop(graceMicros: Int64)

  /// `requestInterval(index)` and `stop(graceMicros:)` as one command, so the load phase ends at
  /// one instant: the worker answers interval `index` (metrics so far, VUs running and requests
  /// in flight at the stop) before it stops, and every later result goes into its final report.
  func stop(graceMicros: Int64, closingInterval index: Int)

  /// Immediate stop: in-flight requests are recorded as `.aborted`; the final report follows.
  func abort()

  /// Waits until a report satisfying `interval` arrived (nil = the final report) or the
  /// monotonic clock passes `deadlineMicros`, and returns every report received since the last
  /// call (late answers to earlier requests included; empty when the worker is stalled).
  func reports(waitingFor interval: Int?, deadlineMicros: Int64) -> [WorkerReport]
}

extension WorkerHandle {
  /// A target without a start level (see `WorkerCommands.startLevel`).
  func setTargetVUs(_ count: Int) { setTargetVUs(count, startLevel: nil) }
}
