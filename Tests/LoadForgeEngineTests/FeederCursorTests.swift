import LoadForgePlan
import Testing

@testable import LoadForgeEngine

@Suite struct FeederCursorTests {
  private func feeder(rows: Int, order: DataFeederPlan.Order, per: DataFeederPlan.Scope) -> DataFeederPlan {
    DataFeederPlan(
      file: "f.csv", columns: ["id", "name"], variables: [1, 0],
      rows: (0..<rows).map { ["\($0)", "n\($0)"] }, order: order, per: per)
  }

  @Test func sequentialPerVUIsTheVUNumberModuloRows() {
    var cursor = FeederCursor(feeder(rows: 3, order: .sequential, per: .vu), workerIndex: 1, workerCount: 2)
    var rng = Xoshiro256StarStar(seed: 1)
    #expect((0..<7).map { cursor.nextRow(vuNumber: $0, using: &rng) } == [0, 1, 2, 0, 1, 2, 0])
    // Taking the row of VU 4 again gives the same row: a slot's new VU keeps its number's row.
    #expect(cursor.nextRow(vuNumber: 4, using: &rng) == 1)
  }

  /// Worker w of W takes rows w, w+W, w+2W, … modulo the row count.
  @Test(arguments: [
    (0, 1, 4, [0, 1, 2, 3, 0, 1]),
    (0, 3, 5, [0, 3, 1, 4, 2, 0]),
    (1, 3, 5, [1, 4, 2, 0, 3, 1]),
    (2, 3, 5, [2, 0, 3, 1, 4, 2]),
    (1, 2, 4, [1, 3, 1, 3, 1, 3]),
  ])
  func sequentialPerIterationInterleavesWorkers(worker: Int, workers: Int, rows: Int, expected: [Int]) {
    var cursor = FeederCursor(
      feeder(rows: rows, order: .sequential, per: .iteration), workerIndex: worker, workerCount: workers)
    var rng = Xoshiro256StarStar(seed: 1)
    #expect((0..<expected.count).map { _ in cursor.nextRow(vuNumber: 99, using: &rng) } == expected)
  }

  @Test func randomDrawsEveryRowWithinRange() {
    var cursor = FeederCursor(feeder(rows: 5, order: .random, per: .iteration), workerIndex: 0, workerCount: 1)
    var rng = Xoshiro256StarStar(seed: 7)
    var seen = Array(repeating: 0, count: 5)
    for _ in 0..<5_000 { seen[cursor.nextRow(vuNumber: 0, using: &rng)] += 1 }
    // Uniform: each row ~1000 times (binomial σ ≈ 28, so 850…1150 is > 5σ).
    #expect(seen.allSatisfy { (850...1150).contains($0) })
  }

  @Test func feedPutsEachColumnInItsVariableSlot() {
    var cursor = FeederCursor(feeder(rows: 3, order: .sequential, per: .vu), workerIndex: 0, workerCount: 1)
    var rng = Xoshiro256StarStar(seed: 1)
    var values = VariableValues(count: 3)
    cursor.feed(&values, vuNumber: 2, using: &rng)
    #expect(values[0] == Array("n2".utf8))
    #expect(values[1] == Array("2".utf8))
    #expect(values[2] == [])
    values.reset()
    #expect(values.values == [[], [], []])
  }
}
