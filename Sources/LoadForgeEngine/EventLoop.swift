import CLinux
import Glibc

/// One thread's event loop: epoll readiness, a timer heap on the monotonic clock (µs), and an
/// eventfd other threads use to wake it. Not Sendable: created, run and closed by one thread.
final class EventLoop {
  let selector: EpollSelector
  /// Unchecked exclusivity: one thread, no access spans a handler call (see `Worker`).
  @exclusivity(unchecked) private var timers = TimerHeap()
  private let wakeFD: Int32
  private let wakeKey: SelectorKey
  /// The monotonic time (µs) read after the last `epoll_wait` returned.
  @exclusivity(unchecked) private(set) var now: Int64

  /// - Throws: `SyscallError` from epoll_create1, eventfd or epoll_ctl.
  init(maxEvents: Int = 256) throws(SyscallError) {
    selector = try EpollSelector(maxEvents: maxEvents)
    wakeFD = try Syscall.blocking("eventfd") { eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK)) }
    do {
      wakeKey = try selector.register(fd: wakeFD, interest: EPOLLIN.rawValue)
    } catch {
      Syscall.close(wakeFD)
      throw error
    }
    now = MonotonicClock.nowMicros()
  }

  deinit {
    Syscall.close(wakeFD)
  }

  /// A Sendable handle other threads use to interrupt `epoll_wait`.
  var waker: EventLoopWaker { EventLoopWaker(fd: wakeFD) }

  /// Reads the clock now (µs), without waiting for the next loop turn.
  @inline(__always)
  func currentTime() -> Int64 {
    now = MonotonicClock.nowMicros()
    return now
  }

  /// Number of pending timers.
  var pendingTimers: Int { timers.count }

  /// Schedules `payload` to be handed to the handler at `deadline` (µs, monotonic).
  func scheduleTimer(at deadline: Int64, payload: UInt64) -> TimerID {
    timers.schedule(at: deadline, payload: payload)
  }

  /// Cancels a timer; a no-op when it already fired.
  @discardableResult
  func cancelTimer(_ id: TimerID) -> Bool {
    timers.cancel(id)
  }

  /// One turn: wait for readiness (bounded by the next timer and `maxWaitMicros`), dispatch
  /// I/O events, then fire expired timers.
  ///
  /// - Parameters:
  ///   - handler: receives the events.
  ///   - maxWaitMicros: longest wait, µs (0 = poll, nil = until an event or timer).
  /// - Throws: `SyscallError` from `epoll_wait`.
  func runOnce<H: EventLoopHandler>(_ handler: H, maxWaitMicros: Int64? = nil) throws(SyscallError) {
    var waitMicros: Int64 = -1
    if let deadline = timers.nextDeadline {
      waitMicros = max(0, deadline - MonotonicClock.nowMicros())
    }
    if let cap = maxWaitMicros, waitMicros < 0 || cap < waitMicros { waitMicros = max(0, cap) }
    // epoll_wait counts ms: round up so a timer 300 µs away does not spin the loop.
    let timeoutMillis: Int32 = waitMicros < 0 ? -1 : Int32(clamping: (waitMicros + 999) / 1000)
    let wakeKey = self.wakeKey
    let wakeFD = self.wakeFD
    var woken = false
    _ = try selector.wait(timeoutMillis: timeoutMillis) { event in
      if event.key == wakeKey {
        var counter: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &counter) { Glibc.read(wakeFD, $0.baseAddress, 8) }
        woken = true
      } else {
        handler.handleIO(event)
      }
    }
    if woken { handler.handleWakeup() }
    let time = currentTime()
    while let (id, payload) = timers.popExpired(now: time) {
      handler.handleTimer(id, payload: payload)
    }
  }
}
