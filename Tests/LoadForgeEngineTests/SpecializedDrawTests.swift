import LoadForgePlan
import Testing

@testable import LoadForgeEngine

/// The worker's specialized draws must match the Plan's generic ones draw for draw, so a seeded
/// run picks the same tasks and think times whichever path is used.
struct SpecializedDrawTests {
  @Test(arguments: [[1], [3, 1], [5, 0, 2, 9], [1, 1, 1, 1, 1, 1, 1], [1_000_000, 1]])
  func weightTablePickMatchesGenericPick(weights: [Int]) {
    let table = WeightTable(weights: weights)
    for seed in UInt64(0)..<50 {
      var generic = Xoshiro256StarStar(seed: seed)
      var specialized = Xoshiro256StarStar(seed: seed)
      var picks = [Int](repeating: 0, count: weights.count)
      for _ in 0..<200 {
        let expected = table.pick(using: &generic)
        #expect(table.pickSpecialized(using: &specialized) == expected)
        picks[expected] += 1
      }
      // Same number of draws consumed: the streams are still in step.
      #expect(generic.next() == specialized.next())
      for (index, weight) in weights.enumerated() where weight == 0 { #expect(picks[index] == 0) }
    }
  }

  @Test(arguments: [
    ThinkTime.none, .constant(micros: 250), .uniform(minMicros: 50_000, maxMicros: 150_000),
    .uniform(minMicros: 7, maxMicros: 7), .uniform(minMicros: 9, maxMicros: 3),
  ])
  func thinkTimeSampleMatchesGenericSample(think: ThinkTime) {
    for seed in UInt64(0)..<50 {
      var generic = Xoshiro256StarStar(seed: seed)
      var specialized = Xoshiro256StarStar(seed: seed)
      for _ in 0..<200 {
        let expected = think.sample(using: &generic)
        let actual = think.sampleSpecialized(using: &specialized)
        #expect(actual == expected)
        if case .uniform(let lo, let hi) = think, lo < hi { #expect(actual >= lo && actual <= hi) }
      }
      #expect(generic.next() == specialized.next())
    }
  }
}
