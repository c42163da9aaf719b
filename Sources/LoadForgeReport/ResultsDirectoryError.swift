/// A results directory could not be created or written.
public struct ResultsDirectoryError: Error, Equatable, CustomStringConvertible {
  /// What we tried, e.g. `create results directory`.
  public var operation: String
  /// The file or directory concerned.
  public var path: String
  /// The system's reason (`strerror`), e.g. `Permission denied`.
  public var reason: String

  public init(operation: String, path: String, reason: String) {
    self.operation = operation
    self.path = path
    self.reason = reason
  }

  public var description: String { "cannot \(operation) \(path): \(reason)" }
}
