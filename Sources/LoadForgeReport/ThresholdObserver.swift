import LoadForgeMetrics

/// Puts the thresholds' results into the run's summary before the outputs see it: forwards
/// every call to `outputs` unchanged, except that `runFinished` passes the summary with
/// `thresholds` set from `gate` (so summary.json, the terminal and the HTML report all show the
/// same verdict).
///
/// It must forward every `SnapshotObserver` requirement, including those with default
/// implementations, or the outputs behind it would silently miss them.
public final class ThresholdObserver: SnapshotObserver {
  public let gate: ThresholdGate
  private let outputs: [any SnapshotObserver]
  /// The summary as handed on, thresholds included, once the run finished.
  public private(set) var summary: Summary?

  public init(gate: ThresholdGate, forwardingTo outputs: [any SnapshotObserver]) {
    self.gate = gate
    self.outputs = outputs
  }

  public func runStarted(_ info: RunInfo) {
    for output in outputs { output.runStarted(info) }
  }

  public func record(_ snapshot: Snapshot) {
    for output in outputs { output.record(snapshot) }
  }

  public func recordHistograms(_ histograms: IntervalHistograms) {
    for output in outputs { output.recordHistograms(histograms) }
  }

  public func draining(inFlight: Int, graceSeconds: Double) {
    for output in outputs { output.draining(inFlight: inFlight, graceSeconds: graceSeconds) }
  }

  public func runFinished(_ summary: Summary) {
    var annotated = summary
    annotated.thresholds = gate.results(for: summary)
    self.summary = annotated
    for output in outputs { output.runFinished(annotated) }
  }
}
