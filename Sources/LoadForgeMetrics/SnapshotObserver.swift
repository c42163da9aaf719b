/// The one interface every output implements (terminal, results directory, dashboard).
///
/// The coordinator calls these on one thread, in order: `runStarted` once, `record` once per
/// interval, `runFinished` once (also after an interrupted run). Methods do not throw: an output
/// that fails keeps its error to itself and must not stop the run or the other outputs.
public protocol SnapshotObserver: AnyObject {
  /// Before the first request.
  func runStarted(_ info: RunInfo)
  /// After each interval (normally every second).
  func record(_ snapshot: Snapshot)
  /// After the last request finished (or the run was interrupted).
  func runFinished(_ summary: Summary)
}
