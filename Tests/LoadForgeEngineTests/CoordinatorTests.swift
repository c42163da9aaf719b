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

  /// Accepts requests and never answers (until the client closes).
  private func silentServer() throws -> ScriptedServer {
    try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.readUntilEOF()
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
    #expect(observer.started.first?.tickSeconds == 0.3)
    #expect(observer.started.first?.gracePeriodSeconds == 5)
    #expect(observer.finished == [summary])
    // Every tick closed at its boundary, the last one included.
    let ticks = observer.loadSnapshots
    #expect(ticks.count == 3)
    #expect(ticks.map(\.targetVUs) == [3, 3, 3])
    #expect(zip(ticks.map(\.elapsedSeconds), [0.3, 0.6, 0.9]).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(ticks.allSatisfy { abs($0.intervalSeconds - 0.3) < 1e-9 })
    #expect(ticks.dropFirst().allSatisfy { $0.activeVUs == 3 })
    // Whatever was in flight at 0.9 s finished in the drain, and nothing else did.
    let inFlight = try #require(ticks.last).inFlight
    #expect(observer.drainSnapshots.count == (inFlight > 0 ? 1 : 0))
    #expect((observer.drainSnapshots.first?.requests ?? 0) == inFlight)
    #expect(observer.drainNotices.map(\.inFlight) == (inFlight > 0 ? [inFlight] : []))
    #expect(!summary.interrupted)
    #expect(abs(summary.loadDurationSeconds - 0.9) < 1e-9)
    #expect(summary.requests.total > 30)
    #expect(summary.requests.failed == 0)
    #expect(summary.requests.total == server.requestsRead)
    #expect(observer.snapshots.reduce(0) { $0 + $1.requests } == summary.requests.total)
    #expect(abs(summary.rps - Double(summary.requests.total) / 0.9) < 1e-6)
    #expect(summary.connectionsOpened == 3)
  }

  /// The newcomer's case: a server that never answers, requests with a 30 s timeout. Each tick
  /// still shows on time, the drain is announced at the pattern's end, and its snapshot (the
  /// requests aborted when the grace period expired) comes after it; RPS is over the pattern.
  @Test func aServerThatNeverAnswersStillGetsEveryTickOnTimeThenADrain() throws {
    let server = try silentServer()
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, timeoutMicros: 30_000_000,
      pattern: .constant(ConstantPattern(users: 4, durationSeconds: 0.6)), tickSeconds: 0.3)
    let observer = RecordingObserver()
    let summary = try Coordinator(
      plan: plan, options: EngineOptions(workers: 2, gracePeriodMicros: 1_500_000)
    ).run(observers: [observer])

    #expect(observer.events.map(\.name) == ["record:load", "record:load", "draining", "record:drain", "finished"])
    // On time: each load snapshot well before the grace period could have ended.
    #expect(try #require(observer.seconds(of: "record:load", 0)) < 0.3 + 0.5)
    #expect(try #require(observer.seconds(of: "record:load", 1)) < 0.6 + 0.5)
    #expect(try #require(observer.seconds(of: "draining")) < 0.6 + 0.5)
    #expect(try #require(observer.seconds(of: "record:drain")) >= 0.6 + 1.5)

    let ticks = observer.loadSnapshots
    #expect(zip(ticks.map(\.elapsedSeconds), [0.3, 0.6]).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(ticks.allSatisfy { abs($0.intervalSeconds - 0.3) < 1e-9 && $0.requests == 0 })
    #expect(ticks.last?.activeVUs == 4)
    #expect(ticks.last?.inFlight == 4)
    #expect(observer.drainNotices.count == 1)
    #expect(observer.drainNotices.first?.inFlight == 4)
    #expect(observer.drainNotices.first?.graceSeconds == 1.5)

    let drain = try #require(observer.drainSnapshots.first)
    #expect(observer.snapshots.last == drain)
    #expect(drain.requests == 4)
    #expect(drain.errors["aborted"] == 4)
    #expect(drain.targetVUs == 0)
    #expect(drain.activeVUs == 0)
    #expect(drain.inFlight == 0)
    #expect(drain.intervalSeconds >= 1.5 && drain.intervalSeconds < 2.5)
    #expect(abs(drain.elapsedSeconds - 0.6 - drain.intervalSeconds) < 1e-9)
    // A few aborted requests over a 1.5 s drain: their rate, not an extrapolation.
    #expect(abs(drain.rps - 4 / drain.intervalSeconds) < 1e-9)

    #expect(!summary.interrupted)
    #expect(summary.requests.total == 4)
    #expect(server.requestsRead == 4)
    #expect(abs(summary.loadDurationSeconds - 0.6) < 1e-9)
    #expect(abs(summary.drainSeconds - drain.intervalSeconds) < 1e-9)
    #expect(abs(summary.durationSeconds - drain.elapsedSeconds) < 1e-9)
    #expect(abs(summary.rps - 4 / 0.6) < 1e-9)
  }

  /// Responses take 0.3 s and the pattern 1 s: the request each VU sent at 0.9 s finishes at
  /// 1.2 s, in the drain snapshot; the 1 s tick is emitted at 1 s without it.
  @Test func requestsFinishingAfterThePatternEndGoIntoTheDrainSnapshot() throws {
    let server = try keepAliveServer(delayMillis: 300)
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, pattern: .constant(ConstantPattern(users: 2, durationSeconds: 1)), tickSeconds: 1)
    let observer = RecordingObserver()
    let summary = try Coordinator(plan: plan, options: EngineOptions(workers: 1))
      .run(observers: [observer])

    #expect(observer.events.map(\.name) == ["record:load", "draining", "record:drain", "finished"])
    #expect(try #require(observer.seconds(of: "record:load")) < 1.15)
    let tick = try #require(observer.loadSnapshots.first)
    #expect(tick.elapsedSeconds == 1)
    #expect(tick.intervalSeconds == 1)
    #expect(tick.inFlight == 2)
    #expect(tick.requests == 6)
    #expect(observer.drainNotices.map(\.inFlight) == [2])
    let drain = try #require(observer.drainSnapshots.first)
    #expect(drain.requests == 2)
    #expect(drain.failed == 0)
    #expect(drain.errors["aborted"] == 0)
    #expect(drain.intervalSeconds > 0.1 && drain.intervalSeconds < 0.6)
    // Shorter than a tick: rate over the tick, not 2 / 0.2 s.
    #expect(drain.rps == 2)
    #expect(!summary.interrupted)
    #expect(summary.requests.total == 8)
    #expect(summary.requests.total == server.requestsRead)
    #expect(summary.loadDurationSeconds == 1)
    #expect(abs(summary.drainSeconds - drain.intervalSeconds) < 1e-9)
    #expect(summary.rps == 8)
  }

  /// A duration that is not a multiple of the tick ends with a short tick at the pattern's end.
  @Test func aPartialLastTickIsEmittedAtThePatternEndWithItsRealInterval() throws {
    let server = try keepAliveServer()
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, think: .constant(micros: 5_000),
      pattern: .constant(ConstantPattern(users: 2, durationSeconds: 0.5)), tickSeconds: 0.2)
    let observer = RecordingObserver()
    let summary = try Coordinator(plan: plan, options: EngineOptions(workers: 1))
      .run(observers: [observer])
    let ticks = observer.loadSnapshots
    #expect(ticks.count == 3)
    #expect(zip(ticks.map(\.elapsedSeconds), [0.2, 0.4, 0.5]).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(zip(ticks.map(\.intervalSeconds), [0.2, 0.2, 0.1]).allSatisfy { abs($0 - $1) < 1e-9 })
    let last = try #require(ticks.last)
    #expect(abs(last.rps - Double(last.requests) / 0.1) < 1e-6)
    #expect(observer.drainSnapshots.count <= 1)
    #expect(abs(summary.loadDurationSeconds - 0.5) < 1e-9)
    #expect(observer.snapshots.reduce(0) { $0 + $1.requests } == summary.requests.total)
  }

  @Test func requestStopBeforeThePatternEndCutsTheTickAndMarksTheRunInterrupted() throws {
    let server = try keepAliveServer(delayMillis: 80)
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, pattern: .constant(ConstantPattern(users: 2, durationSeconds: 60)))
    let coordinator = Coordinator(plan: plan, options: EngineOptions(workers: 1))
    let effect = Box<Coordinator.StopEffect?>(nil)
    Thread.detachNewThread {
      usleep(300_000)
      effect.set(coordinator.requestStop())
    }
    let observer = RecordingObserver()
    let start = MonotonicClock.nowMicros()
    let summary = try coordinator.run(observers: [observer])
    #expect(MonotonicClock.nowMicros() - start < 2_000_000)
    #expect(effect.get == .stopping)
    #expect(summary.interrupted)
    #expect(summary.requests.total >= 4)
    #expect(summary.requests.failed == 0)
    #expect(summary.requests.total == server.requestsRead)
    // The stop cut the first tick short, at the stop; the two requests then in flight finished
    // in the drain.
    #expect(observer.loadSnapshots.count == 1)
    let only = try #require(observer.loadSnapshots.first)
    #expect(only.targetVUs == 2)
    #expect(only.activeVUs == 2)
    #expect(only.inFlight == 2)
    #expect(abs(only.intervalSeconds - only.elapsedSeconds) < 1e-9)
    // Cut short: the tick is 1 s long. (How long after the start the stop landed depends on
    // thread scheduling on a loaded machine, so no lower bound beyond "after the start".)
    #expect(only.elapsedSeconds > 0 && only.elapsedSeconds < 1)
    let drain = try #require(observer.drainSnapshots.first)
    #expect(drain.requests == 2)
    #expect(drain.failed == 0)
    #expect(drain.intervalSeconds < 0.5)
    #expect(abs(summary.loadDurationSeconds - only.elapsedSeconds) < 1e-9)
    #expect(abs(summary.durationSeconds - drain.elapsedSeconds) < 1e-9)
    #expect(abs(summary.rps - Double(summary.requests.total) / only.elapsedSeconds) < 1e-6)
    #expect(coordinator.requestStop() == .finished)
  }

  /// A stop once the pattern has ended only cuts the drain short: what is in flight is aborted
  /// at once, and the run, which ran its whole pattern, is not interrupted.
  @Test func aStopDuringTheDrainCutsItShortWithoutInterruptingTheRun() throws {
    let server = try silentServer()
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, timeoutMicros: 30_000_000,
      pattern: .constant(ConstantPattern(users: 2, durationSeconds: 0.3)), tickSeconds: 0.3)
    let coordinator = Coordinator(
      plan: plan, options: EngineOptions(workers: 1, gracePeriodMicros: 20_000_000))
    let effects = Box<[Coordinator.StopEffect]>([])
    // The stopping thread records its effect after requestStop returns, which may be after
    // run() returned: wait for it rather than race it.
    let recorded = DispatchSemaphore(value: 0)
    let observer = RecordingObserver()
    observer.onDraining = {
      Thread.detachNewThread {
        usleep(200_000)
        let effect = coordinator.requestStop()
        effects.update { $0.append(effect) }
        recorded.signal()
      }
    }
    let start = MonotonicClock.nowMicros()
    let summary = try coordinator.run(observers: [observer])
    #expect(MonotonicClock.nowMicros() - start < 3_000_000)
    #expect(recorded.wait(timeout: .now() + 5) == .success)
    #expect(effects.get == [.endingDrain])
    #expect(!summary.interrupted)
    #expect(observer.events.map(\.name) == ["record:load", "draining", "record:drain", "finished"])
    let drain = try #require(observer.drainSnapshots.first)
    #expect(drain.requests == 2)
    #expect(drain.errors["aborted"] == 2)
    #expect(drain.intervalSeconds >= 0.2 && drain.intervalSeconds < 2)
    #expect(summary.requests.total == 2)
    #expect(summary.loadDurationSeconds == 0.3)
    #expect(abs(summary.drainSeconds - drain.intervalSeconds) < 1e-9)
  }

  @Test func aSecondStopRequestAbortsAtOnce() throws {
    let server = try silentServer()
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, timeoutMicros: 30_000_000,
      pattern: .constant(ConstantPattern(users: 2, durationSeconds: 60)))
    let coordinator = Coordinator(
      plan: plan, options: EngineOptions(workers: 1, gracePeriodMicros: 20_000_000))
    let effects = Box<[Coordinator.StopEffect]>([])
    let recorded = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      usleep(200_000)
      let first = coordinator.requestStop()
      usleep(100_000)
      let second = coordinator.requestStop()
      effects.set([first, second])
      recorded.signal()
    }
    let observer = RecordingObserver()
    let start = MonotonicClock.nowMicros()
    let summary = try coordinator.run(observers: [observer])
    #expect(MonotonicClock.nowMicros() - start < 3_000_000)
    #expect(recorded.wait(timeout: .now() + 5) == .success)
    #expect(effects.get == [.stopping, .aborting])
    #expect(summary.interrupted)
    #expect(server.requestsRead == 2)
    // The server saw two requests: the summary counts both, as aborted, in the drain.
    #expect(summary.requests.total == 2)
    #expect(summary.errors["aborted"] == 2)
    #expect(summary.requests.failed == 2)
    #expect(observer.finished.count == 1)
    #expect(observer.loadSnapshots.count == 1)
    #expect(observer.loadSnapshots.first?.inFlight == 2)
    #expect(observer.drainSnapshots.count == 1)
    #expect(observer.drainSnapshots.first?.errors["aborted"] == 2)
  }

  @Test func requestsCutOffByTheGracePeriodAreAbortedNotTimedOut() throws {
    let server = try silentServer()
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
    #expect(summary.errors["response_timeout"] == 0)
    #expect(observer.snapshots.map(\.phase) == [.load, .drain])
    #expect(observer.drainSnapshots.first?.errors["aborted"] == 2)
    #expect(summary.drainSeconds >= 0.2)
  }

  /// Stops before `run`: the first is graceful, the next abort (the run then ends at once).
  @Test func stopEffectsBeforeTheRun() {
    let coordinator = Coordinator(plan: TestSupport.plan(port: 9), options: EngineOptions(workers: 1))
    #expect(coordinator.requestStop() == .stopping)
    #expect(coordinator.requestStop() == .aborting)
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

  /// A ramp 0→4 over 0.3 s with 0.1 s ticks applies the value just before each tick's end:
  /// 4·0.1/0.3 = 1.33 → 1, 4·0.2/0.3 = 2.67 → 3, 4. The peak reported is the one applied, the
  /// ramp's end value 4, and each snapshot carries its own tick's target.
  @Test func thePeakReportedIsThePeakApplied() throws {
    let server = try keepAliveServer()
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, think: .constant(micros: 5_000),
      pattern: .ramp(RampPattern(from: 0, to: 4, durationSeconds: 0.3)), tickSeconds: 0.1)
    let observer = RecordingObserver()
    _ = try Coordinator(plan: plan, options: EngineOptions(workers: 2)).run(observers: [observer])
    #expect(observer.started.first?.peakVUs == 4)
    #expect(observer.loadSnapshots.map(\.targetVUs) == [1, 3, 4])
    #expect(observer.started.first?.workers == 2)
  }

  /// `prepare()` (which the CLI calls before creating the results directory) and `run` both
  /// refuse a plan that cannot run, with the same message.
  @Test(arguments: [
    (TestSupport.plan(port: 21, scheme: "ftp"), "unsupported scheme \"ftp\""),
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

  /// The scenario model across two workers: setup and teardown once per VU (the teardowns in
  /// the drain), per-VU feeder rows by VU number whichever worker runs the VU, and check
  /// failures counted in the summary and its `check_failed` class.
  @Test func scenarioModelAcrossWorkersReachesTheSummary() throws {
    let server = try ScriptedServer { c in
      while c.readRequest() {
        let body = c.lastTarget == "/login" ? #"{"token":"t"}"# : "ok"
        c.write("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
      }
    }
    defer { server.stop() }
    func task(
      _ name: String, _ endpoint: Int, _ target: String, template: RequestTemplate? = nil, checks: [CheckPlan] = []
    )
      -> TaskPlan
    {
      TaskPlan(
        name: name, weight: 1, endpoint: endpoint,
        request: RequestPlan(
          method: "GET", target: target, headers: [], body: [], timeoutMicros: 2_000_000, template: template),
        thinkTime: .constant(micros: 5_000), checks: checks)
    }
    let row = RequestTemplate(
      target: [TemplatePart(text: "/a/"), TemplatePart(variable: 0, escape: .percent)], headerValues: [], body: [])
    let missing = CheckPlan(kind: .bodyContains, expected: "missing", description: #"body contains "missing""#)
    let status200 = CheckPlan(kind: .status, statusRanges: [200...200], description: "status 200")
    var plan = TestSupport.plan(
      port: server.port, pattern: .constant(ConstantPattern(users: 3, durationSeconds: 0.6)), tickSeconds: 0.3)
    plan.scenarios = [
      ScenarioPlan(
        name: "main", weight: 1,
        tasks: [task("a", 1, "/a/${vu.row}", template: row), task("b", 2, "/b", checks: [missing])],
        taskTable: WeightTable(weights: [1, 1]), isFlow: true, setup: [task("login", 0, "/login")],
        teardown: [task("logout", 3, "/logout", checks: [status200])])
    ]
    plan.endpoints = ["login", "a", "b", "logout"].map { EndpointPlan(name: $0, method: "GET") }
    plan.variables = ["row"]
    plan.dataFeeders = [
      DataFeederPlan(
        file: "rows.csv", columns: ["row"], variables: [0], rows: [["r0"], ["r1"], ["r2"], ["r3"]],
        order: .sequential, per: .vu)
    ]
    let summary = try Coordinator(plan: plan, options: EngineOptions(workers: 2)).run(observers: [])

    let targets = server.requestTargets
    #expect(summary.requests.total == targets.count)
    #expect(targets.filter { $0 == "/login" }.count == 3)
    #expect(targets.filter { $0 == "/logout" }.count == 3)
    // VU numbers 0, 1, 2 (worker 0 runs 0 and 2, worker 1 runs 1) take rows 0, 1, 2; never row 3.
    #expect(Set(targets.filter { $0.hasPrefix("/a/") }) == ["/a/r0", "/a/r1", "/a/r2"])
    let e = summary.endpoints
    #expect(e.map(\.name) == ["login", "a", "b", "logout"])
    #expect(e[0].requests == 3)
    #expect(e[3].requests == 3)
    #expect(e[2].requests > 0)
    #expect(e[2].errors["check_failed"] == e[2].requests)
    #expect(e[2].checks == CheckCounts(passed: 0, failed: e[2].requests))
    #expect(e[1].checks == CheckCounts())
    #expect(e[3].checks == CheckCounts(passed: 3, failed: 0))
    #expect(summary.checks == CheckCounts(passed: 3, failed: e[2].requests))
    // Per check, both workers' final reports (the teardowns ran in the drain) merged.
    #expect(
      summary.checkDetails == [
        CheckDetail(
          endpoint: "b", check: #"body contains "missing""#, passed: 0, failed: e[2].requests,
          example: #"body contains "missing" (not found)"#),
        CheckDetail(endpoint: "logout", check: "status 200", passed: 3, failed: 0),
      ])
    #expect(summary.errors["check_failed"] == e[2].requests)
    #expect(summary.requests.failed == e[2].requests)
    // Every class sums to the total.
    #expect(summary.requests.succeeded + summary.errors.values.reduce(0, +) == summary.requests.total)
  }
}
