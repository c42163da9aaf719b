import Foundation

/// A value guarded by a condition variable, for the few places threads must block on each
/// other (coordinator ticks, worker replies). Never used on a worker's hot path.
final class ConditionBox<Value>: @unchecked Sendable {
  private let condition = NSCondition()
  private var value: Value

  init(_ value: Value) {
    self.value = value
  }

  /// Runs `body` under the lock and wakes every waiter afterwards.
  @discardableResult
  func update<R>(_ body: (inout Value) -> R) -> R {
    condition.lock()
    defer {
      condition.broadcast()
      condition.unlock()
    }
    return body(&value)
  }

  /// Runs `body` under the lock without waking anyone.
  func read<R>(_ body: (Value) -> R) -> R {
    condition.lock()
    defer { condition.unlock() }
    return body(value)
  }

  /// Waits until `isReady` holds or the monotonic clock passes `deadlineMicros`, then runs
  /// `body` under the lock (whether or not `isReady` became true).
  func wait<R>(
    until deadlineMicros: Int64, while notReady: (Value) -> Bool, then body: (inout Value) -> R
  ) -> R {
    condition.lock()
    defer { condition.unlock() }
    while notReady(value) {
      let remaining = deadlineMicros - MonotonicClock.nowMicros()
      if remaining <= 0 { break }
      // NSCondition waits against the wall clock; the loop re-checks the monotonic deadline.
      _ = condition.wait(until: Date(timeIntervalSinceNow: Double(remaining) / 1_000_000))
    }
    return body(&value)
  }
}
