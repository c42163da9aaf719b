import Foundation
import Glibc
import LoadForgeMetrics
import LoadForgePlan
import Synchronization

@testable import LoadForgeEngine

/// Plans and worker runs shared by the loopback tests.
enum TestSupport {
  /// One scenario with one task `method /` against `host:port`.
  static func plan(
    port: Int, method: String = "GET", headers: [HeaderField] = [], body: [UInt8] = [],
    timeoutMicros: Int64 = 2_000_000, think: ThinkTime = .none, pattern: TrafficPattern? = nil,
    tickSeconds: Double = 1, scheme: String = "http", host: String = "127.0.0.1"
  ) -> Plan {
    let request = RequestPlan(
      method: method, target: "/", headers: headers, body: body, timeoutMicros: timeoutMicros)
    let task = TaskPlan(name: "root", weight: 1, endpoint: 0, request: request, thinkTime: think)
    let scenario = ScenarioPlan(
      name: "main", weight: 1, tasks: [task], taskTable: WeightTable(weights: [1]))
    return Plan(
      name: "test", baseURL: "\(scheme)://\(host):\(port)",
      origin: Origin(scheme: scheme, host: host, port: port),
      load: LoadPlan(
        pattern: pattern ?? .constant(ConstantPattern(users: 1, durationSeconds: 60)),
        tickSeconds: tickSeconds),
      scenarios: [scenario], scenarioTable: WeightTable(weights: [1]),
      endpoints: [EndpointPlan(name: "root", method: method)])
  }

  /// One scenario per weight, scenario `i` with one task `GET /s<i>` named `s<i>` (endpoint
  /// `i`), so per-endpoint counts tell which scenario each request came from.
  static func plan(
    port: Int, scenarioWeights: [Int], think: ThinkTime, pattern: TrafficPattern,
    tickSeconds: Double = 1
  ) -> Plan {
    var base = plan(port: port, think: think, pattern: pattern, tickSeconds: tickSeconds)
    base.scenarios = scenarioWeights.indices.map { i in
      let request = RequestPlan(
        method: "GET", target: "/s\(i)", headers: [], body: [], timeoutMicros: 2_000_000)
      let task = TaskPlan(name: "s\(i)", weight: 1, endpoint: i, request: request, thinkTime: think)
      return ScenarioPlan(
        name: "scenario \(i)", weight: scenarioWeights[i], tasks: [task],
        taskTable: WeightTable(weights: [1]))
    }
    base.scenarioTable = WeightTable(weights: scenarioWeights)
    base.endpoints = scenarioWeights.indices.map { EndpointPlan(name: "s\($0)", method: "GET") }
    return base
  }

  static func loopback(_ port: Int) -> SocketAddress {
    try! SocketAddress.resolve(host: "127.0.0.1", port: port)[0]
  }

  /// A port nothing listens on (bound then released).
  static func closedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
        _ = bind(fd, p, length)
        return getsockname(fd, p, &length)
      }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// What a worker recorded over a whole run, all its reports merged.
  struct Result {
    var outcomes = OutcomeCounts()
    var connectionsOpened = 0
    /// Requests sent again after a stale keep-alive connection (`IntervalMetrics.retried`).
    var retried = 0
    var statusCodes: [Int: Int] = [:]
    var bytesReceived = 0
    var lastActiveVUs = 0
    var failure: String?
    /// Outcomes and checks per endpoint, indexed like the plan's endpoints.
    var endpointOutcomes: [OutcomeCounts] = []
    var endpointChecks: [CheckCounts] = []
    /// Latency samples (timed requests) per endpoint.
    var endpointTimed: [UInt64] = []
    var checks = CheckCounts()
    /// Per-check counts from the final report.
    var checkItems: CheckItemCounters?
    /// Failure reasons over the whole run, from the final report (`errors_detail`).
    var errorReasons = ErrorReasons()
    /// Latency samples of every report (µs), all endpoints.
    var latencyParts: [SparseHistogram] = []
    var latencySumMicros: UInt64 = 0
    /// Open model: service-time samples (µs), all endpoints.
    var serviceParts: [SparseHistogram] = []
    var serviceSumMicros: UInt64 = 0

    var total: Int { outcomes.total }

    /// Latency percentiles over the whole run, all endpoints (ms).
    var latency: LatencyStats { Self.stats(latencyParts, sumMicros: latencySumMicros) }
    /// Open model: service-time percentiles over the whole run (ms).
    var service: LatencyStats { Self.stats(serviceParts, sumMicros: serviceSumMicros) }
    /// Timed samples over the whole run.
    var latencyCount: UInt64 { latencyParts.reduce(0) { $0 + $1.totalCount } }

    /// `(class, reason, count)` rows of the failure reasons, as in `errors_detail`.
    var errorDetails: [ErrorDetail] { errorReasons.details }

    private static func stats(_ parts: [SparseHistogram], sumMicros: UInt64) -> LatencyStats {
      var merged = SparseHistogram().histogram
      for part in parts { part.add(to: &merged) }
      return LatencyStats(histogram: merged, sumMicros: sumMicros)
    }

    mutating func add(_ report: WorkerReport) {
      for (i, endpoint) in report.metrics.endpoints.enumerated() {
        while endpointOutcomes.count <= i {
          endpointOutcomes.append(OutcomeCounts())
          endpointChecks.append(CheckCounts())
          endpointTimed.append(0)
        }
        endpointTimed[i] += endpoint.latency.totalCount
        endpointOutcomes[i].add(endpoint.outcomes)
        endpointChecks[i].add(endpoint.checks)
        checks.add(endpoint.checks)
        outcomes.add(endpoint.outcomes)
        bytesReceived += endpoint.bytesReceived
        for (status, count) in endpoint.statusCodes { statusCodes[status, default: 0] += count }
        if !endpoint.latency.isEmpty { latencyParts.append(endpoint.latency) }
        latencySumMicros += endpoint.latencySumMicros
        if !endpoint.service.isEmpty { serviceParts.append(endpoint.service) }
        serviceSumMicros += endpoint.serviceSumMicros
      }
      if let reasons = report.errorReasons { errorReasons.add(reasons) }
      connectionsOpened += report.metrics.connectionsOpened
      retried += report.metrics.retried
      lastActiveVUs = report.activeVUs
      if let failure = report.failure { self.failure = failure }
      if let items = report.checkItems { checkItems = items }
    }
  }

  /// Runs one in-process worker with `users` VUs until `done` holds (or `maxSeconds`), then
  /// stops it gracefully (or aborts it, `abort`) and returns everything it recorded.
  static func runWorker(
    plan: Plan, port: Int, users: Int, maxSeconds: Double = 3, graceMicros: Int64 = 2_000_000,
    connectTimeoutMicros: Int64 = 5_000_000, abort: Bool = false, until done: @escaping () -> Bool
  ) -> Result {
    let worker = ThreadWorker(
      plan: plan, address: loopback(port),
      settings: WorkerSettings(index: 0, connectTimeoutMicros: connectTimeoutMicros, seed: 42))
    try! worker.start()
    worker.setTargetVUs(users)
    let deadline = Date().addingTimeInterval(maxSeconds)
    while Date() < deadline && !done() { usleep(2_000) }
    if abort {
      worker.abort()
    } else {
      worker.stop(graceMicros: graceMicros)
    }
    var result = Result()
    for report in worker.reports(
      waitingFor: nil, deadlineMicros: MonotonicClock.nowMicros() + graceMicros + 3_000_000)
    {
      result.add(report)
    }
    return result
  }
}

