/// Smooth weighted round-robin: a deterministic sequence of indices in which each index
/// appears in proportion to its weight, spread out rather than in runs (nginx's upstream
/// algorithm, `ngx_http_upstream_get_peer` in ngx_http_upstream_round_robin.c).
///
/// Each step adds every weight to its running value, picks the largest running value (the
/// lowest index on a tie) and subtracts the total weight from it. Weights 3:1 give
/// 0, 0, 1, 0 | 0, 0, 1, 0 | …; weights 5:1:1 give 0, 0, 1, 0, 2, 0, 0. The sequence repeats
/// every `total` steps, each index appearing exactly wᵢ times per cycle; after any n picks
/// index i has been picked close to n·wᵢ/total times (within ½ for two weights, within 1 for
/// three, as the tests check), so even a handful of picks honours the weights. Locust assigns
/// users to classes by weight in the same deterministic spirit instead of drawing at random.
///
/// The engine uses it to give the n-th virtual user of a run its scenario. A pure value type.
public struct WeightedRoundRobin: Sendable, Equatable {
  /// The weights, as given (negative ones count as 0).
  public let weights: [Int]
  /// Sum of the weights.
  public let total: Int
  private var current: [Int]

  /// - Parameter weights: one per index, each ≥ 0 (validated by the spec: 0 … 1,000,000).
  /// - Precondition: at least one weight > 0.
  public init(weights: [Int]) {
    let clean = weights.map { max(0, $0) }
    self.weights = clean
    total = clean.reduce(0, +)
    precondition(total > 0, "weighted round-robin needs a positive weight")
    current = Array(repeating: 0, count: clean.count)
  }

  /// The weights of a cumulative `WeightTable` (the plan's scenario table).
  public init(table: WeightTable) {
    var previous: UInt64 = 0
    self.init(
      weights: table.cumulative.map { c in
        defer { previous = c }
        return Int(clamping: c - previous)
      })
  }

  /// The next index of the sequence.
  public mutating func next() -> Int {
    var best = 0
    for i in current.indices {
      current[i] += weights[i]
      if current[i] > current[best] { best = i }
    }
    current[best] -= total
    return best
  }

  /// The first `count` indices of the sequence, from the start.
  public static func sequence(weights: [Int], count: Int) -> [Int] {
    var rr = WeightedRoundRobin(weights: weights)
    return (0..<max(0, count)).map { _ in rr.next() }
  }
}
