/// Why a `[[data]]` file could not be read: `reason` completes "cannot read data file X: …".
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var reason: String

  public init(_ reason: String) {
    self.reason = reason
  }

  public var description: String { reason }
}
