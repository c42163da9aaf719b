/// `pattern = "composite"`: stages of any pattern (composites too) run one after another.
///
/// Stage i runs during [Sᵢ, Sᵢ + dᵢ) where Sᵢ is the sum of the earlier stages' durations, and
/// gives `stages[i].target(at: t − Sᵢ)`: at a boundary the next stage's start value applies.
/// Exactly at the end (t = Σd) the last stage's end value applies, 0 after it — the same
/// convention as a single ramp.
public struct CompositePattern: Codable, Sendable, Equatable {
  /// The stages, in order (at least one).
  public var stages: [TrafficPattern]

  public init(stages: [TrafficPattern]) {
    self.stages = stages
  }

  /// Sum of the stages' durations, s.
  public var durationSeconds: Double {
    Double(stages.reduce(Int64(0)) { $0 + Self.micros($1.durationSeconds) }) / 1_000_000
  }

  /// Problems with the parameters, as messages naming the field (`stages[i].field` for a stage,
  /// 0-based); empty when valid.
  public func validate() -> [(field: String, message: String)] {
    if stages.isEmpty { return [("stages", "stages must not be empty")] }
    return stages.enumerated().flatMap { index, stage in
      stage.validate().map { ("stages[\(index)].\($0.field)", $0.message) }
    }
  }

  public func target(at elapsed: Double) -> Double {
    guard elapsed >= 0, !stages.isEmpty else { return 0 }
    // Boundaries in whole µs (durations come from µs in the config): summing seconds as
    // doubles would put a tick on a boundary into the wrong stage (0.1 + 0.2 > 0.3).
    let now = Self.micros(elapsed)
    var start: Int64 = 0
    for stage in stages {
      let length = Self.micros(stage.durationSeconds)
      if now < start + length { return stage.target(at: Double(now - start) / 1_000_000) }
      start += length
    }
    guard now == start, let last = stages.last else { return 0 }
    return last.target(at: last.durationSeconds)
  }

  static func micros(_ seconds: Double) -> Int64 {
    let value = (seconds * 1_000_000).rounded()
    return value.isFinite ? Int64(exactly: value) ?? Int64.max / 4 : 0
  }
}
