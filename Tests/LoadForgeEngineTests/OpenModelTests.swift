import Foundation
import Glibc
import LoadForgeMetrics
import LoadForgePlan
import Testing

@testable import LoadForgeEngine

/// The open model (`model = "arrival_rate"`) end to end against loopback scripted servers:
/// the rate is achieved as counted by the server, iterations that find no free VU are
/// dropped, and latency counts from each iteration's scheduled start.
@Suite(.serialized) struct OpenModelTests {
  /// `rate` it/s for `seconds`, one `GET /` task, a pool of `maxVUs`.
  static func plan(port: Int, rate: Int, seconds: Double, maxVUs: Int, think: ThinkTime = .none) -> Plan {
    var plan = TestSupport.plan(
      port: port, think: think, pattern: .constant(ConstantPattern(users: rate, durationSeconds: seconds)))
    plan.load.model = .arrivalRate
    plan.load.maxVUs = maxVUs
    return plan
  }

  static func keepAliveServer() throws -> ScriptedServer {
    try ScriptedServer { c in
      while c.readRequest() { c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") }
    }
  }

  /// 200 it/s for 2 s over two workers: the server reads 400 requests (± 2 %; the pacer's
  /// schedule holds exactly 400 starts), none dropped.
  @Test func fixedRateIsAchievedAsCountedByTheServer() throws {
    let server = try Self.keepAliveServer()
    defer { server.stop() }
    let plan = Self.plan(port: server.port, rate: 200, seconds: 2, maxVUs: 20)
    let observer = RecordingObserver()
    let summary = try Coordinator(plan: plan, options: EngineOptions(workers: 2)).run(observers: [observer])
    #expect(abs(server.requestsRead - 400) <= 8)
    #expect(summary.requests.total == server.requestsRead)
    #expect(summary.droppedIterations == 0)
    #expect(summary.requests.failed == 0)
    // Two 1 s snapshots, each asking for 200 it/s and achieving it within 2 %.
    let load = observer.snapshots.filter { $0.phase == .load }
    #expect(load.count == 2)
    for snapshot in load {
      #expect(snapshot.targetRate == 200)
      #expect(abs((snapshot.achievedRate ?? 0) - 200) <= 4)
      #expect(snapshot.droppedIterations == 0)
      #expect(snapshot.service != nil)
    }
    #expect(summary.service != nil)
    #expect(summary.maxDeviation?.unit == "it/s")
    #expect((summary.maxDeviation?.value ?? 99) <= 4)
  }

  /// 50 it/s for 4 s with 4 VUs; the server holds every request that arrives between 1 s and
  /// 3 s after the first one until 3 s. The 4 VUs stuck in the stall leave the ~100 iterations
  /// due meanwhile without a free VU: dropped. The stuck requests' latency, from their
  /// scheduled start, is ~2 s, which is over 1 % of the completed iterations, so p99 ≥ 1.5 s.
  @Test func stallDropsIterationsAndShowsInLatencyFromScheduledStart() throws {
    let first = Box<Int64?>(nil)
    let server = try ScriptedServer { c in
      while c.readRequest() {
        let now = MonotonicClock.nowMicros()
        var origin: Int64 = now
        first.update { value in
          if value == nil { value = now }
          origin = value ?? now
        }
        let elapsed = now - origin
        if elapsed >= 1_000_000 && elapsed < 3_000_000 {
          c.pause(milliseconds: Int((3_000_000 - elapsed) / 1_000))
        }
        c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
      }
    }
    defer { server.stop() }
    let plan = Self.plan(port: server.port, rate: 50, seconds: 4, maxVUs: 4)
    let summary = try Coordinator(plan: plan, options: EngineOptions(workers: 1)).run(observers: [])
    // 200 due; ~100 of them during the 2 s stall, less the 4 that took the stuck VUs.
    #expect(summary.droppedIterations >= 80)
    #expect(summary.droppedIterations <= 110)
    #expect(summary.requests.total + summary.droppedIterations == 200)
    #expect(summary.latency.p99 >= 1_500)
    let service = try #require(summary.service)
    // Iterations are never delayed, only dropped, so the two differ by the loop's lateness
    // at each scheduled start: service never exceeds latency.
    #expect(service.p99 <= summary.latency.p99)
    #expect(service.mean <= summary.latency.mean)
    #expect(summary.maxDeviation?.unit == "it/s")
    #expect((summary.maxDeviation?.value ?? 0) >= 40)
  }

  /// A worker's pool is idle until the pacing starts, then runs one iteration per due start.
  @Test func workerReportsIdlePoolAsNotActive() throws {
    let server = try Self.keepAliveServer()
    defer { server.stop() }
    let plan = Self.plan(port: server.port, rate: 20, seconds: 1, maxVUs: 3)
    let worker = ThreadWorker(plan: plan, address: TestSupport.loopback(server.port), settings: WorkerSettings(seed: 1))
    try worker.start()
    worker.startPacing(at: MonotonicClock.nowMicros())
    usleep(1_300_000)
    worker.stop(graceMicros: 1_000_000)
    var result = TestSupport.Result()
    var started = 0
    var dropped = 0
    for report in worker.reports(waitingFor: nil, deadlineMicros: MonotonicClock.nowMicros() + 3_000_000) {
      result.add(report)
      started += report.metrics.iterationsStarted
      dropped += report.metrics.droppedIterations
    }
    #expect(started == 20)
    #expect(dropped == 0)
    #expect(server.requestsRead == 20)
    #expect(result.lastActiveVUs == 0)
    // One kept connection per VU used, at most the pool.
    #expect(server.connectionsAccepted <= 3)
  }
}
