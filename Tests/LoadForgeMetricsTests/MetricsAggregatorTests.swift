import Foundation
import LoadForgeTestSupport
import Testing

@testable import LoadForgeMetrics

struct MetricsAggregatorTests {
  let endpoints = [EndpointInfo(name: "home", method: "GET"), EndpointInfo(name: "login", method: "POST")]
  let start = Date(timeIntervalSince1970: 1_700_000_000)

  @Test func knownInputsGiveExactSnapshot() {
    let w1 = MetricsRecorder(endpointCount: 2)
    let w2 = MetricsRecorder(endpointCount: 2)
    for v in UInt64(1)...100 { w1.record(endpoint: 0, status: 200, latencyMicros: v * 10, bytesReceived: 10) }
    w2.record(endpoint: 1, status: 503, latencyMicros: 2_000, bytesReceived: 5)
    w2.record(endpoint: 1, outcome: .connectTimeout, latencyMicros: 5_000_000, bytesReceived: 0)
    w2.record(endpoint: 1, outcome: .tlsError, latencyMicros: 3, bytesReceived: 0)
    w1.recordConnectionOpened()
    w2.recordConnectionOpened()
    w2.recordConnectionOpened()

    var agg = MetricsAggregator(endpoints: endpoints)
    agg.merge(w1.takeInterval())
    agg.merge(w2.takeInterval())
    let s = agg.closeInterval(elapsedSeconds: 1, intervalSeconds: 0.5, targetVUs: 10, activeVUs: 9)

    #expect(s.elapsedSeconds == 1)
    #expect(s.intervalSeconds == 0.5)
    #expect(s.targetVUs == 10)
    #expect(s.activeVUs == 9)
    #expect(s.requests == 103)
    #expect(s.failed == 3)
    #expect(s.rps == 206)
    #expect(s.connectionsOpened == 3)
    #expect(s.bytesReceived == 1_005)
    #expect(
      s.errors == [
        "http_4xx": 0, "http_5xx": 1, "check_failed": 0, "connect_timeout": 1, "response_timeout": 0,
        "connection_refused": 0, "connection_reset": 0, "dns_failure": 0, "tls_error": 1, "protocol_error": 0,
        "client_limit": 0, "aborted": 0,
      ])
    // 101 timed samples: 10, 20, …, 1000 µs and 2000 µs.
    #expect(s.latency.p50 == 0.51)
    #expect(s.latency.max == 2.0)
    #expect(s.latency.min == 0.01)
    #expect(s.latency.p99 == 1.0)
    #expect(s.endpoints.map(\.name) == ["home", "login"])
    #expect(s.endpoints[0].requests == 100)
    #expect(s.endpoints[0].failed == 0)
    #expect(s.endpoints[0].rps == 200)
    #expect(s.endpoints[0].latency.p90 == 0.9)
    #expect(s.endpoints[1].requests == 3)
    #expect(s.endpoints[1].failed == 3)
    #expect(s.endpoints[1].latency.p50 == 2.0)
    #expect(s.endpoints[1].bytesReceived == 5)
  }

  @Test func mergingTwoWorkersEqualsRecordingIntoOne() {
    var rng = SplitMix64(seed: 99)
    let one = MetricsRecorder(endpointCount: 2)
    let a = MetricsRecorder(endpointCount: 2)
    let b = MetricsRecorder(endpointCount: 2)
    var merged = MetricsAggregator(endpoints: endpoints)
    var single = MetricsAggregator(endpoints: endpoints)
    var mergedSnapshots: [Snapshot] = []
    var singleSnapshots: [Snapshot] = []
    for second in 1...3 {
      for _ in 0..<20_000 {
        let endpoint = Int.random(in: 0...1, using: &rng)
        let outcome = RequestOutcome.allCases.randomElement(using: &rng)!
        let latency = UInt64(exp(Double.random(in: 0...log(30_000_000.0), using: &rng)))
        let bytes = Int.random(in: 0...4_096, using: &rng)
        one.record(endpoint: endpoint, outcome: outcome, latencyMicros: latency, bytesReceived: bytes)
        let worker = Bool.random(using: &rng) ? a : b
        worker.record(endpoint: endpoint, outcome: outcome, latencyMicros: latency, bytesReceived: bytes)
      }
      one.recordConnectionOpened()
      a.recordConnectionOpened()
      merged.merge(a.takeInterval())
      merged.merge(b.takeInterval())
      single.merge(one.takeInterval())
      let t = Double(second)
      mergedSnapshots.append(merged.closeInterval(elapsedSeconds: t, intervalSeconds: 1, targetVUs: 5, activeVUs: 5))
      singleSnapshots.append(single.closeInterval(elapsedSeconds: t, intervalSeconds: 1, targetVUs: 5, activeVUs: 5))
    }
    #expect(mergedSnapshots == singleSnapshots)
    #expect(mergedSnapshots[0].requests == 20_000)
    let m = merged.summary(startedAt: start, loadDurationSeconds: 3, interrupted: false)
    let s = single.summary(startedAt: start, loadDurationSeconds: 3, interrupted: false)
    #expect(m == s)
    #expect(m.requests.total == 60_000)
    #expect(merged.latencyHistogram() == single.latencyHistogram())
  }

  @Test func classesSumToTotalEverywhere() {
    var rng = SplitMix64(seed: 5)
    let r = MetricsRecorder(endpointCount: 2)
    var agg = MetricsAggregator(endpoints: endpoints)
    var snapshots: [Snapshot] = []
    for second in 1...4 {
      for _ in 0..<1_000 {
        r.record(
          endpoint: Int.random(in: 0...1, using: &rng), outcome: RequestOutcome.allCases.randomElement(using: &rng)!,
          latencyMicros: 1_000, bytesReceived: 1)
      }
      agg.merge(r.takeInterval())
      snapshots.append(
        agg.closeInterval(elapsedSeconds: Double(second), intervalSeconds: 1, targetVUs: 1, activeVUs: 1))
    }
    for s in snapshots {
      #expect(s.errors.count == RequestOutcome.failureClasses.count)
      #expect(s.errors.values.reduce(0, +) == s.failed)
      #expect(s.endpoints.map(\.requests).reduce(0, +) == s.requests)
      for e in s.endpoints { #expect(e.errors.values.reduce(0, +) == e.failed) }
    }
    let sum = agg.summary(startedAt: start, loadDurationSeconds: 4, interrupted: false)
    #expect(sum.requests.total == 4_000)
    #expect(sum.requests.succeeded + sum.errors.values.reduce(0, +) == sum.requests.total)
    #expect(sum.requests.failed == sum.errors.values.reduce(0, +))
    #expect(sum.endpoints.map(\.requests).reduce(0, +) == sum.requests.total)
    #expect(sum.endpoints.map(\.failed).reduce(0, +) == sum.requests.failed)
    #expect(snapshots.map(\.requests).reduce(0, +) == sum.requests.total)
    #expect(sum.rps == 1_000)
  }

  @Test func closeIntervalStartsAnEmptyIntervalAndRunPercentilesComeFromMergedHistograms() {
    let r = MetricsRecorder(endpointCount: 2)
    var agg = MetricsAggregator(endpoints: endpoints)
    for _ in 0..<990 { r.record(endpoint: 0, status: 200, latencyMicros: 1_000, bytesReceived: 0) }
    agg.merge(r.takeInterval())
    let first = agg.closeInterval(elapsedSeconds: 1, intervalSeconds: 1, targetVUs: 1, activeVUs: 1)
    let empty = agg.closeInterval(elapsedSeconds: 2, intervalSeconds: 1, targetVUs: 1, activeVUs: 1)
    for _ in 0..<10 { r.record(endpoint: 0, status: 200, latencyMicros: 2_000, bytesReceived: 0) }
    r.recordConnectionOpened()
    agg.merge(r.takeInterval())
    let third = agg.closeInterval(elapsedSeconds: 3, intervalSeconds: 1, targetVUs: 1, activeVUs: 1)

    #expect(first.requests == 990)
    #expect(empty.requests == 0)
    #expect(empty.rps == 0)
    #expect(empty.latency == .zero)
    #expect(empty.connectionsOpened == 0)
    #expect(third.requests == 10)
    #expect(third.latency.p50 == 2.0)
    #expect(third.connectionsOpened == 1)

    let s = agg.summary(startedAt: start, loadDurationSeconds: 3, interrupted: true)
    #expect(s.requests.total == 1_000)
    #expect(s.interrupted)
    #expect(s.connectionsOpened == 1)
    // Averaging per-second p99s would give 1.5 ms; the merged histogram gives the true value.
    #expect(s.latency.p99 == 1.0)
    #expect(s.latency.p999 == 2.0)
    #expect(s.latency.max == 2.0)
    #expect(s.latency.mean == 1.01)
    #expect(s.statusCodes == ["200": 1_000])
    #expect(s.endpoints[0].statusCodes == ["200": 1_000])
    #expect(s.endpoints[1].statusCodes == [:])
  }

  @Test func emptyRunNeverCrashesAndReportsZeros() {
    let agg = MetricsAggregator(endpoints: endpoints)
    let s = agg.summary(startedAt: start, loadDurationSeconds: 0, interrupted: false)
    #expect(s.requests == RequestTotals(total: 0, succeeded: 0, failed: 0))
    #expect(s.rps == 0)
    #expect(s.latency == .zero)
    #expect(s.endpoints.count == 2)
    #expect(s.endpoints[0].latency == .zero)
    #expect(s.errors["response_timeout"] == 0)
    var empty = MetricsAggregator(endpoints: [])
    empty.merge(IntervalMetrics())
    let snap = empty.closeInterval(elapsedSeconds: 1, intervalSeconds: 0, targetVUs: 0, activeVUs: 0)
    #expect(snap.rps == 0)
    #expect(snap.endpoints.isEmpty)
  }

  /// The drain snapshot: phase `.drain`, target 0, and rates over max(drain, tick), so four
  /// responses landing 20 ms after the load phase read 4 RPS, not 200.
  @Test(arguments: [(0.02, 1.0, 4.0), (0.02, 0.5, 8.0), (2.0, 1.0, 2.0), (0.0, 1.0, 4.0)])
  func drainRatesAreOverTheDrainButAtLeastATick(drain: Double, tick: Double, rps: Double) {
    let r = MetricsRecorder(endpointCount: 2)
    for _ in 0..<3 { r.record(endpoint: 0, status: 200, latencyMicros: 2_000, bytesReceived: 10) }
    r.record(endpoint: 1, outcome: .aborted, latencyMicros: 0, bytesReceived: 0)
    var agg = MetricsAggregator(endpoints: endpoints)
    agg.merge(r.takeInterval())
    let s = agg.closeDrain(elapsedSeconds: 10 + drain, intervalSeconds: drain, tickSeconds: tick, inFlight: 0)
    #expect(s.phase == .drain)
    #expect(s.elapsedSeconds == 10 + drain)
    #expect(s.intervalSeconds == drain)
    #expect(s.targetVUs == 0)
    #expect(s.activeVUs == 0)
    #expect(s.inFlight == 0)
    #expect(s.requests == 4)
    #expect(s.failed == 1)
    #expect(s.errors["aborted"] == 1)
    #expect(s.rps == rps)
    #expect(s.endpoints[0].rps == rps * 3 / 4)
    #expect(s.endpoints[1].rps == rps / 4)
  }

  /// Load snapshots keep `requests / interval_s` (a short last tick included) and carry the
  /// in-flight count; the summary's rates are over the load phase only, its duration covers both.
  @Test func summaryRatesAreOverTheLoadPhaseAndItsDurationCoversTheDrain() {
    let r = MetricsRecorder(endpointCount: 2)
    var agg = MetricsAggregator(endpoints: endpoints)
    #expect(agg.intervalIsEmpty)
    for _ in 0..<6 { r.record(endpoint: 0, status: 200, latencyMicros: 1_000, bytesReceived: 1) }
    agg.merge(r.takeInterval())
    #expect(!agg.intervalIsEmpty)
    let tick = agg.closeInterval(elapsedSeconds: 1, intervalSeconds: 1, targetVUs: 4, activeVUs: 4, inFlight: 3)
    #expect(tick.phase == .load)
    #expect(tick.inFlight == 3)
    #expect(tick.rps == 6)
    #expect(agg.intervalIsEmpty)
    r.record(endpoint: 1, status: 200, latencyMicros: 1_000, bytesReceived: 1)
    agg.merge(r.takeInterval())
    let partial = agg.closeInterval(elapsedSeconds: 1.5, intervalSeconds: 0.5, targetVUs: 4, activeVUs: 4, inFlight: 4)
    #expect(partial.rps == 2)
    r.recordConnectionOpened()
    agg.merge(r.takeInterval())
    #expect(!agg.intervalIsEmpty, "a connection opened is something to report")
    for _ in 0..<4 { r.record(endpoint: 1, status: 200, latencyMicros: 1_000, bytesReceived: 1) }
    agg.merge(r.takeInterval())
    let drain = agg.closeDrain(elapsedSeconds: 2.5, intervalSeconds: 1, tickSeconds: 1)
    #expect(drain.requests == 4)
    #expect(drain.connectionsOpened == 1)
    let s = agg.summary(startedAt: start, loadDurationSeconds: 1.5, drainSeconds: 1, interrupted: false)
    #expect(s.requests.total == 11)
    #expect(s.loadDurationSeconds == 1.5)
    #expect(s.drainSeconds == 1)
    #expect(s.durationSeconds == 2.5)
    #expect(abs(s.rps - 11 / 1.5) < 1e-12)
    #expect(s.endpoints[0].rps == 4)
    #expect(s.endpoints[1].rps == 5 / 1.5)
    #expect(s.connectionsOpened == 1)
  }

  @Test func workerWithFewerEndpointsMerges() {
    var agg = MetricsAggregator(endpoints: endpoints)
    let r = MetricsRecorder(endpointCount: 1)
    r.record(endpoint: 0, status: 404, latencyMicros: 300, bytesReceived: 9)
    agg.merge(r.takeInterval())
    let s = agg.closeInterval(elapsedSeconds: 1, intervalSeconds: 1, targetVUs: 1, activeVUs: 1)
    #expect(s.requests == 1)
    #expect(s.errors["http_4xx"] == 1)
    #expect(s.endpoints[1].requests == 0)
  }

  /// HTTP-CASES C10: 1.5 million requests, every one recorded in fixed memory, exact totals.
  @Test func onePointFiveMillionRequestsKeepExactTotals() {
    let workers = [MetricsRecorder(endpointCount: 2), MetricsRecorder(endpointCount: 2)]
    var agg = MetricsAggregator(endpoints: endpoints)
    var expected = OutcomeCounts()
    var expectedTimed = 0
    var expectedBytes = 0
    var snapshotRequests = 0
    let perSecond = 100_000
    for second in 0..<15 {
      for i in 0..<perSecond {
        let n = second * perSecond + i
        let outcome: RequestOutcome =
          switch n % 100 {
          case 0: .responseTimeout
          case 1: .http5xx
          case 2: .connectionReset
          case 7: .http3xx
          case 8: .clientLimit
          case 3: .http4xx
          case 4: .protocolError
          case 5: .aborted
          case 6: .checkFailed
          default: .success
          }
        expected[outcome] += 1
        if outcome.hasCompleteResponse { expectedTimed += 1 }
        expectedBytes += n % 7
        workers[n % 2].record(
          endpoint: (n / 3) % 2, outcome: outcome, latencyMicros: UInt64(n % 250_000), bytesReceived: n % 7)
      }
      for w in workers { agg.merge(w.takeInterval()) }
      let s = agg.closeInterval(elapsedSeconds: Double(second + 1), intervalSeconds: 1, targetVUs: 1, activeVUs: 1)
      #expect(s.requests == perSecond)
      snapshotRequests += s.requests
    }
    let s = agg.summary(startedAt: start, loadDurationSeconds: 15, interrupted: false)
    #expect(s.requests.total == 1_500_000)
    #expect(snapshotRequests == 1_500_000)
    #expect(s.requests.succeeded == expected[.success] + expected[.http3xx])
    #expect(s.requests.http3xx == expected[.http3xx])
    #expect(s.requests.http3xx == 15 * perSecond / 100)
    #expect(s.requests.failed == expected.failed)
    for outcome in RequestOutcome.failureClasses { #expect(s.errors[outcome.rawValue] == expected[outcome]) }
    #expect(agg.latencyHistogram().totalCount == UInt64(expectedTimed))
    #expect(s.bytesReceived == expectedBytes)
    #expect(s.rps == 100_000)
    #expect(s.latency.max == 249.999)
  }
}

/// `checks.details`: per-check counters merged from final reports into the summary.
struct MetricsAggregatorCheckDetailTests {
  /// Two scenarios each with a task "login" checking `status 200`: one row; "item" has a
  /// check and a capture; "logout" never ran.
  let items: [[CheckItemInfo]] = [
    [CheckItemInfo(endpoint: "login", check: "status 200")],
    [CheckItemInfo(endpoint: "item", check: "status 2xx"), CheckItemInfo(endpoint: "item", check: "capture id")],
    [CheckItemInfo(endpoint: "logout", check: "status 204")],
    [CheckItemInfo(endpoint: "login", check: "status 200")],
  ]

  @Test func workersMergeIntoRowsInPlanOrder() {
    var w1 = CheckItemCounters(itemsPerTask: items.map(\.count))
    var w2 = CheckItemCounters(itemsPerTask: items.map(\.count))
    for _ in 0..<3 { w1.record(task: 0, item: 0, failure: nil) }
    w2.record(task: 3, item: 0, failure: "status 200 (got 500)")
    w2.record(task: 3, item: 0, failure: nil)
    for k in 0..<5 {
      w1.record(task: 1, item: 0, failure: k < 2 ? "status 2xx (got \(404 + k))" : nil)
      w1.record(task: 1, item: 1, failure: nil)
      w2.record(task: 1, item: 0, failure: nil)
      w2.record(task: 1, item: 1, failure: k == 4 ? "capture id (no match)" : nil)
    }
    var agg = MetricsAggregator(endpoints: [EndpointInfo(name: "login", method: "POST")], checkItems: items)
    agg.mergeCheckItems(w1)
    agg.mergeCheckItems(w2)
    let expected = [
      CheckDetail(endpoint: "login", check: "status 200", passed: 4, failed: 1, example: "status 200 (got 500)"),
      CheckDetail(endpoint: "item", check: "status 2xx", passed: 8, failed: 2, example: "status 2xx (got 404)"),
      CheckDetail(endpoint: "item", check: "capture id", passed: 9, failed: 1, example: "capture id (no match)"),
      CheckDetail(endpoint: "logout", check: "status 204", passed: 0, failed: 0),
    ]
    #expect(agg.checkDetails == expected)
    let summary = agg.summary(startedAt: Date(timeIntervalSince1970: 0), loadDurationSeconds: 1, interrupted: false)
    #expect(summary.checkDetails == expected)
  }

  @Test func noChecksNoRows() {
    var agg = MetricsAggregator(endpoints: [EndpointInfo(name: "a", method: "GET")])
    agg.mergeCheckItems(CheckItemCounters(itemsPerTask: []))
    #expect(agg.summary(startedAt: Date(), loadDurationSeconds: 1, interrupted: false).checkDetails == [])
  }
}
