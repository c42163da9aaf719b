import Foundation

/// One endpoint's service time: log-normal around a median, plus a rare slow tail (a GC
/// pause, a cold cache) that makes p99 and max differ visibly from p50, as on real services.
public struct LatencyProfile: Sendable, Equatable {
  /// Median service time, ms.
  public var medianMs: Double
  /// Standard deviation of ln(latency); 0.5 puts p95 at about 2.3 × the median.
  public var sigma: Double
  /// Probability (0…1) that a request falls in the slow tail.
  public var tailProbability: Double
  /// Factor applied to a tail request's latency.
  public var tailFactor: Double

  public init(medianMs: Double, sigma: Double, tailProbability: Double = 0, tailFactor: Double = 1) {
    self.medianMs = medianMs
    self.sigma = sigma
    self.tailProbability = tailProbability
    self.tailFactor = tailFactor
  }

  /// One latency draw, in µs, times `scale`: median · e^(σZ) with Z standard normal
  /// (Box–Muller transform), times `tailFactor` with probability `tailProbability`.
  public func sampleMicros(scale: Double, using rng: inout some RandomNumberGenerator) -> Int {
    guard scale > 0 else { return 0 }
    // 1 - u keeps the logarithm's argument in (0, 1].
    let u1 = 1 - Double.random(in: 0..<1, using: &rng)
    let u2 = Double.random(in: 0..<1, using: &rng)
    let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    var ms = medianMs * exp(sigma * z)
    if tailProbability > 0, Double.random(in: 0..<1, using: &rng) < tailProbability { ms *= tailFactor }
    return Int((ms * scale * 1000).rounded())
  }
}
