/// What an `EventLoop` calls back into (the worker). Generic dispatch, so no existential
/// or closure call on the hot path.
protocol EventLoopHandler: AnyObject {
  /// A registered fd is ready.
  func handleIO(_ event: SelectorEvent)
  /// A timer's deadline passed.
  func handleTimer(_ id: TimerID, payload: UInt64)
  /// Another thread called `EventLoopWaker.wake()` (several calls may coalesce into one).
  func handleWakeup()
}
