import Foundation
import LoadForgeDashboard
import LoadForgeMetrics
import LoadForgePlan

/// Values shared by the dashboard tests: a small run, its snapshots and summary, tiny page files,
/// and a server on a free port.
enum DashboardFixtures {
  static let endpoints = [EndpointInfo(name: "list products", method: "GET")]

  /// A run that started at `startedAt` (ms precision, as run.json keeps it).
  static func runInfo(startedAt: Date = Date()) -> RunInfo {
    var info = RunInfo(
      name: "dash test", pattern: "constant 5 VUs for 3s", durationSeconds: 3, tickSeconds: 1, gracePeriodSeconds: 30,
      workers: 1, peakVUs: 5, endpoints: endpoints)
    info.startedAt = Date(timeIntervalSince1970: (startedAt.timeIntervalSince1970 * 1000).rounded() / 1000)
    return info
  }

  /// The load snapshot closing second `second` (1-based), with `second * 10` requests.
  static func snapshot(second: Int, targetVUs: Double = 5) -> Snapshot {
    let latency = LatencyStats(p50: 1, p90: 2, p95: 3, p99: 4, p999: 5, max: 6, mean: 1.5, min: 0.5)
    return Snapshot(
      phase: .load, elapsedSeconds: Double(second), intervalSeconds: 1, targetVUs: targetVUs, activeVUs: 5,
      inFlight: 1, requests: second * 10, failed: 0, rps: Double(second * 10), latency: latency,
      errors: ["timeout": 0],
      connectionsOpened: 1, bytesReceived: 1000,
      endpoints: [
        EndpointSnapshot(
          name: "list products", method: "GET", requests: second * 10, failed: 0, rps: Double(second * 10),
          latency: latency, errors: [:], bytesReceived: 1000)
      ])
  }

  static func summary(startedAt: Date, requests: Int = 60) -> Summary {
    let latency = LatencyStats(p50: 1, p90: 2, p95: 3, p99: 4, p999: 5, max: 6, mean: 1.5, min: 0.5)
    return Summary(
      startedAt: startedAt, loadDurationSeconds: 3, drainSeconds: 0, interrupted: false,
      requests: RequestTotals(total: requests, succeeded: requests, failed: 0), rps: Double(requests) / 3,
      latency: latency, errors: [:], statusCodes: ["200": requests], connectionsOpened: 1, bytesReceived: 3000,
      endpoints: [
        EndpointSummary(
          name: "list products", method: "GET", requests: requests, failed: 0, rps: Double(requests) / 3,
          latency: latency, errors: [:], bytesReceived: 3000, statusCodes: ["200": requests])
      ])
  }

  static let plan = DashboardPlan(load: LoadPlan(pattern: .constant(ConstantPattern(users: 5, durationSeconds: 3))))

  /// Page files with recognisable contents: `CONTENT-OF-<name>`.
  static let assetContents: [String: Data] = Dictionary(
    uniqueKeysWithValues: ([DashboardAssets.indexName] + DashboardAssets.assetNames).map {
      ($0, Data("CONTENT-OF-\($0)".utf8))
    })

  static func assets() throws -> DashboardAssets {
    try DashboardAssets(files: assetContents)
  }

  /// A started server for `hub` on a free port of 127.0.0.1.
  static func server(
    _ hub: DashboardHub, closeGraceSeconds: Double = DashboardServer.defaultCloseGraceSeconds
  ) async throws -> (server: DashboardServer, port: Int) {
    let server = DashboardServer(hub: hub, port: 0, assets: try assets(), closeGraceSeconds: closeGraceSeconds)
    let port = try await server.start()
    return (server, port)
  }

  /// Waits (at most `seconds`, s) until `condition` holds.
  /// Waits until `condition` holds; a bound against hanging, generous because the whole suite
  /// shares this machine's cores (and Swift's thread pool) with blocking integration tests.
  /// - Throws: `DashboardTestTimeout` when it did not hold within `seconds` (s).
  static func waitUntil(seconds: Double = 120, _ condition: () -> Bool) async throws {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while !condition() {
      guard Date() < deadline else { throw DashboardTestTimeout(seconds: seconds) }
      try await Task.sleep(for: .milliseconds(5))
    }
  }

  /// A message's JSON object.
  static func object(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
  }

  /// The text of number field `key` exactly as the server wrote it (`"delay_ms":3.250` → `3.250`),
  /// or `null`; nil when absent.
  static func rawField(_ key: String, in text: String) -> String? {
    guard let start = text.range(of: "\"\(key)\":") else { return nil }
    let rest = text[start.upperBound...]
    return String(rest.prefix { $0 != "," && $0 != "}" })
  }
}

/// `DashboardFixtures.waitUntil` gave up.
struct DashboardTestTimeout: Error, CustomStringConvertible {
  var seconds: Double
  var description: String { "the condition did not hold within \(seconds) s" }
}
