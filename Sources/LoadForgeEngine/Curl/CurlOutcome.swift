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
