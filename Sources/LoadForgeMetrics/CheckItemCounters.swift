/// Passed and failed counts of every `expect` check and `capture` of every task, with one
/// example failure each: what `checks.details` of the summary is made of.
///
/// A worker sizes it once at start (`itemsPerTask`, tasks in the worker's flat order) and then
/// only increments: recording allocates nothing, except that the first failure of an item
/// keeps its text (already made by the inspector). Workers keep these for the whole run and
/// hand them over in their final report; the coordinator adds them up (`add(_:)`), never per
/// interval.
///
/// Captures count as items like checks: passed when they found a value, failed when not (the
/// run's `checks` totals count them the same way, so the items sum to the totals).
public struct CheckItemCounters: Sendable, Equatable {
  /// Index of each task's first item in the flat arrays, plus the total at the end.
  private let offsets: [Int]
  private var passed: [Int]
  private var failed: [Int]
  /// The first failure text of each item (`status 2xx (got 404)`), nil until it fails.
  private var examples: [String?]

  /// - Parameter itemsPerTask: checks plus captures of each task, in the worker's task order.
  public init(itemsPerTask: [Int]) {
    var offsets = [0]
    offsets.reserveCapacity(itemsPerTask.count + 1)
    for count in itemsPerTask { offsets.append(offsets[offsets.count - 1] + max(0, count)) }
    self.offsets = offsets
    let total = offsets[offsets.count - 1]
    passed = Array(repeating: 0, count: total)
    failed = Array(repeating: 0, count: total)
    examples = Array(repeating: nil, count: total)
  }

  /// Tasks covered.
  public var taskCount: Int { offsets.count - 1 }

  /// Checks plus captures of task `task`.
  public func itemCount(task: Int) -> Int { offsets[task + 1] - offsets[task] }

  /// Counts one evaluation of item `item` of task `task`: passed when `failure` is nil, else
  /// failed, keeping `failure` as the item's example when it has none yet.
  /// - Precondition: `task < taskCount`, `item < itemCount(task:)`.
  @inline(__always)
  public mutating func record(task: Int, item: Int, failure: String?) {
    let i = offsets[task] + item
    guard let failure else {
      passed[i] += 1
      return
    }
    failed[i] += 1
    if examples[i] == nil { examples[i] = failure }
  }

  /// The counts of item `item` of task `task`, and its example failure.
  public func counts(task: Int, item: Int) -> (passed: Int, failed: Int, example: String?) {
    let i = offsets[task] + item
    return (passed[i], failed[i], examples[i])
  }

  /// Adds another worker's counters; an item keeps its own example if it has one.
  /// - Precondition: both were made with the same `itemsPerTask` (workers run the same plan).
  public mutating func add(_ other: CheckItemCounters) {
    precondition(offsets == other.offsets, "check counters of different plans")
    for i in passed.indices {
      passed[i] += other.passed[i]
      failed[i] += other.failed[i]
      if examples[i] == nil { examples[i] = other.examples[i] }
    }
  }
}
