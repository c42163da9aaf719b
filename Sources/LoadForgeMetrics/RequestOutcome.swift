/// The one class each request lands in (HTTP-CASES C9); the classes sum to the total.
public enum RequestOutcome: String, CaseIterable, Codable, Sendable {
  /// A complete response with status < 400.
  case success
  case http4xx = "http_4xx"
  case http5xx = "http_5xx"
  /// No complete response within the timeout (connect or response).
  case timeout
  /// Refused, reset, unreachable, or closed before a complete response.
  case connectionError = "connection_error"
  /// The response broke HTTP/1.1 framing (RFC 9112).
  case protocolError = "protocol_error"

  /// Class of a complete response by status code.
  public static func classify(status: Int) -> RequestOutcome {
    switch status {
    case 500...: .http5xx
    case 400..<500: .http4xx
    default: .success
    }
  }

  /// Position in `allCases`, for dense per-class counters.
  public var index: Int { RequestOutcome.allCases.firstIndex(of: self)! }
}
