import Glibc

/// The one class each request lands in (HTTP-CASES C9); the classes sum to the total.
public enum RequestOutcome: String, CaseIterable, Codable, Sendable {
  /// A complete response with status 1xx (never final, RFC 9110 §15.2, so only a parser fed by
  /// the public API sees one) or 2xx.
  case success
  /// A complete 3xx response not followed (`follow_redirects` 0, its `Location` missing or on
  /// another origin, or the hop limit reached; HTTP-CASES C12). Not a failure, as in k6
  /// (`expected_response` covers 200–399), but counted apart from success.
  case http3xx = "http_3xx"
  case http4xx = "http_4xx"
  case http5xx = "http_5xx"
  /// A complete response that failed one of its task's `expect` checks or `capture`s, and would
  /// otherwise be a success (a 4xx/5xx keeps its own class). Timed like any complete response.
  case checkFailed = "check_failed"
  /// No TCP connection (or, for https, no finished TLS handshake) within `connect_timeout`.
  case connectTimeout = "connect_timeout"
  /// Connected, but no complete response within the request's `timeout` from the first write.
  case responseTimeout = "response_timeout"
  /// The server refused the connection (ECONNREFUSED: nothing listens on the port), or no route
  /// to it (EHOSTUNREACH, ENETUNREACH).
  case connectionRefused = "connection_refused"
  /// The connection broke before the response was complete: reset by the peer (ECONNRESET,
  /// EPIPE), or closed by it before or in the middle of the response.
  case connectionReset = "connection_reset"
  /// The host name did not resolve (getaddrinfo, or libcurl's resolver for https).
  case dnsFailure = "dns_failure"
  /// The TLS handshake failed: certificate not trusted or for another name, protocol mismatch.
  case tlsError = "tls_error"
  /// The response broke HTTP/1.1 framing (RFC 9112); the reason names the rule.
  case protocolError = "protocol_error"
  /// This machine ran out of something the request needed: file descriptors (EMFILE, ENFILE),
  /// ephemeral ports (EADDRNOTAVAIL), memory (ENOBUFS, ENOMEM). Not the server's fault.
  case clientLimit = "client_limit"
  /// In flight when the run ended: the drain's grace period expired, or a stop cut the drain
  /// short or aborted the run. Not a timeout (the request's own timeout had not passed) and not the
  /// server's fault; counted so that what the server saw is never missing from the totals.
  case aborted

  /// Class of a complete response by status code (RFC 9110 §15): 3xx is `http3xx` (a redirect
  /// not followed, HTTP-CASES C12), 4xx and 5xx fail, anything else is a success.
  @inlinable
  public static func classify(status: Int) -> RequestOutcome {
    switch status {
    case 500...: .http5xx
    case 400..<500: .http4xx
    case 300..<400: .http3xx
    default: .success
    }
  }

  /// Position in `allCases`, for dense per-class counters.
  @inlinable
  public var index: Int {
    switch self {
    case .success: 0
    case .http3xx: 1
    case .http4xx: 2
    case .http5xx: 3
    case .checkFailed: 4
    case .connectTimeout: 5
    case .responseTimeout: 6
    case .connectionRefused: 7
    case .connectionReset: 8
    case .dnsFailure: 9
    case .tlsError: 10
    case .protocolError: 11
    case .clientLimit: 12
    case .aborted: 13
    }
  }

  /// Number of classes (`allCases.count`), the stride of dense per-class counters.
  public static let count = 14

  /// Whether requests in this class count as failed: every class but `success` and `http3xx`.
  @inlinable
  public var isFailure: Bool { self != .success && self != .http3xx }

  /// The classes counted as failed (`isFailure`), in `allCases` order.
  public static let failureClasses: [RequestOutcome] = allCases.filter(\.isFailure)

  /// The class of a failed system call on a connection (connect, read, write): refused, reset,
  /// or out of a local resource. Anything else (EHOSTDOWN, ETIMEDOUT from the kernel's own
  /// retransmission timeout, …) is a broken connection too.
  /// - Parameter errno: the call's errno value.
  public static func classify(errno: Int32) -> RequestOutcome {
    switch errno {
    case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH: .connectionRefused
    case EMFILE, ENFILE, EADDRNOTAVAIL, ENOBUFS, ENOMEM: .clientLimit
    default: .connectionReset
    }
  }
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
    case .success, .http3xx, .http4xx, .http5xx, .checkFailed: true
    case .connectTimeout, .responseTimeout, .connectionRefused, .connectionReset, .dnsFailure, .tlsError,
      .protocolError, .clientLimit, .aborted:
      false
    }
  }
}
