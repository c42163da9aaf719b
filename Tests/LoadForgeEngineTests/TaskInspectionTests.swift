import LoadForgeMetrics
import LoadForgePlan
import Testing

@testable import LoadForgeEngine

@Suite struct TaskInspectionTests {
  /// (status, status check accepts it (nil: no status check), failed checks) → class.
  @Test(arguments: [
    (200, Bool?.none, 0, RequestOutcome.success),
    (200, nil, 1, .checkFailed),
    (404, nil, 0, .http4xx),
    (404, nil, 2, .http4xx),
    (503, nil, 1, .http5xx),
    // The status check decides 4xx/5xx: accepted, a 404 is a success …
    (404, true, 0, .success),
    // … unless another check failed.
    (404, true, 1, .checkFailed),
    (503, true, 0, .success),
    // Rejected: the HTTP class stays; a rejected 2xx is a check failure.
    (503, false, 1, .http5xx),
    (404, false, 1, .http4xx),
    (201, false, 1, .checkFailed),
    (302, true, 0, .success),
  ])
  func outcomePrecedence(status: Int, accepted: Bool?, failed: Int, expected: RequestOutcome) {
    #expect(TaskInspection.outcome(status: status, statusAccepted: accepted, checksFailed: failed) == expected)
  }

  @Test func statusAcceptedNeedsEveryStatusCheck() throws {
    let request = RequestPlan(method: "GET", target: "/", headers: [], body: [], timeoutMicros: 1_000_000)
    var task = TaskPlan(name: "t", weight: 1, endpoint: 0, request: request, thinkTime: .none)
    #expect(TaskInspection(task) == nil)
    task.checks = [CheckPlan(kind: .bodyContains, expected: "ok", description: "body contains \"ok\"")]
    #expect(try #require(TaskInspection(task)).statusAccepted(500) == nil)
    task.checks.append(CheckPlan(kind: .status, statusRanges: [200...299, 404...404], description: "status 2xx, 404"))
    let one = try #require(TaskInspection(task))
    #expect(one.statusAccepted(204) == true)
    #expect(one.statusAccepted(404) == true)
    #expect(one.statusAccepted(400) == false)
    task.checks.append(CheckPlan(kind: .status, statusRanges: [200...200], description: "status 200"))
    let two = try #require(TaskInspection(task))
    #expect(two.statusAccepted(200) == true)
    #expect(two.statusAccepted(404) == false)
  }
}
