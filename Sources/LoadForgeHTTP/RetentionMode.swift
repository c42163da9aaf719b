/// Whether a copy of the parsing loop retains the response, as a type: `ResponseParser.feed`
/// calls the loop specialised for `RetentionOff` or `RetentionOn`, and in each copy `isOn` is a
/// constant, so the copy without retention carries none of its code. (A Bool parameter with
/// `@inline(__always)` was not enough: the optimiser kept one outlined copy testing it.)
protocol RetentionMode {
  static var isOn: Bool { get }
}

/// The common case: nothing is kept.
enum RetentionOff: RetentionMode {
  static var isOn: Bool { false }
}

/// The response is kept for `expect` checks and `capture`s.
enum RetentionOn: RetentionMode {
  static var isOn: Bool { true }
}
