import Foundation

/// `pattern = "diurnal"`: a day-like wave between `min` and `max` virtual users.
///
///     target(t) = min + (max − min) · (1 − cos(2π · (t + phase) / period)) / 2   for 0 ≤ t ≤ duration
///
/// and 0 after the end: a raised cosine that starts at `min` (phase 0), reaches `max` at
/// period / 2 and is back at `min` after one period. `phase` shifts the start along the wave
/// (phase = period / 2 starts at the top).
public struct DiurnalPattern: Codable, Sendable, Equatable {
  /// Virtual users at the bottom of the wave (≥ 0).
  public var min: Int
  /// Virtual users at the top of the wave (≥ min, > 0).
  public var max: Int
  /// Length of one full wave, s (> 0).
  public var periodSeconds: Double
  /// Offset into the wave at the start, s (≥ 0).
  public var phaseSeconds: Double
  /// Total length, s (> 0).
  public var durationSeconds: Double

  public init(min: Int, max: Int, periodSeconds: Double, phaseSeconds: Double = 0, durationSeconds: Double) {
    self.min = min
    self.max = max
    self.periodSeconds = periodSeconds
    self.phaseSeconds = phaseSeconds
    self.durationSeconds = durationSeconds
  }

  /// Problems with the parameters, as messages naming the field (empty when valid).
  public func validate() -> [(field: String, message: String)] {
    var problems: [(field: String, message: String)] = []
    if min < 0 { problems.append(("min", "min must be ≥ 0, got \(min)")) }
    if max < 1 || max < min { problems.append(("max", "max must be > 0 and ≥ min (\(min)), got \(max)")) }
    if !(periodSeconds > 0) { problems.append(("period", "period must be > 0")) }
    if !(phaseSeconds >= 0) { problems.append(("phase", "phase must be ≥ 0")) }
    if !(durationSeconds > 0) { problems.append(("duration", "duration must be > 0")) }
    return problems
  }

  public func target(at elapsed: Double) -> Double {
    guard elapsed >= 0, elapsed <= durationSeconds else { return 0 }
    let angle = 2 * Double.pi * (elapsed + phaseSeconds) / periodSeconds
    return Double(min) + Double(max - min) * (1 - cos(angle)) / 2
  }
}
