import Foundation
import Testing

@testable import LoadForgeMetrics

struct SummaryTests {
  private static func summary(details: [CheckDetail]) -> Summary {
    Summary(
      startedAt: Date(timeIntervalSince1970: 1_740_830_405.25), loadDurationSeconds: 2, drainSeconds: 0,
      interrupted: false, requests: RequestTotals(total: 4, succeeded: 3, failed: 1), rps: 2, latency: .zero,
      errors: ["check_failed": 1], statusCodes: ["200": 4], connectionsOpened: 1, bytesReceived: 100,
      checks: CheckCounts(passed: 3, failed: 1), checkDetails: details, endpoints: [])
  }

  /// `checks` is `{passed, failed, details}` and reads back equal.
  @Test func checkDetailsRoundTripUnderChecks() throws {
    let s = Self.summary(details: [
      CheckDetail(endpoint: "a", check: "status 200", passed: 3, failed: 1, example: "status 200 (got 503)")
    ])
    let data = try JSONEncoder().encode(s)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let checks = try #require(object["checks"] as? [String: Any])
    #expect(Set(checks.keys) == ["passed", "failed", "details"])
    #expect((checks["details"] as? [Any])?.count == 1)
    #expect(try JSONDecoder().decode(Summary.self, from: data) == s)
  }

  /// A summary.json written before `details` existed reads with none.
  @Test func olderFilesWithoutDetailsRead() throws {
    let data = try JSONEncoder().encode(Self.summary(details: []))
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    object["checks"] = ["passed": 3, "failed": 1]
    let old = try JSONDecoder().decode(Summary.self, from: try JSONSerialization.data(withJSONObject: object))
    #expect(old.checks == CheckCounts(passed: 3, failed: 1))
    #expect(old.checkDetails == [])
    object["checks"] = nil
    let older = try JSONDecoder().decode(Summary.self, from: try JSONSerialization.data(withJSONObject: object))
    #expect(older.checks == CheckCounts())
    #expect(older.checkDetails == [])
  }
}
