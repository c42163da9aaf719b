/// What `ResponseParser` reports after each `feed(_:)` or `feedEOF()`.
public enum ParseEvent: Sendable, Equatable {
  /// Waiting for more bytes.
  case needMore
  /// A final response is complete; `consumed` bytes of the last input belonged to it (interim
  /// 1xx responses included). The rest of that input is the start of the next response.
  case complete(ResponseSummary, consumed: Int)
  /// The bytes violate HTTP/1.1 framing; the connection must be closed.
  case failed(HTTPProtocolError)
}
