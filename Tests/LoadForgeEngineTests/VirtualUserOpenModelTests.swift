import Testing

@testable import LoadForgeEngine

/// `VirtualUser` in the open model: idle until given an iteration, back to idle after it, setup
/// once on first use, the scheduled start on the iteration's first request only.
struct VirtualUserOpenModelTests {
  static let weighted = VirtualUser.Shape(setupCount: 1, taskCount: 2, isFlow: false, teardownCount: 1, isPaced: true)
  static let flow = VirtualUser.Shape(setupCount: 0, taskCount: 2, isFlow: true, teardownCount: 0, isPaced: true)

  @Test func weightedIterationIsOneTaskAfterSetupOnFirstUse() {
    var vu = VirtualUser()
    vu.startIdle(scenario: 0, shape: Self.weighted)
    #expect(vu.phase == .idle)
    #expect(vu.beginIteration(scheduledAt: 1_000) == .sendNext)
    #expect(vu.nextStep == .setup(0))
    vu.sending(request: 0, at: 1_050)
    // The setup request is the iteration's first: its latency counts from the scheduled start.
    #expect(vu.dueMicros == 1_000)
    #expect(vu.requestFinished(thinkMicros: 0) == .sendNext)
    #expect(vu.nextStep == .pickTask)
    vu.sending(request: 1, at: 2_000)
    #expect(vu.dueMicros == 0)
    // The think time after the iteration's last request is skipped: the pacer decides.
    #expect(vu.requestFinished(thinkMicros: 500_000) == .iterationDone)
    #expect(vu.phase == .idle)
    // Second iteration: no setup again.
    #expect(vu.beginIteration(scheduledAt: 9_000) == .sendNext)
    #expect(vu.nextStep == .pickTask)
    vu.sending(request: 1, at: 9_010)
    #expect(vu.dueMicros == 9_000)
    #expect(vu.requestFinished(thinkMicros: 0) == .iterationDone)
  }

  @Test func flowIterationRunsEveryTaskWithThinkTimesBetween() {
    var vu = VirtualUser()
    vu.startIdle(scenario: 0, shape: Self.flow)
    _ = vu.beginIteration(scheduledAt: 100)
    vu.sending(request: 0, at: 100)
    #expect(vu.requestFinished(thinkMicros: 30) == .think(micros: 30))
    #expect(vu.thinkElapsed() == .sendNext)
    #expect(vu.nextStep == .task(1))
    vu.sending(request: 1, at: 200)
    #expect(vu.requestFinished(thinkMicros: 30) == .iterationDone)
    #expect(vu.nextStep == .task(0))
  }

  @Test func stopWhileIdleRunsTeardownOnlyAfterUse() {
    var unused = VirtualUser()
    unused.startIdle(scenario: 0, shape: Self.weighted)
    #expect(unused.requestStop() == .stop)
    var used = VirtualUser()
    used.startIdle(scenario: 0, shape: Self.weighted)
    _ = used.beginIteration(scheduledAt: 0)
    used.sending(request: 0, at: 0)
    _ = used.requestFinished(thinkMicros: 0)
    used.sending(request: 1, at: 0)
    #expect(used.requestFinished(thinkMicros: 0) == .iterationDone)
    #expect(used.requestStop() == .sendNext)
    #expect(used.nextStep == .teardown(0))
  }
}
