import CCurl
import LoadForgeMetrics

/// The request class of a failed curl transfer (its `CURLcode`), the same classes a plain HTTP
/// request lands in (HTTP-CASES C9).
enum CurlOutcome {
  /// - Parameters:
  ///   - code: the transfer's result, not `CURLE_OK`.
  ///   - connected: whether the transfer had an established connection (TLS handshake done, or
  ///     a reused one) when it failed: a timeout then is a response timeout, else a connect one.
  static func classify(_ code: CURLcode, connected: Bool) -> RequestOutcome {
    switch code {
    case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
      return .dnsFailure
    case CURLE_COULDNT_CONNECT:
      return .connectionRefused
    case CURLE_OPERATION_TIMEDOUT:
      return connected ? .responseTimeout : .connectTimeout
    case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
      CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
      CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
      CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT,
      CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED:
      return .tlsError
    case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
      return .connectionReset
    case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING, CURLE_TOO_MANY_REDIRECTS,
      CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_UNSUPPORTED_PROTOCOL, CURLE_RANGE_ERROR,
      CURLE_FILESIZE_EXCEEDED:
      return .protocolError
    case CURLE_OUT_OF_MEMORY:
      return .clientLimit
    default:
      return .connectionReset
    }
  }

  /// The class by what curl's text says when its code is too coarse, so a server fault lands in
  /// the class it has over plain HTTP: curl reports a bad chunk size or an unknown HTTP version
  /// as a receive error (CURLE_RECV_ERROR, "Illegal or missing hexadecimal sequence in
  /// chunked-encoding", "Unsupported HTTP version in response"), which is a framing error
  /// (`protocolError`); and a reset during the TLS handshake as a TLS error (CURLE_SSL_CONNECT_ERROR,
  /// "Recv failure: Connection reset by peer"), which is the peer resetting (`connectionReset`).
  static func refine(_ outcome: RequestOutcome, text: String) -> RequestOutcome {
    switch outcome {
    case .connectionReset, .tlsError:
      if text.contains("reset by peer") || text.contains("Broken pipe") { return .connectionReset }
      if outcome == .connectionReset
        && (text.contains("chunked-encoding") || text.contains("HTTP version") || text.contains("Weird server reply")
          || text.contains("Header without colon") || text.contains("Invalid status line"))
      {
        return .protocolError
      }
      return outcome
    default:
      return outcome
    }
  }

  /// curl's text as a reason for the error table: without the elapsed time curl puts in it
  /// ("Connection timed out after 1001 milliseconds", "Failed to connect to … after 0 ms"), so one
  /// cause is one row, and with what to do for the usual TLS mistakes.
  static func reason(_ text: String, outcome: RequestOutcome) -> String {
    var reason = text
    // " after 1001 milliseconds" / " after 0 ms" (with the number), wherever it appears.
    while let after = reason.range(of: " after ") {
      let rest = reason[after.upperBound...]
      let digits = rest.prefix { $0.isNumber }
      guard !digits.isEmpty else { break }
      let unitStart = rest.index(rest.startIndex, offsetBy: digits.count)
      let unit = rest[unitStart...]
      let unitLength = unit.hasPrefix(" milliseconds") ? 13 : unit.hasPrefix(" ms") ? 3 : 0
      guard unitLength > 0 else { break }
      reason.removeSubrange(after.lowerBound..<rest.index(unitStart, offsetBy: unitLength))
    }
    if outcome == .tlsError {
      if reason.contains("unable to get local issuer certificate") || reason.contains("self-signed certificate")
        || reason.contains("self signed certificate")
      {
        reason += " — trust the server's CA with [tls] ca_file = \"ca.pem\" (or [tls] insecure = true)"
      } else if reason.contains("wrong version number") {
        reason += " — is the server plain HTTP? then use an http:// base_url"
      } else if reason.contains("does not match target host name")
        || reason.contains("no alternative certificate subject name")
      {
        reason += " — the certificate is for another name than base_url's host"
      }
    }
    return reason
  }

  /// `classify(_:connected:)` by the code's number (curl.h), for callers that do not import
  /// CCurl: a Swift file importing it hides Glibc's socket constants from its whole module's
  /// other files in some build batches (a duplicate of <sys/socket.h> in the CCurl module).
  static func classify(code: UInt32, connected: Bool) -> RequestOutcome {
    classify(CURLcode(rawValue: code), connected: connected)
  }

  /// curl's short text for `code` (`curl_easy_strerror`), e.g. "SSL peer certificate or SSH
  /// remote key was not OK".
  static func text(_ code: CURLcode) -> String {
    String(cString: curl_easy_strerror(code))
  }
}
