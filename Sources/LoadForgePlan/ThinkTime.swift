/// Pause a virtual user takes between tasks.
public enum ThinkTime: Codable, Sendable, Equatable {
  case none
  /// A fixed pause, µs.
  case constant(micros: Int64)
  /// Uniformly distributed in `[minMicros, maxMicros]`, µs.
  case uniform(minMicros: Int64, maxMicros: Int64)

  /// Draws one pause in µs. Inlinable so the engine's call specializes for its generator.
  @inlinable
  public func sample<R: RandomNumberGenerator>(using rng: inout R) -> Int64 {
    switch self {
    case .none: 0
    case .constant(let m): m
    case .uniform(let lo, let hi): hi <= lo ? lo : Int64.random(in: lo...hi, using: &rng)
    }
  }

  /// Mean pause in µs.
  public var meanMicros: Double {
    switch self {
    case .none: 0
    case .constant(let m): Double(m)
    case .uniform(let lo, let hi): (Double(lo) + Double(hi)) / 2
    }
  }
}