/// A thread-safe counter for server scripts.
final class Counter: Sendable {
  private let value = Mutex(0)
  func increment() { value.withLock { $0 += 1 } }
  var count: Int { value.withLock { $0 } }
}

/// When a scripted connection read a request it never answered, and when the client closed it
/// (µs, monotonic).
final class HangLog: Sendable {
  struct Hang: Sendable {
    var read: Int64
    var closed: Int64
  }
  private let hangs = Mutex<[Hang]>([])
  func append(read: Int64, closed: Int64) { hangs.withLock { $0.append(Hang(read: read, closed: closed)) } }
  var all: [Hang] { hangs.withLock { $0 } }
  var count: Int { hangs.withLock { $0.count } }
}

/// Collects what a coordinator hands its observers, and when (µs since `runStarted`).
final class RecordingObserver: SnapshotObserver {
  struct Event: Equatable {
    var name: String
    var atMicros: Int64
  }

  var started: [RunInfo] = []
  var snapshots: [Snapshot] = []
  var drainNotices: [(inFlight: Int, graceSeconds: Double)] = []
  var finished: [Summary] = []
  /// `record:load`, `record:drain`, `draining`, `finished`, in call order.
  var events: [Event] = []
  /// Called from `draining`, on the coordinator's thread.
  var onDraining: (() -> Void)?
  private var startMicros: Int64 = 0

  var loadSnapshots: [Snapshot] { snapshots.filter { $0.phase == .load } }
  var drainSnapshots: [Snapshot] { snapshots.filter { $0.phase == .drain } }

  func runStarted(_ info: RunInfo) {
    startMicros = MonotonicClock.nowMicros()
    started.append(info)
  }

  func record(_ snapshot: Snapshot) {
    log("record:\(snapshot.phase.rawValue)")
    snapshots.append(snapshot)
  }

  func draining(inFlight: Int, graceSeconds: Double) {
    log("draining")
    drainNotices.append((inFlight, graceSeconds))
    onDraining?()
  }

  func runFinished(_ summary: Summary) {
    log("finished")
    finished.append(summary)
  }

  /// Seconds from `runStarted` to the `index`-th event named `name`.
  func seconds(of name: String, _ index: Int = 0) -> Double? {
    let matching = events.filter { $0.name == name }
    return index < matching.count ? Double(matching[index].atMicros) / 1_000_000 : nil
  }

  private func log(_ name: String) {
    events.append(Event(name: name, atMicros: MonotonicClock.nowMicros() - startMicros))
  }
}

/// A value set from another thread (a stop request's effect).
final class Box<Value: Sendable>: Sendable {
  private let value: Mutex<Value>
  init(_ value: Value) { self.value = Mutex(value) }
  func set(_ newValue: Value) { value.withLock { $0 = newValue } }
  func update(_ body: (inout Value) -> Void) { value.withLock { body(&$0) } }
  var get: Value { value.withLock { $0 } }
}
