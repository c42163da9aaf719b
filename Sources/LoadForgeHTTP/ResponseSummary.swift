/// The parts of a response a load tester needs.
public struct ResponseSummary: Sendable, Equatable {
  /// Final status code (1xx interim responses are skipped).
  public var status: Int
  /// HTTP minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
  public var minorVersion: Int
  /// Whether the connection may be reused (RFC 9112 §9.3; false after a close-delimited body,
  /// a `close` token, HTTP/1.0 without `keep-alive`, a requested `101`, or framing that RFC 9112 §6.1/§6.3
  /// says to treat as faulty: Transfer-Encoding with Content-Length, or in an HTTP/1.0 response).
  public var keepAlive: Bool
  /// Bytes of status line and headers on the wire, interim (1xx) responses included.
  public var headBytes: Int
  /// Bytes of the body on the wire: for chunked bodies this includes chunk-size lines,
  /// extensions, CRLFs and trailers (what bytes-received counters want, HTTP-CASES C14).
  public var bodyBytes: Int
  /// `Keep-Alive: timeout=N` in seconds, when the server sent one.
  public var keepAliveTimeoutSeconds: Int?
  /// Bytes of content after removing chunked framing (equal to `bodyBytes` unless chunked).
  /// Still content-coded: a gzip body counts its compressed bytes.
  public var contentBytes: Int

  public init(
    status: Int, minorVersion: Int, keepAlive: Bool, headBytes: Int, bodyBytes: Int,
    keepAliveTimeoutSeconds: Int? = nil, contentBytes: Int? = nil
  ) {
    self.status = status
    self.minorVersion = minorVersion
    self.keepAlive = keepAlive
    self.headBytes = headBytes
    self.bodyBytes = bodyBytes
    self.keepAliveTimeoutSeconds = keepAliveTimeoutSeconds
    self.contentBytes = contentBytes ?? bodyBytes
  }
}
