/// Why a response could not be parsed. `reason` is a short human-readable cause; `description`
/// (what the engine shows as the "protocol error" reason) leads with the kind's `summary`, e.g.
/// `header too large: response head larger than the 65536-byte limit`.
public struct HTTPProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// Not `HTTP/1.x` SP 3DIGIT with a status code of 100–599 (RFC 9112 §4, RFC 9110 §15);
    /// raised at the first byte that cannot start a valid status line (e.g. `<` of an HTML page).
    case invalidStatusLine
    /// A malformed header or trailer section (RFC 9112 §5), raised at its first invalid byte.
    case invalidHeader
    /// A head (status line and fields, each 1xx head counted alone) or a trailer section longer
    /// than `ResponseParser.Limits.maxHeadBytes`.
    case headTooLarge
    /// A malformed Content-Length, or several that disagree (RFC 9110 §8.6, RFC 9112 §6.3
    /// item 5), on a response that may have a body.
    case invalidContentLength
    /// Broken chunked framing (RFC 9112 §7.1): a bad chunk size, extension or line end.
    case invalidChunk
    /// EOF inside the body; never a success.
    case incompleteBody
    /// EOF inside the head, or before any byte (`ResponseParser.hasReceivedBytes` tells which).
    case incompleteHead
    /// More interim (1xx) responses than `ResponseParser.Limits.maxInterimResponses`.
    case tooManyInterimResponses
    /// `101 Switching Protocols` to a request that asked for no upgrade (RFC 9110 §15.2.2: a
    /// server MUST NOT switch protocols unless the client asked).
    case unsolicitedSwitchingProtocols
    /// A response retained for checks and captures with `RetentionOverflow.fail` had more content
    /// than its limit (`ResponseParser.Limits.maxRetainedBodyBytes` by default). Responses that
    /// are not retained are never limited.
    case bodyTooLarge

    /// A few words naming the problem for a person reading an error report.
    public var summary: String {
      switch self {
      case .invalidStatusLine: "invalid status line"
      case .invalidHeader: "malformed header"
      case .headTooLarge: "header too large"
      case .invalidContentLength: "invalid Content-Length"
      case .invalidChunk: "malformed chunked body"
      case .incompleteBody: "incomplete body"
      case .incompleteHead: "incomplete response head"
      case .tooManyInterimResponses: "too many 1xx interim responses"
      case .unsolicitedSwitchingProtocols: "unrequested 101 Switching Protocols"
      case .bodyTooLarge: "body too large"
      }
    }
  }
  public var kind: Kind
  public var reason: String
  public init(_ kind: Kind, _ reason: String) {
    self.kind = kind
    self.reason = reason
  }
  /// `summary: reason`, e.g. `incomplete body: connection closed after 63 of 64 body bytes`.
  public var description: String { "\(kind.summary): \(reason)" }
}
