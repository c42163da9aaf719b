import LoadForgeConfig

/// `[load]`: the traffic pattern (closed model: concurrent virtual users).
public struct LoadSpec: Sendable, Equatable {
  public var pattern: PatternSpec
  public var location: SourceLocation
  public init(pattern: PatternSpec, location: SourceLocation) {
    self.pattern = pattern
    self.location = location
  }
}

/// The pattern kinds this version understands, with their parameters (durations in µs).
public enum PatternSpec: Sendable, Equatable {
  case constant(users: Int, durationMicros: Int64)
  case ramp(from: Int, to: Int, durationMicros: Int64)

  public var kindName: String {
    switch self {
    case .constant: "constant"
    case .ramp: "ramp"
    }
  }

  public static let kindNames = ["constant", "ramp"]
}
