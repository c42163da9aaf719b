import LoadForgeConfig

/// A value together with the place in the config it came from.
public struct Located<Value: Sendable & Equatable>: Sendable, Equatable {
  public var value: Value
  public var location: SourceLocation

  public init(_ value: Value, at location: SourceLocation) {
    self.value = value
    self.location = location
  }
}
