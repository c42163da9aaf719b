import Foundation
import LoadForgeTestSupport
import Testing

@testable import LoadForgePlan

/// A generator that always returns the same word, to drive `sample` to the ends of its range.
private struct FixedGenerator: RandomNumberGenerator {
  var word: UInt64
  mutating func next() -> UInt64 { word }
}

@Suite struct ThinkTimeTests {
  @Test func exponentialMeanOver100kDraws() {
    let think = ThinkTime.exponential(meanMicros: 1_000_000)
    var rng = SplitMix64(seed: 42)
    let n = 100_000
    var sum = 0.0
    for _ in 0..<n { sum += Double(think.sample(using: &rng)) }
    let mean = sum / Double(n)
    // An exponential's σ equals its mean, so the sample mean's standard error is
    // 1 s / √100000 ≈ 3162 µs; 5 standard errors (15811 µs) fails a correct sampler with
    // probability < 10⁻⁶. The cap moves the true mean by only 45 µs (meanMicros).
    #expect(abs(mean - think.meanMicros) < 5 * 1_000_000 / Double(n).squareRoot())
    #expect(abs(think.meanMicros - 999_954.6) < 0.1)
  }

  @Test func exponentialDrawsAreCappedAtTenTimesTheMean() {
    // next() = 0 gives U = 2⁻⁵³, the smallest draw: −ln U ≈ 36.7 means, capped to 10.
    var smallest = FixedGenerator(word: 0)
    #expect(ThinkTime.exponential(meanMicros: 250_000).sample(using: &smallest) == 2_500_000)
    // next() = max gives U = 1: a zero pause.
    var largest = FixedGenerator(word: .max)
    #expect(ThinkTime.exponential(meanMicros: 250_000).sample(using: &largest) == 0)
    // U = 1/2: mean·ln 2, rounded to the µs.
    var half = FixedGenerator(word: (1 << 63) - (1 << 11))
    #expect(ThinkTime.exponential(meanMicros: 1_000_000).sample(using: &half) == 693_147)
    var rng = SplitMix64(seed: 7)
    let draws = (0..<100_000).map { _ in ThinkTime.exponential(meanMicros: 1000).sample(using: &rng) }
    #expect(draws.max() == 10_000)
    #expect(draws.min()! >= 0)
  }

  @Test func exponentialCapDoesNotOverflowForHugeMeans() {
    var smallest = FixedGenerator(word: 0)
    #expect(ThinkTime.exponential(meanMicros: .max / 2).sample(using: &smallest) == .max)
  }

  @Test func exponentialRoundTripsThroughJSON() throws {
    let data = try JSONEncoder().encode(ThinkTime.exponential(meanMicros: 5))
    #expect(try JSONDecoder().decode(ThinkTime.self, from: data) == .exponential(meanMicros: 5))
  }
}
