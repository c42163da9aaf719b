/// `pattern = "spike"`: `base` users, a burst to `peak`, then `sustain` users.
///
/// With B = before, U = rampUp, H = hold, D = rampDown and T = duration (s):
///
///     base                                       for 0 ≤ t < B
///     base + (peak − base) · (t − B) / U         for B ≤ t < B+U
///     peak                                       for B+U ≤ t < B+U+H
///     peak + (sustain − peak) · (t − B−U−H) / D  for B+U+H ≤ t < B+U+H+D
///     sustain                                    for B+U+H+D ≤ t ≤ T
///     0                                          after T
///
/// U = 0 makes the burst sudden (peak from t = B on), D = 0 drops straight to sustain.
public struct SpikePattern: Codable, Sendable, Equatable {
  /// Virtual users before the burst.
  public var base: Int
  /// Virtual users at the top of the burst (≥ base, ≥ sustain, > 0).
  public var peak: Int
  /// Virtual users after the burst.
  public var sustain: Int
  /// Time at `base` before the burst, s (≥ 0).
  public var beforeSeconds: Double
  /// Time to climb from base to peak, s (≥ 0; 0 = sudden).
  public var rampUpSeconds: Double
  /// Time at peak, s (> 0).
  public var holdSeconds: Double
  /// Time to settle from peak to sustain, s (≥ 0).
  public var rampDownSeconds: Double
  /// Total length, s (≥ before + rampUp + hold + rampDown; the rest runs at sustain).
  public var durationSeconds: Double

  public init(
    base: Int, peak: Int, sustain: Int, beforeSeconds: Double = 0, rampUpSeconds: Double = 0, holdSeconds: Double,
    rampDownSeconds: Double = 0, durationSeconds: Double
  ) {
    self.base = base
    self.peak = peak
    self.sustain = sustain
    self.beforeSeconds = beforeSeconds
    self.rampUpSeconds = rampUpSeconds
    self.holdSeconds = holdSeconds
    self.rampDownSeconds = rampDownSeconds
    self.durationSeconds = durationSeconds
  }

  /// before + rampUp + hold + rampDown, s: the shortest valid duration.
  public var burstSeconds: Double { beforeSeconds + rampUpSeconds + holdSeconds + rampDownSeconds }

  /// Problems with the parameters, as messages naming the field (empty when valid).
  public func validate() -> [(field: String, message: String)] {
    var problems: [(field: String, message: String)] = []
    if base < 0 { problems.append(("base", "base must be ≥ 0, got \(base)")) }
    if sustain < 0 { problems.append(("sustain", "sustain must be ≥ 0, got \(sustain)")) }
    if peak < 1 || peak < base || peak < sustain {
      problems.append(("peak", "peak must be > 0 and ≥ base and sustain, got \(peak)"))
    }
    for (field, value) in [("before", beforeSeconds), ("ramp_up", rampUpSeconds), ("ramp_down", rampDownSeconds)]
    where !(value >= 0) {
      problems.append((field, "\(field) must be ≥ 0"))
    }
    if !(holdSeconds > 0) { problems.append(("hold", "hold must be > 0")) }
    if !(durationSeconds >= burstSeconds) || !(durationSeconds > 0) {
      problems.append(("duration", "duration must be ≥ before + ramp_up + hold + ramp_down"))
    }
    return problems
  }

  public func target(at elapsed: Double) -> Double {
    guard elapsed >= 0, elapsed <= durationSeconds else { return 0 }
    let upStart = beforeSeconds
    let holdStart = upStart + rampUpSeconds
    let downStart = holdStart + holdSeconds
    let sustainStart = downStart + rampDownSeconds
    if elapsed < upStart { return Double(base) }
    if elapsed < holdStart { return Double(base) + Double(peak - base) * (elapsed - upStart) / rampUpSeconds }
    if elapsed < downStart { return Double(peak) }
    if elapsed < sustainStart {
      return Double(peak) + Double(sustain - peak) * (elapsed - downStart) / rampDownSeconds
    }
    return Double(sustain)
  }
}
