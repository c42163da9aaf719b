/// A growable array of values changed in place with no copy-on-write check: the worker's
/// per-VU state.
///
/// A write through `Array`'s subscript first asks the runtime whether the buffer is shared
/// (`swift_isUniquelyReferenced_nonNull_native`, ~10 instructions with its branch), and the
/// worker writes to its VUs about five times per request. This storage cannot be shared (the
/// type is noncopyable), so there is nothing to ask. Indexes are still bounds-checked.
struct SlotArray<Element>: ~Copyable {
  private var base: UnsafeMutablePointer<Element>
  private var capacity: Int
  private(set) var count = 0

  init() {
    capacity = 4
    base = .allocate(capacity: capacity)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  var indices: Range<Int> { 0..<count }

  subscript(i: Int) -> Element {
    unsafeAddress {
      precondition(i >= 0 && i < count, "slot index out of range")
      return UnsafePointer(base + i)
    }
    nonmutating unsafeMutableAddress {
      precondition(i >= 0 && i < count, "slot index out of range")
      return base + i
    }
  }

  /// Adds `element` at index `count`, moving the elements to a larger allocation when full.
  mutating func append(_ element: consuming Element) {
    if count == capacity {
      let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
      grown.moveInitialize(from: base, count: count)
      base.deallocate()
      base = grown
      capacity *= 2
    }
    (base + count).initialize(to: element)
    count += 1
  }
}
