import Foundation
import LoadForgeMetrics

/// Fixed inputs for golden tests.
enum Fixtures {
  static let errorsNone = errors([:])

  /// Every failure class, 0 but for `counts`.
  static func errors(_ counts: [String: Int]) -> [String: Int] {
    var all: [String: Int] = [:]
    for outcome in RequestOutcome.failureClasses { all[outcome.rawValue] = counts[outcome.rawValue] ?? 0 }
    return all
  }

  static let snapshot = Snapshot(
    phase: .load, elapsedSeconds: 12, intervalSeconds: 1, targetVUs: 20, activeVUs: 20, inFlight: 20, requests: 8_123,
    failed: 0, rps: 8_123,
    latency: LatencyStats(p50: 1.234, p90: 2.5, p95: 3.4, p99: 5.6, p999: 9.1, max: 11.2, mean: 1.5, min: 0.2),
    errors: errorsNone, connectionsOpened: 20, bytesReceived: 1_000_000,
    endpoints: [
      EndpointSnapshot(
        name: "home", method: "GET", requests: 8_123, failed: 0, rps: 8_123,
        latency: LatencyStats(p50: 1.234, p90: 2.5, p95: 3.4, p99: 5.6, p999: 9.1, max: 11.2, mean: 1.5, min: 0.2),
        errors: errorsNone, bytesReceived: 1_000_000)
    ])

  static let summary = Summary(
    startedAt: Date(timeIntervalSince1970: 1_740_830_405.25), loadDurationSeconds: 30, drainSeconds: 0.2,
    interrupted: false,
    requests: RequestTotals(total: 1_000, succeeded: 997, failed: 3, http3xx: 5), rps: 33.333_333_333_333_336,
    latency: LatencyStats(
      p50: 1.234, p90: 8.5, p95: 12.345, p99: 250, p999: 999.96, max: 1_234.5, mean: 4.2, min: 0.101),
    errors: errors(["http_5xx": 2, "response_timeout": 1]),
    statusCodes: ["200": 990, "302": 5, "503": 2],
    connectionsOpened: 40, bytesReceived: 1_234_567,
    endpoints: [
      EndpointSummary(
        name: "list products", method: "GET", requests: 900, failed: 1, rps: 30,
        latency: LatencyStats(p50: 1.2, p90: 8, p95: 12.3, p99: 200, p999: 900, max: 1_000, mean: 4, min: 0.101),
        errors: errors(["response_timeout": 1]),
        bytesReceived: 1_200_000, statusCodes: ["200": 899]),
      EndpointSummary(
        name: "login", method: "POST", requests: 100, failed: 2, rps: 3.333_333_333_333_333_5,
        latency: LatencyStats(p50: 9.999, p90: 10, p95: 20, p99: 250, p999: 999.96, max: 1_234.5, mean: 6, min: 2),
        errors: errors(["http_5xx": 2]),
        bytesReceived: 34_567, statusCodes: ["200": 91, "302": 5, "503": 2]),
    ])

  /// `summary` of a run whose tasks had checks: login's status check and token capture always
  /// passed, item's status check failed 12 of 40 times, logout's never ran. `checks.passed`
  /// leaves the capture out (10 + 28).
  static let summaryWithChecks: Summary = {
    var s = summary
    s.checks = CheckCounts(passed: 38, failed: 12)
    s.errors["check_failed"] = 12
    s.checkDetails = [
      CheckDetail(endpoint: "login", check: "status 200", passed: 10, failed: 0),
      CheckDetail(endpoint: "login", check: "capture token", passed: 10, failed: 0),
      CheckDetail(
        endpoint: "item", check: "status 2xx or 304", passed: 28, failed: 12, example: "status 2xx or 304 (got 404)"),
      CheckDetail(endpoint: "logout", check: "status 204", passed: 0, failed: 0),
    ]
    return s
  }()

  /// What finished after the load phase of a run: 4 requests in flight at the end, 3 finished
  /// within the grace period (one of them a timeout), 1 aborted when it expired.
  static let drainSnapshot = Snapshot(
    phase: .drain, elapsedSeconds: 35.0125, intervalSeconds: 5.0125, targetVUs: 0, activeVUs: 0, inFlight: 0,
    requests: 4, failed: 2, rps: 4 / 5.0125,
    latency: LatencyStats(p50: 250, p90: 900, p95: 900, p99: 900, p999: 900, max: 900, mean: 500, min: 250),
    errors: errors(["response_timeout": 1, "aborted": 1]),
    connectionsOpened: 0, bytesReceived: 300,
    endpoints: [
      EndpointSnapshot(
        name: "home", method: "GET", requests: 4, failed: 2, rps: 4 / 5.0125,
        latency: LatencyStats(p50: 250, p90: 900, p95: 900, p99: 900, p999: 900, max: 900, mean: 500, min: 250),
        errors: errors(["response_timeout": 1, "aborted": 1]),
        bytesReceived: 300)
    ])

  static let runInfo = RunInfo(
    name: "shop", pattern: "ramp 0→50 VUs over 30s", durationSeconds: 30, tickSeconds: 1, gracePeriodSeconds: 5,
    workers: 2, peakVUs: 50,
    endpoints: [EndpointInfo(name: "list products", method: "GET"), EndpointInfo(name: "login", method: "POST")])
}
