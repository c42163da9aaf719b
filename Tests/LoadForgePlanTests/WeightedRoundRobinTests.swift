import LoadForgeTestSupport
import Testing

@testable import LoadForgePlan

@Suite struct WeightedRoundRobinTests {
  @Test(arguments: [
    ([3, 1], [0, 0, 1, 0, 0, 0, 1, 0]),
    ([1, 1, 2], [2, 0, 1, 2, 2, 0, 1, 2]),
    // nginx's documented example: weights 5, 1, 1 give a a b a c a a.
    ([5, 1, 1], [0, 0, 1, 0, 2, 0, 0]),
    ([1], [0, 0, 0]),
    ([0, 2], [1, 1, 1]),
    ([2, 0, 1], [0, 2, 0, 0, 2, 0]),
    ([1, 1, 1], [0, 1, 2, 0, 1, 2]),
  ])
  func sequenceTable(weights: [Int], expected: [Int]) {
    #expect(WeightedRoundRobin.sequence(weights: weights, count: expected.count) == expected)
  }

  /// The brief's small-count cases: the first n picks split exactly by weight.
  @Test func smallCountsFollowTheWeightsExactly() {
    func counts(_ weights: [Int], _ n: Int) -> [Int] {
      var out = Array(repeating: 0, count: weights.count)
      for i in WeightedRoundRobin.sequence(weights: weights, count: n) { out[i] += 1 }
      return out
    }
    #expect(counts([3, 1], 8) == [6, 2])
    #expect(counts([1, 1, 2], 4) == [1, 1, 2])
    #expect(counts([3, 1], 40) == [30, 10])
  }

  @Test func repeatsEveryTotalSteps() {
    let weights = [7, 3, 0, 5]
    let twice = WeightedRoundRobin.sequence(weights: weights, count: 30)
    #expect(Array(twice[..<15]) == Array(twice[15...]))
    var counts = [0, 0, 0, 0]
    for i in twice[..<15] { counts[i] += 1 }
    #expect(counts == weights)
  }

  /// After n picks, index i was picked close to n·wᵢ/total times: within ½ for two weights
  /// (the nearest whole count), within 1 for three.
  @Test(arguments: [(2, 0.5), (3, 0.999)])
  func everyPrefixStaysCloseToItsShare(indices: Int, bound: Double) {
    var rng = SplitMix64(seed: 7)
    var worst = 0.0
    for _ in 0..<400 {
      let weights = (0..<indices).map { _ in Int.random(in: 0...40, using: &rng) }
      let total = weights.reduce(0, +)
      guard total > 0 else { continue }
      var counts = Array(repeating: 0, count: indices)
      for (n, index) in WeightedRoundRobin.sequence(weights: weights, count: total).enumerated() {
        counts[index] += 1
        for i in weights.indices {
          let ideal = Double(n + 1) * Double(weights[i]) / Double(total)
          worst = max(worst, abs(Double(counts[i]) - ideal))
        }
      }
      #expect(counts == weights, "a full cycle picks each index exactly its weight: \(weights)")
    }
    #expect(worst <= bound)
    #expect(worst > 0.25, "the random weights exercised uneven shares")
  }

  @Test func takesTheWeightsOfACumulativeTable() {
    let rr = WeightedRoundRobin(table: WeightTable(weights: [3, 0, 1]))
    #expect(rr.weights == [3, 0, 1])
    #expect(rr.total == 4)
  }
}
