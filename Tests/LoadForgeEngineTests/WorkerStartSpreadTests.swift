import Foundation
import LoadForgePlan
import Synchronization
import Testing

@testable import LoadForgeEngine

/// `Worker.adjustVUs`: the VUs a rise adds start spread over the tick (one every tick/k), not in
/// one burst; the pattern's level at elapsed 0 starts at once; a new target replaces pending starts.
@Suite struct WorkerStartSpreadTests {
  /// When each connection's first request arrived, µs (monotonic), in arrival order.
  final class Arrivals: Sendable {
    private let times = Mutex<[Int64]>([])
    func append(_ time: Int64) { times.withLock { $0.append(time) } }
    var count: Int { times.withLock { $0.count } }
    var sorted: [Int64] { times.withLock { $0 }.sorted() }
  }

  /// A server noting when each connection's first request arrived (µs, monotonic), then
  /// answering every request with an empty 200.
  static func recordingServer(_ arrivals: Arrivals) throws -> ScriptedServer {
    try ScriptedServer { c in
      var first = true
      while c.readRequest() {
        if first {
          let now = MonotonicClock.nowMicros()
          arrivals.append(now)
          first = false
        }
        c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
      }
    }
  }

  static func startWorker(port: Int, pattern: TrafficPattern? = nil) throws -> ThreadWorker {
    let plan = TestSupport.plan(port: port, think: .constant(micros: 50_000), pattern: pattern, tickSeconds: 1)
    let worker = ThreadWorker(plan: plan, address: TestSupport.loopback(port), settings: WorkerSettings(seed: 3))
    try worker.start()
    return worker
  }

  /// Stops the worker and returns its reports' totals.
  static func finish(_ worker: ThreadWorker) -> TestSupport.Result {
    worker.stop(graceMicros: 1_000_000)
    var result = TestSupport.Result()
    for report in worker.reports(waitingFor: nil, deadlineMicros: MonotonicClock.nowMicros() + 5_000_000) {
      result.add(report)
    }
    return result
  }

  /// 0 → 10 VUs with a 1 s tick, later in the run: ten first requests, ~100 ms apart.
  @Test func aRiseStartsItsVUsSpreadOverTheTick() throws {
    let arrivals = Arrivals()
    let server = try Self.recordingServer(arrivals)
    defer { server.stop() }
    let worker = try Self.startWorker(port: server.port)
    // Past the first half tick: this is a rise, not the pattern's level at 0 s.
    usleep(600_000)
    worker.setTargetVUs(10)
    #expect(server.wait(seconds: 5) { $0.connectionsAccepted == 10 })
    #expect(server.wait(seconds: 2) { _ in arrivals.count == 10 })
    worker.requestInterval(0)
    var interval = TestSupport.Result()
    for report in worker.reports(waitingFor: 0, deadlineMicros: MonotonicClock.nowMicros() + 2_000_000) {
      interval.add(report)
    }
    #expect(interval.lastActiveVUs == 10)
    let result = Self.finish(worker)
    #expect(result.failure == nil)

    let times = arrivals.sorted
    let first = try #require(times.first)
    let offsets = times.map { $0 - first }
    // Starts are due at 0, 100, …, 900 ms; timers never fire early, so the last first request
    // comes at least ~900 ms after the first (600 ms leaves room for a slow first connect).
    #expect(try #require(offsets.last) >= 600_000, "offsets µs: \(offsets)")
    // No burst: within the first 250 ms at most 3 are due (0, 100, 200 ms); 5 allows for jitter.
    #expect(offsets.filter { $0 < 250_000 }.count <= 5, "offsets µs: \(offsets)")
    // Each later half of the tick got its share: starts keep coming after 500 ms.
    #expect(offsets.filter { $0 >= 500_000 }.count >= 3, "offsets µs: \(offsets)")
  }

  /// The pattern's level at elapsed 0 starts at once, as k6's start VUs.
  @Test func theLevelAtZeroSecondsStartsAtOnce() throws {
    let arrivals = Arrivals()
    let server = try Self.recordingServer(arrivals)
    defer { server.stop() }
    let worker = try Self.startWorker(
      port: server.port, pattern: .constant(ConstantPattern(users: 10, durationSeconds: 60)))
    worker.setTargetVUs(10)
    #expect(server.wait(seconds: 5) { _ in arrivals.count == 10 })
    _ = Self.finish(worker)
    let times = arrivals.sorted
    // Spread, the last would come ≥ 900 ms after the first.
    #expect(try #require(times.last) - #require(times.first) < 500_000, "arrivals µs: \(times)")
  }

  /// A ramp from 0: its first tick applies the level at the tick's end (1 s in: 10 VUs of a
  /// ramp 0→100 over 10 s) with a start level of 0, so all ten are a rise, spread over the tick.
  @Test func aRampFromZeroSpreadsItsFirstTick() throws {
    let arrivals = Arrivals()
    let server = try Self.recordingServer(arrivals)
    defer { server.stop() }
    let worker = try Self.startWorker(
      port: server.port, pattern: .ramp(RampPattern(from: 0, to: 100, durationSeconds: 10)))
    // What the coordinator sends first: the level at 1 s, and the level at 0 s to start at once.
    worker.setTargetVUs(10, startLevel: 0)
    #expect(server.wait(seconds: 5) { _ in arrivals.count == 10 })
    _ = Self.finish(worker)
    let times = arrivals.sorted
    let offsets = times.map { $0 - times[0] }
    // Due at 0, 100, …, 900 ms: the last at least 600 ms after the first, at most 5 in 250 ms.
    #expect(try #require(offsets.last) >= 600_000, "offsets µs: \(offsets)")
    #expect(offsets.filter { $0 < 250_000 }.count <= 5, "offsets µs: \(offsets)")
  }

  /// A lower target while starts are pending cancels them: the count settles at the new target.
  @Test func aLowerTargetCancelsPendingStarts() throws {
    let arrivals = Arrivals()
    let server = try Self.recordingServer(arrivals)
    defer { server.stop() }
    let worker = try Self.startWorker(port: server.port)
    usleep(600_000)
    worker.setTargetVUs(10)
    #expect(server.wait(seconds: 2) { _ in arrivals.count >= 1 })
    worker.setTargetVUs(1)
    // Well past the tick the 10 would have filled.
    usleep(1_200_000)
    worker.requestInterval(0)
    var interval = TestSupport.Result()
    for report in worker.reports(waitingFor: 0, deadlineMicros: MonotonicClock.nowMicros() + 2_000_000) {
      interval.add(report)
    }
    #expect(interval.lastActiveVUs == 1)
    #expect(arrivals.count < 10)
    _ = Self.finish(worker)
  }
}
