import LoadForgeHTTP
import LoadForgePlan

/// Evaluates a task's `expect` checks and `capture`s on a response. Built once per task at
/// worker start (JSONPaths parsed, regular expressions compiled); `inspect` allocates only
/// when it must read the body.
struct ResponseInspector {
  /// The outcome of inspecting one response.
  struct Result: Equatable {
    var checksPassed = 0
    var checksFailed = 0
    /// Description of the first failed check or capture (`status 2xx (got 503)`), for error tables.
    var firstFailure: String?
    /// Variable slot and new value (UTF-8) of each capture that matched.
    var captured: [(variable: Int, value: [UInt8])] = []

    static func == (a: Result, b: Result) -> Bool {
      a.checksPassed == b.checksPassed && a.checksFailed == b.checksFailed && a.firstFailure == b.firstFailure
        && a.captured.map(\.variable) == b.captured.map(\.variable)
        && a.captured.map(\.value) == b.captured.map(\.value)
    }
  }

  /// Whether the task has anything to inspect.
  let isEmpty: Bool
  /// Whether a check or capture reads headers or body (then the parser must retain the response).
  let needsResponse: Bool
  /// Whether one of the checks is a status check (it then decides if a 4xx/5xx is a failure).
  let hasStatusCheck: Bool
  /// Content bytes to retain (default 1 MiB): checks and captures see at most this much.
  let maxBodyBytes: Int

  init(checks: [CheckPlan], captures: [CapturePlan], maxBodyBytes: Int = 1 << 20) {
    // TODO(C1): compile.
    isEmpty = checks.isEmpty && captures.isEmpty
    needsResponse = false
    hasStatusCheck = checks.contains { $0.kind == .status }
    self.maxBodyBytes = maxBodyBytes
  }

  /// Evaluates every check and capture on a complete response with `status`; `response` is the
  /// retained response when `needsResponse`, else nil.
  func inspect(status: Int, response: RetainedResponse?) -> Result {
    fatalError("TODO(C1): implement")
  }
}
