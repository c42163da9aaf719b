/// A min-heap of timers keyed by deadline (µs on the monotonic clock), with O(log n)
/// cancellation by id.
///
/// Every request schedules a response timeout and nearly always cancels it a few ms later, so
/// cancelled timers are removed from the heap at once rather than left to expire (a lazy heap
/// would hold every request of the last timeout period). Slots are recycled through a free
/// list: no allocation once the heap has grown to its working size. Timers with equal
/// deadlines fire in the order they were scheduled.
struct TimerHeap {
  private struct Entry {
    var deadline: Int64
    var sequence: UInt64
    var slot: UInt32

    @inline(__always)
    func fires(before other: Entry) -> Bool {
      deadline != other.deadline ? deadline < other.deadline : sequence < other.sequence
    }
  }

  private struct Slot {
    var generation: UInt32
    /// Index into `heap`, or -1 when the slot is free.
    var position: Int
    var payload: UInt64
  }

  private var heap: [Entry] = []
  private var slots: [Slot] = []
  private var freeSlots: [UInt32] = []
  private var nextSequence: UInt64 = 0

  init() {}

  /// Number of pending timers.
  var count: Int { heap.count }
  var isEmpty: Bool { heap.isEmpty }

  /// The earliest pending deadline, µs.
  var nextDeadline: Int64? { heap.first?.deadline }

  /// Schedules a timer.
  /// - Parameters:
  ///   - deadline: when it fires, µs on the loop's monotonic clock.
  ///   - payload: handed back when it fires (the owner's index, a kind, …).
  /// - Returns: the id to cancel it with.
  mutating func schedule(at deadline: Int64, payload: UInt64) -> TimerID {
    let slot: UInt32
    if let free = freeSlots.popLast() {
      slot = free
    } else {
      slot = UInt32(slots.count)
      slots.append(Slot(generation: 0, position: -1, payload: 0))
    }
    slots[Int(slot)].payload = payload
    slots[Int(slot)].position = heap.count
    heap.append(Entry(deadline: deadline, sequence: nextSequence, slot: slot))
    nextSequence &+= 1
    siftUp(heap.count - 1)
    return TimerID(slot: slot, generation: slots[Int(slot)].generation)
  }

  /// Cancels a pending timer.
  /// - Returns: false when `id` already fired or was cancelled.
  @discardableResult
  mutating func cancel(_ id: TimerID) -> Bool {
    guard Int(id.slot) < slots.count else { return false }
    let slot = slots[Int(id.slot)]
    guard slot.generation == id.generation, slot.position >= 0 else { return false }
    remove(at: slot.position)
    return true
  }

  /// Whether `id` is still pending.
  func contains(_ id: TimerID) -> Bool {
    guard Int(id.slot) < slots.count else { return false }
    let slot = slots[Int(id.slot)]
    return slot.generation == id.generation && slot.position >= 0
  }

  /// Removes and returns the earliest timer if its deadline is ≤ `now` (µs).
  mutating func popExpired(now: Int64) -> (id: TimerID, payload: UInt64)? {
    guard let first = heap.first, first.deadline <= now else { return nil }
    let slot = slots[Int(first.slot)]
    let id = TimerID(slot: first.slot, generation: slot.generation)
    let payload = slot.payload
    remove(at: 0)
    return (id, payload)
  }

  private mutating func remove(at position: Int) {
    let slot = heap[position].slot
    release(slot)
    let last = heap.count - 1
    if position != last {
      heap[position] = heap[last]
      slots[Int(heap[position].slot)].position = position
      heap.removeLast()
      if position > 0 && heap[position].fires(before: heap[(position - 1) / 2]) {
        siftUp(position)
      } else {
        siftDown(position)
      }
    } else {
      heap.removeLast()
    }
  }

  private mutating func release(_ slot: UInt32) {
    slots[Int(slot)].position = -1
    slots[Int(slot)].generation &+= 1
    freeSlots.append(slot)
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    let entry = heap[child]
    while child > 0 {
      let parent = (child - 1) / 2
      guard entry.fires(before: heap[parent]) else { break }
      heap[child] = heap[parent]
      slots[Int(heap[child].slot)].position = child
      child = parent
    }
    heap[child] = entry
    slots[Int(entry.slot)].position = child
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    let entry = heap[parent]
    let count = heap.count
    while true {
      var best = 2 * parent + 1
      guard best < count else { break }
      let right = best + 1
      if right < count && heap[right].fires(before: heap[best]) { best = right }
      guard heap[best].fires(before: entry) else { break }
      heap[parent] = heap[best]
      slots[Int(heap[parent].slot)].position = parent
      parent = best
    }
    heap[parent] = entry
    slots[Int(entry.slot)].position = parent
  }
}
