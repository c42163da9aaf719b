import Testing

@testable import LoadForgeEngine

@Suite struct VirtualUserTests {
  @Test func loopsTaskThinkTask() {
    var vu = VirtualUser()
    #expect(!vu.isRunning)
    #expect(vu.start(scenario: 2) == .sendNext)
    #expect(vu.scenario == 2)
    vu.sending(task: 1, at: 100)
    #expect(vu.phase == .inFlight)
    #expect(vu.issuedMicros == 100)
    #expect(vu.requestFinished(thinkMicros: 500) == .think(micros: 500))
    #expect(vu.phase == .thinking)
    #expect(vu.thinkElapsed() == .sendNext)
    vu.sending(task: 0, at: 700)
    #expect(vu.requestFinished(thinkMicros: 0) == .sendNext)
    #expect(vu.phase == .ready)
  }

  @Test func stopWhileThinkingIsImmediate() {
    var vu = VirtualUser()
    _ = vu.start(scenario: 0)
    vu.sending(task: 0, at: 0)
    _ = vu.requestFinished(thinkMicros: 1_000)
    #expect(vu.requestStop() == .stop)
    #expect(vu.phase == .stopped)
    #expect(vu.thinkElapsed() == .none)
  }

  @Test func stopInFlightFinishesTheRequestFirst() {
    var vu = VirtualUser()
    _ = vu.start(scenario: 0)
    vu.sending(task: 0, at: 0)
    #expect(vu.requestStop() == .none)
    #expect(vu.isRunning)
    #expect(!vu.countsTowardTarget)
    #expect(vu.requestFinished(thinkMicros: 1_000) == .stop)
    #expect(vu.phase == .stopped)
    // The slot can start a new VU, which is not marked as stopping.
    #expect(vu.start(scenario: 1) == .sendNext)
    #expect(vu.countsTowardTarget)
  }

  @Test func stopBeforeTheFirstSendIsImmediate() {
    var vu = VirtualUser()
    _ = vu.start(scenario: 0)
    #expect(vu.requestStop() == .stop)
    #expect(vu.requestStop() == .none)
  }
}
