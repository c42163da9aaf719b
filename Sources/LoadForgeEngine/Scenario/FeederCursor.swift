import LoadForgePlan

/// One worker's view of a `[[data]]` feeder: which row a VU takes, and the row's values as
/// UTF-8 bytes ready to drop into variable slots (converted once, so taking a row copies no
/// bytes).
///
/// Row order (`DataFeederPlan.Order`), with `W` workers and this worker `w`:
/// - `sequential`, `per = vu`: the run's VU number `k` (slot `s` of worker `w` is `k = s·W + w`,
///   see `Worker`) takes row `k mod rows`, so VUs 0, 1, 2 … get rows 0, 1, 2 … in file order
///   whichever worker runs them, and a slot that starts a new VU takes its number's row again.
/// - `sequential`, `per = iteration`: the workers interleave: worker `w` takes rows `w`, `w+W`,
///   `w+2W`, … (mod rows), so with one worker the rows go in file order, and with several each
///   row is taken once per round as long as the workers run iterations at a similar pace.
/// - `random`: a uniform draw with the worker's RNG (seeded runs repeat).
struct FeederCursor {
  /// Variable slot of each column.
  let variables: [Int]
  /// `rows[r][c]`: column `c` of row `r`, UTF-8.
  let rows: [[[UInt8]]]
  let order: DataFeederPlan.Order
  let per: DataFeederPlan.Scope
  private let workerIndex: Int
  private let workerCount: Int
  /// Rows this worker took so far (sequential per-iteration feeders).
  private var taken = 0

  init(_ feeder: DataFeederPlan, workerIndex: Int, workerCount: Int) {
    variables = feeder.variables
    rows = feeder.rows.map { row in row.map { Array($0.utf8) } }
    order = feeder.order
    per = feeder.per
    self.workerIndex = workerIndex
    self.workerCount = max(1, workerCount)
  }

  /// The row for the VU with the run's number `vuNumber` (0-based) taking one now.
  mutating func nextRow(vuNumber: Int, using rng: inout some RandomNumberGenerator) -> Int {
    guard rows.count > 1 else { return 0 }
    switch (order, per) {
    case (.random, _):
      return Int.random(in: 0..<rows.count, using: &rng)
    case (.sequential, .vu):
      return vuNumber % rows.count
    case (.sequential, .iteration):
      let row = (taken % rows.count * workerCount + workerIndex) % rows.count
      taken += 1
      return row
    }
  }

  /// Takes the next row (`nextRow`) into `values`.
  mutating func feed(_ values: inout VariableValues, vuNumber: Int, using rng: inout some RandomNumberGenerator) {
    let row = rows[nextRow(vuNumber: vuNumber, using: &rng)]
    for (column, slot) in variables.enumerated() where column < row.count {
      values[slot] = row[column]
    }
  }
}
