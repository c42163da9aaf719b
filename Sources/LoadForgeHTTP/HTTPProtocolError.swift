/// Why a response could not be parsed. `reason` is a short human-readable cause.
public struct HTTPProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable {
    /// Not `HTTP/1.x` SP 3DIGIT with a status code of 100–599 (RFC 9112 §4, RFC 9110 §15);
    /// raised at the first byte that cannot start a valid status line (e.g. `<` of an HTML page).
    case invalidStatusLine
    /// A malformed header or trailer section (RFC 9112 §5), raised at its first invalid byte.
    case invalidHeader
    case headTooLarge, invalidContentLength, invalidChunk
    /// EOF inside the body; never a success.
    case incompleteBody
    /// EOF inside the head, or before any byte (`ResponseParser.hasReceivedBytes` tells which).
    case incompleteHead
    case tooManyInterimResponses
    /// `101 Switching Protocols` to a request that asked for no upgrade (RFC 9110 §15.2.2: a
    /// server MUST NOT switch protocols unless the client asked).
    case unsolicitedSwitchingProtocols
  }
  public var kind: Kind
  public var reason: String
  public init(_ kind: Kind, _ reason: String) {
    self.kind = kind
    self.reason = reason
  }
  public var description: String { "\(kind.rawValue): \(reason)" }
}
