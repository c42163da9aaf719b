import Foundation
import Glibc
import Testing

@testable import LoadForgeEngine

@Suite struct EventLoopTests {
  final class Recorder: EventLoopHandler {
    var timers: [UInt64] = []
    var io: [SelectorEvent] = []
    var wakeups = 0
    func handleIO(_ event: SelectorEvent) { io.append(event) }
    func handleTimer(_ id: TimerID, payload: UInt64) { timers.append(payload) }
    func handleWakeup() { wakeups += 1 }
  }

  @Test func timersFireInOrderAfterTheirDeadline() throws {
    let loop = try EventLoop()
    let handler = Recorder()
    let start = loop.currentTime()
    _ = loop.scheduleTimer(at: start + 20_000, payload: 2)
    _ = loop.scheduleTimer(at: start + 5_000, payload: 1)
    let cancelled = loop.scheduleTimer(at: start + 10_000, payload: 9)
    #expect(loop.cancelTimer(cancelled))
    while handler.timers.count < 2 { try loop.runOnce(handler) }
    #expect(handler.timers == [1, 2])
    #expect(loop.currentTime() - start >= 20_000)
    #expect(loop.pendingTimers == 0)
  }

  @Test func wakerInterruptsABlockedWaitFromAnotherThread() throws {
    let loop = try EventLoop()
    let handler = Recorder()
    let waker = loop.waker
    let start = MonotonicClock.nowMicros()
    Thread.detachNewThread {
      usleep(30_000)
      waker.wake()
    }
    // No timers and no fds: only the waker can end this wait.
    try loop.runOnce(handler)
    #expect(handler.wakeups == 1)
    #expect(MonotonicClock.nowMicros() - start >= 25_000)
    #expect(handler.io.isEmpty)
  }

  @Test func maxWaitBoundsAnIdleTurn() throws {
    let loop = try EventLoop()
    let handler = Recorder()
    let start = MonotonicClock.nowMicros()
    try loop.runOnce(handler, maxWaitMicros: 0)
    #expect(MonotonicClock.nowMicros() - start < 500_000)
    #expect(handler.wakeups == 0)
  }
}
