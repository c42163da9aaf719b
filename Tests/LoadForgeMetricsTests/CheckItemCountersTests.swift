import Testing

@testable import LoadForgeMetrics

struct CheckItemCountersTests {
  /// Tasks with 2, 0 and 1 items: indexes stay within each task, the first failure is kept.
  @Test func recordsPerTaskAndItemAndKeepsTheFirstFailure() {
    var c = CheckItemCounters(itemsPerTask: [2, 0, 1])
    #expect(c.taskCount == 3)
    #expect((0..<3).map { c.itemCount(task: $0) } == [2, 0, 1])
    c.record(task: 0, item: 0, failure: nil)
    c.record(task: 0, item: 0, failure: nil)
    c.record(task: 0, item: 1, failure: "status 2xx (got 404)")
    c.record(task: 0, item: 1, failure: "status 2xx (got 503)")
    c.record(task: 0, item: 1, failure: nil)
    c.record(task: 2, item: 0, failure: "capture token (no match)")
    #expect(c.counts(task: 0, item: 0) == (2, 0, nil))
    #expect(c.counts(task: 0, item: 1) == (1, 2, "status 2xx (got 404)"))
    #expect(c.counts(task: 2, item: 0) == (0, 1, "capture token (no match)"))
  }

  /// Workers' counters add up; an item keeps its own example, else takes the other's.
  @Test func addSumsAndKeepsAnExample() {
    var a = CheckItemCounters(itemsPerTask: [1, 2])
    var b = CheckItemCounters(itemsPerTask: [1, 2])
    a.record(task: 0, item: 0, failure: "a0")
    b.record(task: 0, item: 0, failure: "b0")
    b.record(task: 1, item: 1, failure: "b11")
    b.record(task: 1, item: 1, failure: nil)
    a.record(task: 1, item: 0, failure: nil)
    a.add(b)
    #expect(a.counts(task: 0, item: 0) == (0, 2, "a0"))
    #expect(a.counts(task: 1, item: 0) == (1, 0, nil))
    #expect(a.counts(task: 1, item: 1) == (1, 1, "b11"))
    // b is unchanged.
    #expect(b.counts(task: 0, item: 0) == (0, 1, "b0"))
  }

  @Test func emptyLayout() {
    var a = CheckItemCounters(itemsPerTask: [])
    a.add(CheckItemCounters(itemsPerTask: []))
    #expect(a.taskCount == 0)
    #expect(a == CheckItemCounters(itemsPerTask: []))
  }
}
