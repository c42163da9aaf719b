/// `pattern = "step"`: a staircase of virtual users that climbs from `from` to `to`.
///
/// Level k (k = 0, 1, …, steps − 1) runs during [k·stepDuration, (k+1)·stepDuration):
///
///     target(t) = min(from + stepSize · ⌊t / stepDuration⌋, to)    for 0 ≤ t < duration
///
/// so the first step runs at `from` and each `stepDuration` adds `stepSize`, the last level
/// capped at `to`. steps = ⌈(to − from) / stepSize⌉ + 1 and duration = steps · stepDuration;
/// exactly at the end the target is `to` (the last level, as a ramp gives its end value) and
/// 0 after it. A config's `steps = N` is compiled to `to = from + (N − 1) · stepSize`.
public struct StepPattern: Codable, Sendable, Equatable {
  /// Virtual users during the first step.
  public var from: Int
  /// Virtual users of the last step (≥ from).
  public var to: Int
  /// Virtual users added at each step (> 0).
  public var stepSize: Int
  /// Length of one step, s (> 0).
  public var stepDurationSeconds: Double

  public init(from: Int, to: Int, stepSize: Int, stepDurationSeconds: Double) {
    self.from = from
    self.to = to
    self.stepSize = stepSize
    self.stepDurationSeconds = stepDurationSeconds
  }

  /// `steps` levels from `from`: the last one is from + (steps − 1) · stepSize.
  public init(from: Int, stepSize: Int, stepDurationSeconds: Double, steps: Int) {
    self.init(
      from: from, to: from + (steps - 1) * stepSize, stepSize: stepSize, stepDurationSeconds: stepDurationSeconds)
  }

  /// Number of levels: ⌈(to − from) / stepSize⌉ + 1 (1 when the parameters are invalid).
  public var steps: Int {
    guard stepSize > 0, to > from else { return 1 }
    return (to - from + stepSize - 1) / stepSize + 1
  }

  /// Total length, s: steps · stepDuration.
  public var durationSeconds: Double { Double(steps) * stepDurationSeconds }

  /// Problems with the parameters, as messages naming the field (empty when valid).
  public func validate() -> [(field: String, message: String)] {
    var problems: [(field: String, message: String)] = []
    if from < 0 { problems.append(("from", "from must be ≥ 0, got \(from)")) }
    if to < from { problems.append(("to", "to must be ≥ from (\(from)), got \(to)")) }
    if stepSize <= 0 { problems.append(("step_size", "step_size must be > 0, got \(stepSize)")) }
    if !(stepDurationSeconds > 0) { problems.append(("step_duration", "step_duration must be > 0")) }
    return problems
  }

  public func target(at elapsed: Double) -> Double {
    guard elapsed >= 0, elapsed <= durationSeconds else { return 0 }
    // Tick times and step lengths both come from whole µs, but their quotient can land a hair
    // below an integer (0.6 / 0.3 = 1.999…): the tolerance keeps a tick on a step boundary in
    // the new step.
    let level = Int((elapsed / stepDurationSeconds + 1e-9).rounded(.down))
    return Double(min(from + stepSize * level, to))
  }
}
