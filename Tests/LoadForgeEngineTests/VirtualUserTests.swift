import Testing

@testable import LoadForgeEngine

@Suite struct VirtualUserTests {
  typealias Shape = VirtualUser.Shape

  struct Sent: Equatable {
    var step: VirtualUser.Step
    var action: VirtualUser.Action
    init(_ step: VirtualUser.Step, _ action: VirtualUser.Action) {
      self.step = step
      self.action = action
    }
  }

  /// Sends `nextStep` (after the think time, if any) and finishes it; returns the step and the
  /// action.
  private func sendAndFinish(_ vu: inout VirtualUser, think: Int64 = 0) -> Sent {
    if vu.phase == .thinking { _ = vu.thinkElapsed() }
    let step = vu.nextStep
    vu.sending(request: 0, at: 0)
    return Sent(step, vu.requestFinished(thinkMicros: think))
  }

  /// The steps a VU takes for `count` requests, with no stop.
  private func steps(_ shape: Shape, count: Int) -> [VirtualUser.Step] {
    var vu = VirtualUser()
    _ = vu.start(scenario: 0, shape: shape)
    return (0..<count).map { _ in sendAndFinish(&vu).step }
  }

  @Test func loopsTaskThinkTask() {
    var vu = VirtualUser()
    #expect(!vu.isRunning)
    #expect(vu.start(scenario: 2) == .sendNext)
    #expect(vu.scenario == 2)
    #expect(vu.nextStep == .pickTask)
    vu.sending(request: 1, at: 100)
    #expect(vu.phase == .inFlight)
    #expect(vu.request == 1)
    #expect(vu.issuedMicros == 100)
    #expect(vu.requestFinished(thinkMicros: 500) == .think(micros: 500))
    #expect(vu.phase == .thinking)
    #expect(vu.thinkElapsed() == .sendNext)
    vu.sending(request: 0, at: 700)
    #expect(vu.requestFinished(thinkMicros: 0) == .sendNext)
    #expect(vu.phase == .ready)
  }

  @Test(arguments: [
    // Weighted: one picked task per iteration, each starting an iteration.
    (Shape(), [VirtualUser.Step.pickTask, .pickTask, .pickTask]),
    (Shape(setupCount: 2), [.setup(0), .setup(1), .pickTask, .pickTask]),
    // A flow runs every task in order; an iteration starts at task 0.
    (Shape(taskCount: 3, isFlow: true), [.task(0), .task(1), .task(2), .task(0), .task(1)]),
    (Shape(setupCount: 1, taskCount: 2, isFlow: true, teardownCount: 2), [.setup(0), .task(0), .task(1), .task(0)]),
  ])
  func stagesRunInOrder(shape: Shape, expected: [VirtualUser.Step]) {
    #expect(steps(shape, count: expected.count) == expected)
  }

  @Test func iterationStarts() {
    #expect(VirtualUser.Step.pickTask.startsIteration)
    #expect(VirtualUser.Step.task(0).startsIteration)
    #expect(!VirtualUser.Step.task(1).startsIteration)
    #expect(!VirtualUser.Step.setup(0).startsIteration)
    #expect(!VirtualUser.Step.teardown(0).startsIteration)
  }

  @Test func thinkTimeFollowsSetupAndTeardownRequestsToo() {
    var vu = VirtualUser()
    _ = vu.start(scenario: 0, shape: Shape(setupCount: 1, teardownCount: 2))
    var sent = sendAndFinish(&vu, think: 300)
    #expect(sent.action == .think(micros: 300))
    #expect(vu.thinkElapsed() == .sendNext)
    #expect(vu.nextStep == .pickTask)
    _ = sendAndFinish(&vu, think: 300)
    #expect(vu.requestStop() == .sendNext)
    #expect(vu.nextStep == .teardown(0))
    sent = sendAndFinish(&vu, think: 300)
    #expect(sent.action == .think(micros: 300))
    #expect(vu.thinkElapsed() == .sendNext)
    sent = sendAndFinish(&vu, think: 300)
    #expect(sent == Sent(.teardown(1), .stop))
    #expect(vu.phase == .stopped)
  }

