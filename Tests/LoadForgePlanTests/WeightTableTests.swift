import LoadForgeTestSupport
import Testing

@testable import LoadForgePlan

@Suite struct WeightTableTests {
  @Test func cumulativeAndIndex() {
    let table = WeightTable(weights: [3, 0, 1, 6])
    #expect(table.cumulative == [3, 3, 4, 10])
    #expect(table.total == 10)
    let picks = (0..<10).map { table.index(for: UInt64($0)) }
    #expect(picks == [0, 0, 0, 2, 3, 3, 3, 3, 3, 3])
    #expect(table.normalised == [0.3, 0, 0.1, 0.6])
  }

  @Test func randomPicksFollowWeights() {
    var rng = SplitMix64(seed: 42)
    let table = WeightTable(weights: [1, 3])
    var counts = [0, 0]
    for _ in 0..<40_000 { counts[table.pick(using: &rng)] += 1 }
    // Expected 10 000 / 30 000; 5 σ ≈ 430.
    #expect(abs(counts[0] - 10_000) < 450)
    #expect(counts[0] + counts[1] == 40_000)
  }
}
