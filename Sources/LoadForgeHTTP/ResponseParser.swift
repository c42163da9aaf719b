/// Incremental HTTP/1.1 response parser with no I/O (RFC 9112, RFC 9110 §15.2).
///
/// Usage per connection: call `expectResponse(toMethod:)` before each request's response, then
/// `feed(_:)` every chunk of bytes read from the socket (any split point is fine) until it returns
/// `.complete` or `.failed`; on EOF call `feedEOF()`. Bytes after a complete response (pipelining,
/// or a server that wrote early) are not consumed: `.complete(_, consumed:)` says how many were.
public struct ResponseParser: Sendable {
  public struct Limits: Sendable {
    /// Largest status line + headers accepted, bytes (default 64 KiB).
    public var maxHeadBytes: Int
    /// Interim (1xx) responses skipped before a final one (default 8).
    public var maxInterimResponses: Int
    public init(maxHeadBytes: Int = 64 * 1024, maxInterimResponses: Int = 8) {
      self.maxHeadBytes = maxHeadBytes
      self.maxInterimResponses = maxInterimResponses
    }
  }

  public init(limits: Limits = Limits()) {}

  /// Resets state for the response to a request sent with `method` (HEAD responses have no body).
  public mutating func expectResponse(toMethod method: String) {
    fatalError("not implemented yet")
  }

  /// Feeds the next bytes received.
  public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> ParseEvent {
    fatalError("not implemented yet")
  }

  /// Convenience for tests.
  public mutating func feed(_ bytes: [UInt8]) -> ParseEvent {
    bytes.withUnsafeBytes { feed($0) }
  }

  /// The peer closed the connection (read returned 0). Completes a close-delimited body,
  /// otherwise fails with an incomplete-message error.
  public mutating func feedEOF() -> ParseEvent {
    fatalError("not implemented yet")
  }

  /// True once any byte of the current response has been received (used to tell a stale
  /// keep-alive connection, closed before answering, from a failure mid-response).
  public var hasReceivedBytes: Bool { false }
}

/// What the parser reports after each `feed`.
public enum ParseEvent: Sendable, Equatable {
  /// Waiting for more bytes.
  case needMore
  /// A final response is complete; `consumed` bytes of the last input belonged to it.
  case complete(ResponseSummary, consumed: Int)
  /// The bytes violate HTTP/1.1 framing; the connection must be closed.
  case failed(HTTPProtocolError)
}

/// The parts of a response a load tester needs.
public struct ResponseSummary: Sendable, Equatable {
  /// Final status code (1xx interim responses are skipped).
  public var status: Int
  /// HTTP minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
  public var minorVersion: Int
  /// Whether the connection may be reused (RFC 9112 §9.3; false after a close-delimited body).
  public var keepAlive: Bool
  /// Bytes of status line and headers (including interim responses), and of the body on the wire.
  public var headBytes: Int
  public var bodyBytes: Int
  /// `Keep-Alive: timeout=N` seconds, when the server sent one.
  public var keepAliveTimeoutSeconds: Int?

  public init(
    status: Int, minorVersion: Int, keepAlive: Bool, headBytes: Int, bodyBytes: Int,
    keepAliveTimeoutSeconds: Int? = nil
  ) {
    self.status = status
    self.minorVersion = minorVersion
    self.keepAlive = keepAlive
    self.headBytes = headBytes
    self.bodyBytes = bodyBytes
    self.keepAliveTimeoutSeconds = keepAliveTimeoutSeconds
  }
}

/// Why a response could not be parsed. `reason` is a short human-readable cause.
public struct HTTPProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable {
    case invalidStatusLine, invalidHeader, headTooLarge, invalidContentLength, invalidChunk
    case incompleteBody, incompleteHead, tooManyInterimResponses
  }
  public var kind: Kind
  public var reason: String
  public init(_ kind: Kind, _ reason: String) {
    self.kind = kind
    self.reason = reason
  }
  public var description: String { "\(kind.rawValue): \(reason)" }
}
