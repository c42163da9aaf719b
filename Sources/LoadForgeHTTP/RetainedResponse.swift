/// The parts of a final response kept for `expect` checks and `capture`s: its head and the
/// first bytes of its content (chunked framing removed). Only requested when a task needs them.
public struct RetainedResponse: Sendable, Equatable {
  public var status: Int
  /// Status line and header fields of the final response (interim 1xx responses excluded),
  /// CRLFs included, without the empty line that ends the head.
  public var head: [UInt8]
  /// Content, after removing chunked framing; at most the limit given to
  /// `ResponseParser.retainNextResponse(maxBodyBytes:)`.
  public var body: [UInt8]
  /// Whether the content was longer than `body`.
  public var bodyTruncated: Bool

  public init(status: Int, head: [UInt8], body: [UInt8], bodyTruncated: Bool) {
    self.status = status
    self.head = head
    self.body = body
    self.bodyTruncated = bodyTruncated
  }

  /// The value of header `name` (case-insensitive, RFC 9110 §5.1), optional whitespace
  /// trimmed (§5.5); several fields with that name are joined with `, ` (§5.3). Nil when absent.
  public func headerValue(_ name: String) -> String? {
    fatalError("TODO(C1): implement")
  }
}
