/// The coordinator's latest instructions to a worker, read by the worker's loop when woken.
///
/// Only the latest value of each field matters (targets and interval requests supersede
/// older ones), so this is a state block rather than a queue.
struct WorkerCommands: Sendable {
  var targetVUs = 0
  /// This worker's share of the pattern's level at 0 s, sent with the first target: that
  /// many VUs start at once (k6's start VUs), the rest of the first tick's rise is spread.
  /// nil: a target arriving within half a tick of the start starts whole (direct use, tests).
  var startLevel: Int?
  /// Open model: the run's start (µs, monotonic), set once; the worker paces from it.
  var paceStartMicros: Int64?
  /// Highest interval index requested so far (-1 = none).
  var intervalRequested = -1
  /// Set once by `stop(graceMicros:)`.
  var stopGraceMicros: Int64?
  var aborted = false
  /// Set by the worker while its loop is alive, cleared before the loop closes its eventfd,
  /// so a command never wakes a closed (possibly reused) fd.
  var waker: EventLoopWaker?
}
