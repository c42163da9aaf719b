import Testing

@testable import LoadForgeEngine

@Suite struct TimerHeapTests {
  /// Pops every timer due at `now`, returning their payloads in firing order.
  private func fire(_ heap: inout TimerHeap, now: Int64) -> [UInt64] {
    var out: [UInt64] = []
    while let (_, payload) = heap.popExpired(now: now) { out.append(payload) }
    return out
  }

  @Test func firesInDeadlineOrder() {
    var heap = TimerHeap()
    for (deadline, payload) in [(50, 5), (10, 1), (40, 4), (20, 2), (30, 3)] as [(Int64, UInt64)] {
      _ = heap.schedule(at: deadline, payload: payload)
    }
    #expect(heap.nextDeadline == 10)
    #expect(fire(&heap, now: 25) == [1, 2])
    #expect(heap.nextDeadline == 30)
    #expect(fire(&heap, now: 100) == [3, 4, 5])
    #expect(heap.isEmpty)
    #expect(heap.nextDeadline == nil)
  }

  @Test func equalDeadlinesFireInSchedulingOrder() {
    var heap = TimerHeap()
    for payload in 0..<20 as Range<UInt64> { _ = heap.schedule(at: 7, payload: payload) }
    #expect(fire(&heap, now: 7) == Array(0..<20))
  }

  @Test func nothingFiresBeforeItsDeadline() {
    var heap = TimerHeap()
    _ = heap.schedule(at: 1_000, payload: 1)
    #expect(heap.popExpired(now: 999) == nil)
    #expect(heap.popExpired(now: 1_000)?.payload == 1)
  }

  @Test func cancelRemovesAtOnceFromAnyPosition() {
    var heap = TimerHeap()
    var ids: [TimerID] = []
    for i in 0..<10 as Range<Int64> { ids.append(heap.schedule(at: i * 10, payload: UInt64(i))) }
    // The root, the middle and the last entry.
    let cancelled = [heap.cancel(ids[0]), heap.cancel(ids[5]), heap.cancel(ids[9])]
    #expect(cancelled == [true, true, true])
    #expect(heap.count == 7)
    #expect(heap.nextDeadline == 10)
    #expect(fire(&heap, now: 1_000) == [1, 2, 3, 4, 6, 7, 8])
  }

  @Test func cancellingTwiceOrAfterFiringIsANoOp() {
    var heap = TimerHeap()
    let a = heap.schedule(at: 5, payload: 1)
    let first = heap.cancel(a)
    let second = heap.cancel(a)
    #expect(first && !second)
    let b = heap.schedule(at: 5, payload: 2)
    // b reuses a's slot with a new generation: cancelling the stale id must not touch it.
    #expect(b.slot == a.slot)
    let stale = heap.cancel(a)
    #expect(!stale)
    #expect(heap.contains(b))
    #expect(heap.popExpired(now: 5)?.payload == 2)
    let afterFiring = heap.cancel(b)
    #expect(!afterFiring)
    #expect(!heap.contains(b))
  }

  @Test func matchesASortedReferenceUnderRandomScheduleAndCancel() {
    var rng = Xoshiro256StarStar(seed: 7)
    var heap = TimerHeap()
    var live: [(id: TimerID, deadline: Int64, payload: UInt64)] = []
    var fired: [UInt64] = []
    // Equal deadlines fire in scheduling order, and payloads grow with it.
    var expected: [UInt64] = []
    var now: Int64 = 0
    var nextPayload: UInt64 = 0
    for _ in 0..<5_000 {
      switch Int.random(in: 0..<10, using: &rng) {
      case 0..<5:
        let deadline = now + Int64.random(in: 0..<1_000, using: &rng)
        live.append((heap.schedule(at: deadline, payload: nextPayload), deadline, nextPayload))
        nextPayload += 1
      case 5..<8 where !live.isEmpty:
        let victim = live.remove(at: Int.random(in: 0..<live.count, using: &rng))
        let removed = heap.cancel(victim.id)
        #expect(removed)
      default:
        now += Int64.random(in: 0..<300, using: &rng)
        let due = live.filter { $0.deadline <= now }.sorted {
          ($0.deadline, $0.payload) < ($1.deadline, $1.payload)
        }
        expected.append(contentsOf: due.map(\.payload))
        live.removeAll { $0.deadline <= now }
        while let (_, payload) = heap.popExpired(now: now) { fired.append(payload) }
      }
      #expect(heap.count == live.count)
    }
    #expect(fired.count > 100)
    #expect(fired == expected)
  }
}
