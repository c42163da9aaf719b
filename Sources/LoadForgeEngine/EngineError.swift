/// A run could not start or go on: unsupported scheme, DNS failure, file-descriptor limit, ….
///
/// `message` is a complete sentence fragment meant for the terminal (`error: \(message)`).
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
