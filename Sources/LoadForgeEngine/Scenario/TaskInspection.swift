import LoadForgeHTTP
import LoadForgeMetrics
import LoadForgePlan

/// What the worker does with a complete response to a task with `expect` checks or `capture`s:
/// its inspector, and the class the response lands in.
struct TaskInspection {
  let inspector: ResponseInspector
  /// Accepted ranges of each status check of the task (all must accept).
  let statusChecks: [[ClosedRange<Int>]]

  /// Nil when the task has neither checks nor captures (its responses are classified by
  /// status alone, on the worker's plain path).
  /// - Parameter maxBodyBytes: body bytes kept for the checks (`max_body_bytes`).
  init?(_ task: TaskPlan, maxBodyBytes: Int = 1 << 20) {
    guard !task.checks.isEmpty || !task.captures.isEmpty else { return nil }
    inspector = ResponseInspector(checks: task.checks, captures: task.captures, maxBodyBytes: maxBodyBytes)
    statusChecks = task.checks.filter { $0.kind == .status }.map(\.statusRanges)
  }

  /// Whether every status check accepts `status`; nil when the task has no status check.
  func statusAccepted(_ status: Int) -> Bool? {
    guard !statusChecks.isEmpty else { return nil }
    return statusChecks.allSatisfy { ranges in ranges.contains { $0.contains(status) } }
  }

  /// The class of a complete response with `status` (transport and protocol failures never get
  /// here). Precedence:
  /// 1. with a status check, a status it accepts is not an HTTP failure (`status = 404` makes a
  ///    404 a success); a status it rejects, or any status without a status check, is
  ///    classified as usual (`RequestOutcome.classify`: 4xx, 5xx, else success);
  /// 2. a response that is a success so far but failed any check or capture is `check_failed`.
  static func outcome(status: Int, statusAccepted: Bool?, checksFailed: Int) -> RequestOutcome {
    let byStatus: RequestOutcome = statusAccepted == true ? .success : RequestOutcome.classify(status: status)
    if byStatus == .success && checksFailed > 0 { return .checkFailed }
    return byStatus
  }
}
