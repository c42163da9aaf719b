/// The one class each request lands in (HTTP-CASES C9); the classes sum to the total.
public enum RequestOutcome: String, CaseIterable, Codable, Sendable {
  /// A complete response with status < 400.
  case success
  case http4xx = "http_4xx"
  case http5xx = "http_5xx"
  /// A complete response that failed one of its task's `expect` checks or `capture`s, and would
  /// otherwise be a success (a 4xx/5xx keeps its own class). Timed like any complete response.
  case checkFailed = "check_failed"
  /// No complete response within the timeout (connect or response).
  case timeout
  /// Refused, reset, unreachable, or closed before a complete response.
  case connectionError = "connection_error"
  /// The response broke HTTP/1.1 framing (RFC 9112).
  case protocolError = "protocol_error"
  /// In flight when the run ended: the drain's grace period expired, or a stop cut the drain
  /// short or aborted the run. Not a timeout (the request's own timeout had not passed) and not the
  /// server's fault; counted so that what the server saw is never missing from the totals.
  case aborted

  /// Class of a complete response by status code (RFC 9110 §15: 1xx–3xx are not failures;
  /// 3xx is not followed, so a redirect counts as success, HTTP-CASES C12).
  public static func classify(status: Int) -> RequestOutcome {
    switch status {
    case 500...: .http5xx
    case 400..<500: .http4xx
    default: .success
    }
  }

  /// Position in `allCases`, for dense per-class counters.
  @inlinable
  public var index: Int {
    switch self {
    case .success: 0
    case .http4xx: 1
    case .http5xx: 2
    case .checkFailed: 3
    case .timeout: 4
    case .connectionError: 5
    case .protocolError: 6
    case .aborted: 7
    }
  }

  /// Number of classes (`allCases.count`), the stride of dense per-class counters.
  public static let count = 8

  /// The classes counted as failed: every class but `success`, in `allCases` order.
  public static let failureClasses: [RequestOutcome] = allCases.filter { $0 != .success }

  /// Whether the request got a complete response (success, 4xx, 5xx, check failed), which is exactly when
  /// its latency goes into the latency histograms.
  ///
  /// Why the other classes are only counted:
  /// - a timeout's "latency" is the timeout we configured, not something the server did;
  ///   recording it would pin the upper percentiles to a config value;
  /// - connection and protocol errors usually fail within microseconds (refused, reset);
  ///   recording them would make latency look *better* the more the target fails;
  /// - an aborted request never finished: its "latency" is when the run happened to end.
  /// They stay visible beside the percentiles as error counts per class (HTTP-CASES C8, C9).
  /// A 4xx/5xx or a response failing a check is a real answer the server spent time on, so it
  /// is timed like a success; its failure shows in the error counts.
  @inlinable
  public var hasCompleteResponse: Bool {
    switch self {
    case .success, .http4xx, .http5xx, .checkFailed: true
    case .timeout, .connectionError, .protocolError, .aborted: false
    }
  }
}
