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
    #expect(observer.started.first?.pattern == "constant 3 VUs for 0.9s")
    #expect(observer.finished == [summary])
    let ticks = Array(observer.snapshots.prefix(3))
    #expect(ticks.map(\.targetVUs) == [3, 3, 3])
    #expect(zip(ticks.map(\.elapsedSeconds), [0.3, 0.6, 0.9]).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(ticks.allSatisfy { abs($0.intervalSeconds - 0.3) < 1e-9 })
    #expect(ticks.dropFirst().allSatisfy { $0.activeVUs == 3 })
    #expect(observer.snapshots.count <= 4)
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
    // The stop cut the first tick short; the in-flight requests form a final partial interval.
    #expect(observer.snapshots.count == 2)
    #expect(observer.snapshots.last?.targetVUs == 0)
    #expect(observer.snapshots.last?.requests == 2)
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
    // Aborted requests never completed: nothing to count, but the summary still arrives.
    #expect(summary.requests.total == 0)
    #expect(observer.finished.count == 1)
  }

  @Test func onlyHttpOriginsRun() {
    let plan = TestSupport.plan(port: 443, scheme: "https")
    #expect {
      _ = try Coordinator(plan: plan, options: EngineOptions(workers: 1)).run(observers: [])
    } throws: { error in
      (error as? EngineError)?.message.contains("unsupported scheme \"https\"") == true
    }
  }

  @Test func anUnresolvableHostIsADescriptiveError() {
    let plan = TestSupport.plan(port: 80, host: "no-such-host.invalid")
    #expect {
      _ = try Coordinator(plan: plan, options: EngineOptions(workers: 1)).run(observers: [])
    } throws: { error in
      (error as? EngineError)?.message.hasPrefix("cannot resolve host \"no-such-host.invalid\"")
        == true
    }
  }

  @Test func tooManyUsersForTheFileLimitIsRefusedUpFront() {
    let plan = TestSupport.plan(
      port: 80, pattern: .constant(ConstantPattern(users: 50_000_000, durationSeconds: 1)))
    #expect {
      _ = try Coordinator(plan: plan, options: EngineOptions(workers: 1)).run(observers: [])
    } throws: { error in
      (error as? EngineError)?.message.contains("open files") == true
    }
  }

  @Test(arguments: [
    (10, 3, [4, 3, 3]), (2, 4, [1, 1, 0, 0]), (0, 2, [0, 0]), (7, 1, [7]), (8, 2, [4, 4]),
  ])
  func splitsTheTargetWithTheRemainderFirst(total: Int, workers: Int, shares: [Int]) {
    #expect(Coordinator.split(total, across: workers) == shares)
  }
}
