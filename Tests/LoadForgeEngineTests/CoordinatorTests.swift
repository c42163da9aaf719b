import Foundation
import Glibc
import LoadForgeMetrics
import LoadForgePlan
import Testing

@testable import LoadForgeEngine

@Suite(.serialized) struct CoordinatorTests {
  private func keepAliveServer(delayMillis: Int = 0) throws -> ScriptedServer {
    try ScriptedServer { c in
      while c.readRequest() {
        if delayMillis > 0 { c.pause(milliseconds: delayMillis) }
        c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
      }
    }
  }

  @Test func runsThePatternTickByTickAndCountsWhatTheServerSaw() throws {
    let server = try keepAliveServer()
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, think: .constant(micros: 5_000),
      pattern: .constant(ConstantPattern(users: 3, durationSeconds: 0.9)), tickSeconds: 0.3)
    let observer = RecordingObserver()
    let coordinator = Coordinator(plan: plan, options: EngineOptions(workers: 2))
    let summary = try coordinator.run(observers: [observer])

    #expect(observer.started.count == 1)
    #expect(observer.started.first?.workers == 2)
    #expect(observer.started.first?.pattern == plan.load.pattern.summary)
    #expect(observer.finished == [summary])
    let ticks = Array(observer.snapshots.prefix(3))
    #expect(ticks.map(\.targetVUs) == [3, 3, 3])
    #expect(zip(ticks.map(\.elapsedSeconds), [0.3, 0.6]).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(ticks.prefix(2).allSatisfy { abs($0.intervalSeconds - 0.3) < 1e-9 })
    // The last tick also covers the drain.
    #expect(ticks.last.map { $0.elapsedSeconds >= 0.9 && $0.intervalSeconds >= 0.3 } == true)
    #expect(ticks.dropFirst().allSatisfy { $0.activeVUs == 3 })
    #expect(observer.snapshots.count == 3)
    #expect(!summary.interrupted)
    #expect(summary.requests.total > 30)
    #expect(summary.requests.failed == 0)
    #expect(summary.requests.total == server.requestsRead)
    #expect(observer.snapshots.reduce(0) { $0 + $1.requests } == summary.requests.total)
    #expect(summary.connectionsOpened == 3)
  }

  @Test func requestStopFinishesInFlightRequestsAndMarksTheRunInterrupted() throws {
    let server = try keepAliveServer(delayMillis: 80)
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, pattern: .constant(ConstantPattern(users: 2, durationSeconds: 60)))
    let coordinator = Coordinator(plan: plan, options: EngineOptions(workers: 1))
    Thread.detachNewThread {
      usleep(300_000)
      coordinator.requestStop()
    }
    let observer = RecordingObserver()
    let start = MonotonicClock.nowMicros()
    let summary = try coordinator.run(observers: [observer])
    #expect(MonotonicClock.nowMicros() - start < 2_000_000)
    #expect(summary.interrupted)
    #expect(summary.requests.total >= 4)
    #expect(summary.requests.failed == 0)
    #expect(summary.requests.total == server.requestsRead)
    // The stop cut the first tick short; its interval runs until the in-flight requests
    // finished (no separate few-ms snapshot with an extrapolated RPS).
    #expect(observer.snapshots.count == 1)
    let only = try #require(observer.snapshots.first)
    #expect(only.requests == summary.requests.total)
    #expect(only.targetVUs == 2)
    #expect(only.activeVUs == 2)
    #expect(abs(only.intervalSeconds - only.elapsedSeconds) < 1e-9)
    #expect(only.elapsedSeconds >= 0.3)
    #expect(abs(summary.durationSeconds - only.elapsedSeconds) < 1e-9)
  }

  @Test func aSecondStopRequestAbortsAtOnce() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.readUntilEOF()
    }
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, timeoutMicros: 30_000_000,
      pattern: .constant(ConstantPattern(users: 2, durationSeconds: 60)))
    let coordinator = Coordinator(
      plan: plan, options: EngineOptions(workers: 1, gracePeriodMicros: 20_000_000))
    Thread.detachNewThread {
      usleep(200_000)
      coordinator.requestStop()
      usleep(100_000)
      coordinator.requestStop()
    }
    let observer = RecordingObserver()
    let start = MonotonicClock.nowMicros()
    let summary = try coordinator.run(observers: [observer])
    #expect(MonotonicClock.nowMicros() - start < 3_000_000)
    #expect(summary.interrupted)
    #expect(server.requestsRead == 2)
    // The server saw two requests: the summary counts both, as aborted.
    #expect(summary.requests.total == 2)
    #expect(summary.errors["aborted"] == 2)
    #expect(summary.requests.failed == 2)
    #expect(observer.finished.count == 1)
    #expect(observer.snapshots.count == 1)
    #expect(observer.snapshots.first?.errors["aborted"] == 2)
  }

  @Test func theDrainAfterTheLastTickIsFoldedIntoItsSnapshot() throws {
    let server = try keepAliveServer(delayMillis: 50)
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, pattern: .constant(ConstantPattern(users: 2, durationSeconds: 0.6)),
      tickSeconds: 0.3)
    let observer = RecordingObserver()
    let summary = try Coordinator(plan: plan, options: EngineOptions(workers: 1))
      .run(observers: [observer])
    // Two ticks, two snapshots: the requests in flight at 0.6 s land in the second one.
    #expect(observer.snapshots.count == 2)
    let first = try #require(observer.snapshots.first)
    let last = try #require(observer.snapshots.last)
    #expect(abs(first.intervalSeconds - 0.3) < 1e-9)
    #expect(last.elapsedSeconds >= 0.6)
    #expect(abs(last.elapsedSeconds - 0.3 - last.intervalSeconds) < 1e-9)
    #expect(last.targetVUs == 2)
    #expect(last.activeVUs == 2)
    #expect(abs(summary.durationSeconds - last.elapsedSeconds) < 1e-9)
    #expect(observer.snapshots.reduce(0) { $0 + $1.requests } == summary.requests.total)
    #expect(summary.requests.total == server.requestsRead)
    #expect(summary.requests.failed == 0)
  }

  @Test func requestsCutOffByTheGracePeriodAreAbortedNotTimedOut() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.readUntilEOF()
    }
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, timeoutMicros: 30_000_000,
      pattern: .constant(ConstantPattern(users: 2, durationSeconds: 0.3)), tickSeconds: 0.3)
    let observer = RecordingObserver()
    let start = MonotonicClock.nowMicros()
    let summary = try Coordinator(
      plan: plan, options: EngineOptions(workers: 1, gracePeriodMicros: 200_000)
    ).run(observers: [observer])
    #expect(MonotonicClock.nowMicros() - start < 2_000_000)
    #expect(server.requestsRead == 2)
    #expect(summary.requests.total == 2)
    #expect(summary.errors["aborted"] == 2)
    #expect(summary.errors["timeout"] == 0)
    #expect(observer.snapshots.count == 1)
    #expect(observer.snapshots.first?.errors["aborted"] == 2)
  }

  /// Scenario weights hold exactly at small VU counts: the n-th VU of the run gets the n-th
  /// scenario of a smooth weighted round-robin, whichever worker runs it.
  @Test(arguments: [
    ([3, 1], 8, 2, [6, 2]), ([1, 1, 2], 4, 1, [1, 1, 2]), ([1, 1, 2], 4, 2, [1, 1, 2]),
    ([3, 1], 40, 2, [30, 10]), ([3, 1], 7, 2, [5, 2]),
  ])
  func scenarioWeightsHoldExactlyAtSmallVUCounts(
    weights: [Int], users: Int, workers: Int, expected: [Int]
  ) throws {
    let server = try keepAliveServer()
    defer { server.stop() }
    // Each VU sends one request, then thinks past the end of the run.
    let plan = TestSupport.plan(
      port: server.port, scenarioWeights: weights, think: .constant(micros: 10_000_000),
      pattern: .constant(ConstantPattern(users: users, durationSeconds: 0.3)), tickSeconds: 0.3)
    let summary = try Coordinator(plan: plan, options: EngineOptions(workers: workers))
      .run(observers: [])
    #expect(summary.endpoints.map(\.requests) == expected)
    #expect(server.requestsRead == users)
  }

  /// A ramp 0→4 over 0.3 s with 0.1 s ticks applies 0, 1, 3: the reported peak is 3.
  @Test func thePeakReportedIsThePeakApplied() throws {
    let server = try keepAliveServer()
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, think: .constant(micros: 5_000),
      pattern: .ramp(RampPattern(from: 0, to: 4, durationSeconds: 0.3)), tickSeconds: 0.1)
    let observer = RecordingObserver()
    _ = try Coordinator(plan: plan, options: EngineOptions(workers: 2)).run(observers: [observer])
    #expect(observer.started.first?.peakVUs == 3)
    #expect(observer.snapshots.map(\.targetVUs) == [0, 1, 3])
    #expect(observer.started.first?.workers == 2)
  }

  /// `prepare()` (which the CLI calls before creating the results directory) and `run` both
  /// refuse a plan that cannot run, with the same message.
  @Test(arguments: [
    (TestSupport.plan(port: 443, scheme: "https"), "unsupported scheme \"https\""),
    (TestSupport.plan(port: 80, host: "no-such-host.invalid"), "cannot resolve host \"no-such-host.invalid\""),
    (
      TestSupport.plan(
        port: 80, pattern: .constant(ConstantPattern(users: 100_000_000, durationSeconds: 1))),
      "open files"
    ),
  ])
  func aPlanThatCannotRunFailsInPrepareAndRun(plan: Plan, message: String) {
    let coordinator = Coordinator(plan: plan, options: EngineOptions(workers: 1))
    #expect {
      try coordinator.prepare()
    } throws: { error in
      (error as? EngineError)?.message.contains(message) == true
    }
    let observer = RecordingObserver()
    #expect {
      _ = try coordinator.run(observers: [observer])
    } throws: { error in
      (error as? EngineError)?.message.contains(message) == true
    }
    #expect(observer.started.isEmpty)
  }

  @Test func runAfterPrepareRunsThePreparedPlan() throws {
    let server = try keepAliveServer()
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, think: .constant(micros: 5_000),
      pattern: .constant(ConstantPattern(users: 2, durationSeconds: 0.2)), tickSeconds: 0.2)
    let coordinator = Coordinator(plan: plan, options: EngineOptions(workers: 1))
    try coordinator.prepare()
    try coordinator.prepare()
    let summary = try coordinator.run(observers: [])
    #expect(summary.requests.total > 4)
    #expect(summary.requests.total == server.requestsRead)
    #expect(summary.connectionsOpened == 2)
  }

  @Test(arguments: [
    (10, 3, [4, 3, 3]), (2, 4, [1, 1, 0, 0]), (0, 2, [0, 0]), (7, 1, [7]), (8, 2, [4, 4]),
  ])
  func splitsTheTargetWithTheRemainderFirst(total: Int, workers: Int, shares: [Int]) {
    #expect(Coordinator.split(total, across: workers) == shares)
  }
}