  /// Graceful stops, table: (shape, requests finished before the stop, stop while in flight?)
  /// → the steps still sent after the stop, then the VU ends.
  @Test(arguments: [
    // No teardown: ends at once (thinking) or after the request in flight.
    (Shape(), 1, false, [VirtualUser.Step]()),
    (Shape(), 1, true, []),
    // Teardown after iterations, in order.
    (Shape(teardownCount: 2), 3, false, [.teardown(0), .teardown(1)]),
    (Shape(teardownCount: 2), 3, true, [.teardown(0), .teardown(1)]),
    // A stop during setup skips the rest of the setup.
    (Shape(setupCount: 3, teardownCount: 1), 1, false, [.teardown(0)]),
    (Shape(setupCount: 3, teardownCount: 1), 0, true, [.teardown(0)]),
    // A flow stopped mid-iteration goes to its teardown.
    (Shape(taskCount: 3, isFlow: true, teardownCount: 1), 2, true, [.teardown(0)]),
    // Nothing sent yet: no teardown.
    (Shape(setupCount: 1, teardownCount: 1), 0, false, []),
  ])
  func gracefulStop(shape: Shape, finishedBefore: Int, inFlight: Bool, expected: [VirtualUser.Step]) {
    var vu = VirtualUser()
    _ = vu.start(scenario: 0, shape: shape)
    for _ in 0..<finishedBefore { _ = sendAndFinish(&vu, think: 1_000) }
    if finishedBefore > 0 { #expect(vu.phase == .thinking) }
    var sent: [VirtualUser.Step] = []
    if inFlight {
      if vu.phase == .thinking { _ = vu.thinkElapsed() }
      vu.sending(request: 0, at: 0)
      #expect(vu.requestStop() == .none)
      #expect(vu.isRunning)
      #expect(!vu.countsTowardTarget)
      let action = vu.requestFinished(thinkMicros: 1_000)
      // The stop cuts the think time: teardown at once, or the end.
      #expect(action == (expected.isEmpty ? .stop : .sendNext))
    } else {
      #expect(vu.requestStop() == (expected.isEmpty ? .stop : .sendNext))
    }
    while vu.phase == .ready {
      #expect(!vu.countsTowardTarget)
      #expect(vu.requestStop() == .none)  // a second stop does not shorten the teardown
      let next = sendAndFinish(&vu)
      sent.append(next.step)
      #expect(next.action == (sent.count == expected.count ? .stop : .sendNext))
    }
    #expect(sent == expected)
    #expect(vu.phase == .stopped)
    #expect(!vu.isRunning)
  }

  @Test func forceStopRunsNoTeardown() {
    var vu = VirtualUser()
    _ = vu.start(scenario: 0, shape: Shape(setupCount: 1, teardownCount: 1))
    _ = sendAndFinish(&vu)
    vu.sending(request: 0, at: 0)
    vu.forceStop()
    #expect(vu.phase == .stopped)
    #expect(vu.requestStop() == .none)
    // A new VU in the slot starts with its setup again.
    #expect(vu.start(scenario: 0, shape: Shape(setupCount: 1, teardownCount: 1)) == .sendNext)
    #expect(vu.nextStep == .setup(0))
    #expect(!vu.sentAny)
  }

  @Test func cancelStopInFlightGoesOnAsBefore() {
    var vu = VirtualUser()
    _ = vu.start(scenario: 0, shape: Shape(teardownCount: 1))
    vu.sending(request: 0, at: 0)
    #expect(vu.requestStop() == .none)
    vu.cancelStop()
    #expect(vu.countsTowardTarget)
    #expect(vu.requestFinished(thinkMicros: 0) == .sendNext)
    #expect(vu.nextStep == .pickTask)
  }

  /// The target goes back up during a teardown: the teardown finishes, then the slot starts a
  /// new VU (setup again) instead of stopping.
  @Test func cancelStopDuringTeardownRestartsAfterIt() {
    var vu = VirtualUser()
    let shape = Shape(setupCount: 1, teardownCount: 2)
    _ = vu.start(scenario: 0, shape: shape)
    _ = sendAndFinish(&vu)
    _ = sendAndFinish(&vu)
    #expect(vu.requestStop() == .sendNext)
    var sent = sendAndFinish(&vu)
    #expect(sent == Sent(.teardown(0), .sendNext))
    vu.cancelStop()
    #expect(vu.countsTowardTarget)
    sent = sendAndFinish(&vu)
    #expect(sent == Sent(.teardown(1), .restart))
    #expect(vu.nextStep == .setup(0))
    #expect(vu.phase == .ready)
    #expect(!vu.sentAny)
    // Stopped again during a restart-pending teardown: it just ends.
    _ = sendAndFinish(&vu)
    #expect(vu.requestStop() == .sendNext)
    vu.cancelStop()
    #expect(vu.requestStop() == .none)
    sent = sendAndFinish(&vu)
    #expect(sent == Sent(.teardown(0), .sendNext))
    sent = sendAndFinish(&vu)
    #expect(sent == Sent(.teardown(1), .stop))
  }

  @Test func stopBeforeTheFirstSendIsImmediate() {
    var vu = VirtualUser()
    _ = vu.start(scenario: 0, shape: Shape(setupCount: 1, teardownCount: 1))
    #expect(vu.requestStop() == .stop)
    #expect(vu.requestStop() == .none)
    #expect(vu.thinkElapsed() == .none)
  }
}
