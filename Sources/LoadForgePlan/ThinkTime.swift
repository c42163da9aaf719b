#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Pause a virtual user takes between tasks.
public enum ThinkTime: Codable, Sendable, Hashable {
  case none
  /// A fixed pause, µs.
  case constant(micros: Int64)
  /// Uniformly distributed in `[minMicros, maxMicros]`, µs.
  case uniform(minMicros: Int64, maxMicros: Int64)
  /// Exponentially distributed with mean `meanMicros` (µs), as between arrivals of a Poisson
  /// process; each draw is capped at `capFactor` × the mean (see `sample(using:)`).
  case exponential(meanMicros: Int64)

  /// The longest exponential pause, as a multiple of its mean. Without a cap one draw in a
  /// million would exceed 13.8× the mean, enough for a VU to sleep through a short test. The
  /// cap cuts the tail of probability e⁻¹⁰ ≈ 4.5·10⁻⁵ and lowers the mean by that fraction.
  public static let capFactor: Int64 = 10

  /// Draws one pause in µs. Inlinable so the engine's call specializes for its generator.
  ///
  /// Exponential draws use inversion: −mean·ln(U) with U uniform in (0, 1] (53 random bits,
  /// never 0, so ln(U) is finite), rounded to the nearest µs and capped at `capFactor` × mean.
  @inlinable
  public func sample<R: RandomNumberGenerator>(using rng: inout R) -> Int64 {
    switch self {
    case .none: 0
    case .constant(let m): m
    case .uniform(let lo, let hi): hi <= lo ? lo : Int64.random(in: lo...hi, using: &rng)
    case .exponential(let mean):
      Self.exponentialPause(mean: mean, uniform: Double((rng.next() >> 11) &+ 1) * 0x1p-53)
    }
  }

  /// −mean·ln(u) in µs, capped at `capFactor` × mean; `u` in (0, 1].
  @inlinable
  static func exponentialPause(mean: Int64, uniform u: Double) -> Int64 {
    guard mean > 0 else { return 0 }
    let cap = mean > Int64.max / capFactor ? Int64.max : mean * capFactor
    let pause = -Double(mean) * log(u)
    return pause >= Double(cap) ? cap : Int64(pause.rounded())
  }

  /// Mean pause in µs. For `.exponential`, the mean of the capped distribution:
  /// mean·(1 − e^−capFactor).
  public var meanMicros: Double {
    switch self {
    case .none: 0
    case .constant(let m): Double(m)
    case .uniform(let lo, let hi): (Double(lo) + Double(hi)) / 2
    case .exponential(let m): Double(m) * (1 - exp(-Double(Self.capFactor)))
    }
  }
}
