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

/// The pattern kinds this version understands, with their parameters (counts in virtual
/// users, durations in µs). The curves are documented on the plan's pattern types
/// (`StepPattern`, `SpikePattern`, …).
public enum PatternSpec: Sendable, Equatable {
  case constant(users: Int, durationMicros: Int64)
  case ramp(from: Int, to: Int, durationMicros: Int64)
  /// `from` for the first step, + `stepSize` every `stepDurationMicros`, until `end`.
  case step(from: Int, stepSize: Int, stepDurationMicros: Int64, end: StepEnd)
  case spike(
    base: Int, peak: Int, sustain: Int, beforeMicros: Int64, rampUpMicros: Int64, holdMicros: Int64,
    rampDownMicros: Int64, durationMicros: Int64)
  case diurnal(min: Int, max: Int, periodMicros: Int64, phaseMicros: Int64, durationMicros: Int64)
  /// Stages run in sequence; each is any pattern, composites included.
  case composite(stages: [PatternSpec])

  /// How a step pattern ends: after `steps` levels, or at the level that reaches `to` users.
  public enum StepEnd: Sendable, Equatable {
    case steps(Int)
    case to(Int)
  }

  public var kindName: String {
    switch self {
    case .constant: "constant"
    case .ramp: "ramp"
    case .step: "step"
    case .spike: "spike"
    case .diurnal: "diurnal"
    case .composite: "composite"
    }
  }

  /// The largest user count any parameter names (0 means the pattern never runs a VU).
  public var maxUsers: Int {
    switch self {
    case .constant(let users, _): users
    case .ramp(let from, let to, _): Swift.max(from, to)
    case .step(let from, let stepSize, _, .steps(let steps)): from + (steps - 1) * stepSize
    case .step(let from, _, _, .to(let to)): Swift.max(from, to)
    case .spike(let base, let peak, let sustain, _, _, _, _, _): Swift.max(base, peak, sustain)
    case .diurnal(let min, let max, _, _, _): Swift.max(min, max)
    case .composite(let stages): stages.map(\.maxUsers).max() ?? 0
    }
  }

  public static let kindNames = ["constant", "ramp", "step", "spike", "diurnal", "composite"]

  /// The `[load]` keys each pattern takes, besides `pattern`.
  public static func keys(of kind: String) -> [String] {
    switch kind {
    case "constant": ["users", "duration"]
    case "ramp": ["from", "to", "duration"]
    case "step": ["from", "step_size", "step_duration", "steps", "to"]
    case "spike": ["base", "peak", "sustain", "before", "ramp_up", "hold", "ramp_down", "duration"]
    case "diurnal": ["min", "max", "period", "phase", "duration"]
    case "composite": ["stages"]
    default: []
    }
  }

  /// Every key a `[load]` table (or a composite stage) may hold.
  public static let configKeys: [String] = kindNames.reduce(into: ["pattern"]) { keys, kind in
    for key in Self.keys(of: kind) where !keys.contains(key) { keys.append(key) }
  }

  /// Keys holding a user count, and keys holding a duration (for checking values of an unknown pattern).
  static let countKeys = ["users", "from", "to", "steps", "step_size", "base", "peak", "sustain", "min", "max"]
  static let durationKeys = ["duration", "step_duration", "before", "ramp_up", "hold", "ramp_down", "period", "phase"]
}
