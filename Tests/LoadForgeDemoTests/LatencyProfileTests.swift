import LoadForgeTestSupport
import Testing

@testable import LoadForgeDemo

@Suite struct LatencyProfileTests {
  func samples(_ profile: LatencyProfile, scale: Double = 1, count: Int = 20_000) -> [Int] {
    var rng = SplitMix64(seed: 42)
    return (0..<count).map { _ in profile.sampleMicros(scale: scale, using: &rng) }.sorted()
  }

  @Test func medianAndP95FollowTheLogNormal() {
    // p95 of a log-normal = median · e^(1.645 σ): 4 ms · e^(0.8225) ≈ 9.10 ms for σ = 0.5.
    let sorted = samples(LatencyProfile(medianMs: 4, sigma: 0.5))
    let median = Double(sorted[sorted.count / 2])
    let p95 = Double(sorted[sorted.count * 95 / 100])
    #expect(abs(median - 4000) < 4000 * 0.03, "\(median)")
    #expect(abs(p95 - 9103) < 9103 * 0.05, "\(p95)")
  }

  @Test func theSlowTailLiftsOnlyTheTop() {
    let plain = samples(LatencyProfile(medianMs: 2, sigma: 0.4))
    let tailed = samples(LatencyProfile(medianMs: 2, sigma: 0.4, tailProbability: 0.02, tailFactor: 10))
    let median = plain.count / 2
    #expect(abs(Double(tailed[median] - plain[median])) < 2000 * 0.05)
    // p99.5 sits inside the 2 % tail: about ten times slower.
    let top = plain.count * 995 / 1000
    #expect(Double(tailed[top]) > Double(plain[top]) * 3, "\(tailed[top]) vs \(plain[top])")
  }

  @Test(arguments: [(0.0, 0), (2.0, 2)])
  func scaleMultipliesEveryDraw(scale: Double, factor: Int) {
    let base = samples(LatencyProfile(medianMs: 3, sigma: 0.5), count: 100)
    let scaled = samples(LatencyProfile(medianMs: 3, sigma: 0.5), scale: scale, count: 100)
    for (a, b) in zip(base, scaled) { #expect(abs(b - a * factor) <= 1) }
  }

  @Test func everyEndpointKeepsTheTestsFast() {
    for endpoint in DemoEndpoint.allCases where endpoint != .search {
      #expect(endpoint.latency.medianMs <= 10, "\(endpoint)")
    }
    #expect(DemoEndpoint.search.latency.medianMs >= 50, "one slow endpoint")
    #expect(DemoEndpoint.allCases.filter { !$0.injectsErrors } == [.health, .login])
  }
}
