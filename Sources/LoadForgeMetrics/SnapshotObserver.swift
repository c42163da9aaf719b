/// The one interface every output implements (terminal, results directory, dashboard).
///
/// The coordinator calls these on one thread, in order: `runStarted` once; `record` once per
/// tick of the load phase, each at its boundary (`Snapshot.Phase.load`); `draining` when
/// requests were still in flight as the load phase ended; then one `record` of the drain
/// (`Snapshot.Phase.drain`) when it ends; `runFinished` once (also after an interrupted run).
/// Methods do not throw: an output that fails keeps its error to itself and must not stop the
/// run or the other outputs.
public protocol SnapshotObserver: AnyObject {
  /// Before the first request.
  func runStarted(_ info: RunInfo)
  /// After each interval (normally every second), and once after the drain.
  func record(_ snapshot: Snapshot)
  /// Right after each `record(_:)`: the same interval's latency histograms (µs), for outputs that
  /// keep whole distributions (`latency.hlog`). Default: ignored.
  func recordHistograms(_ histograms: IntervalHistograms)
  /// The load phase ended with requests in flight: the drain starts, and its snapshot follows
  /// when they all finished or the grace period expired. Not called when nothing was in flight.
  /// - Parameters:
  ///   - inFlight: requests in flight, all workers.
  ///   - graceSeconds: the longest the drain can take, s (then what is left counts as aborted).
  func draining(inFlight: Int, graceSeconds: Double)
  /// After the last request finished (or the run was interrupted).
  func runFinished(_ summary: Summary)
}

extension SnapshotObserver {
  /// Default: outputs that only keep snapshots ignore the notice (the drain snapshot says it all).
  public func draining(inFlight: Int, graceSeconds: Double) {}

  /// Default: outputs that show snapshots only need no histograms.
  public func recordHistograms(_ histograms: IntervalHistograms) {}
}
