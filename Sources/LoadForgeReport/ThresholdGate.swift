import LoadForgeMetrics
import LoadForgePlan
import Synchronization

/// A run's thresholds, during and after it: checks the `abort_on_fail` ones once per metrics
/// interval on the results so far (`check(_:elapsedSeconds:)`, the coordinator's live check),
/// and evaluates every one at the end (`results(for:)`), the one that stopped the run marked
/// `abortedRun`.
///
/// Thread-safe: the coordinator calls `check` on its run thread, the CLI reads `abortedRun`
/// afterwards.
public final class ThresholdGate: Sendable {
  /// In config order, then those of flags (`--fail-on-error-rate`).
  public let thresholds: [ThresholdPlan]
  /// The threshold that stopped the run, by index, with its result at that moment.
  private let stopped = Mutex<(index: Int, result: ThresholdResult)?>(nil)

  public init(thresholds: [ThresholdPlan]) {
    self.thresholds = thresholds
  }

  /// Evaluates the `abort_on_fail` thresholds whose delay has passed against `summary` (the
  /// closed intervals so far); the first that fails stops the run.
  ///
  /// A threshold with nothing measured yet (e.g. no response in the first second) is skipped
  /// rather than failed: only a measured value stops a run. After one threshold stopped the run,
  /// later calls return nil.
  /// - Parameters:
  ///   - summary: cumulative results of the load phase so far.
  ///   - elapsedSeconds: time since the run started, s (compared with each `delaySeconds`).
  /// - Returns: a one-line message naming the threshold, its value and the limit when the run
  ///   must stop; nil to go on.
  public func check(_ summary: Summary, elapsedSeconds: Double) -> String? {
    guard stopped.withLock({ $0 == nil }) else { return nil }
    for (index, threshold) in thresholds.enumerated()
    where threshold.abortOnFail && elapsedSeconds >= threshold.delaySeconds {
      var result = ThresholdEvaluator.evaluate(threshold, against: summary)
      guard result.measured != nil, !result.passed else { continue }
      result.abortedRun = true
      let recorded = stopped.withLock { s in
        if s != nil { return false }
        s = (index, result)
        return true
      }
      guard recorded else { return nil }
      return "threshold \(threshold.source) failed after \(TerminalView.formatDuration(elapsedSeconds)) "
        + "(\(TerminalView.measuredPhrase(result))): stopping the run (abort_on_fail)"
    }
    return nil
  }

  /// Whether a threshold stopped the run.
  public var abortedRun: Bool { stopped.withLock { $0 != nil } }

  /// Every threshold against the run's final `summary`; the one that stopped the run keeps the
  /// result it failed with (the whole run's value could pass again after the stop, but the run
  /// was cut short because of it).
  public func results(for summary: Summary) -> [ThresholdResult] {
    var results = ThresholdEvaluator.evaluate(thresholds, against: summary)
    if let (index, result) = stopped.withLock({ $0 }) { results[index] = result }
    return results
  }
}
