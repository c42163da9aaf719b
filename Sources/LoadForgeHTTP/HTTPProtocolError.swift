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
