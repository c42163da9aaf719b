/// `pattern = "ramp"`: linear from `from` to `to` virtual users over `duration`.
///
/// target(t) = from + (to − from) · t / duration for 0 ≤ t < duration; `to` exactly at the end
/// tick, 0 after it.
public struct RampPattern: Codable, Sendable, Equatable {
  public var from: Int
  public var to: Int
  public var durationSeconds: Double

  public init(from: Int, to: Int, durationSeconds: Double) {
    self.from = from
    self.to = to
    self.durationSeconds = durationSeconds
  }

  public func validate() -> [(field: String, message: String)] {
    var problems: [(field: String, message: String)] = []
    if from < 0 { problems.append(("from", "from must be ≥ 0, got \(from)")) }
    if to < 0 { problems.append(("to", "to must be ≥ 0, got \(to)")) }
    if !(durationSeconds > 0) { problems.append(("duration", "duration must be > 0")) }
    return problems
  }

  public func target(at elapsed: Double) -> Double {
    guard elapsed >= 0 else { return 0 }
    if elapsed > durationSeconds { return 0 }
    if elapsed == durationSeconds { return Double(to) }
    return Double(from) + Double(to - from) * elapsed / durationSeconds
  }
}
