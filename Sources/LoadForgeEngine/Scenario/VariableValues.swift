/// One VU's values of the plan's variables (`Plan.variables`), as UTF-8 bytes, by slot. Empty
/// until captured or fed; cleared when the slot starts a new VU.
struct VariableValues {
  private(set) var values: [[UInt8]]

  /// - Parameter count: `Plan.variables.count` (0 allocates nothing).
  init(count: Int) {
    values = Array(repeating: [], count: count)
  }

  /// The value of `slot`; empty for a slot out of range.
  subscript(slot: Int) -> [UInt8] {
    get { slot >= 0 && slot < values.count ? values[slot] : [] }
    set {
      guard slot >= 0 && slot < values.count else { return }
      values[slot] = newValue
    }
  }

  /// Every value back to empty (a new VU in the slot).
  mutating func reset() {
    for i in values.indices where !values[i].isEmpty { values[i] = [] }
  }
}
