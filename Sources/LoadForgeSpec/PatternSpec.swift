import LoadForgeConfig

/// `[load]`: the traffic pattern and the workload model.
///
/// Closed model (`model = "closed"`, the default): the pattern's values are concurrent virtual
/// users. Open model (`model = "arrival_rate"`, as k6's `ramping-arrival-rate`): the same
/// shapes and keys (`users`, `from`, `to`, `peak`, …) are iterations started per second, run by
/// a pool of `max_vus` pre-allocated VUs; an iteration that finds no free VU is dropped.
public struct LoadSpec: Sendable, Equatable {
  public var pattern: PatternSpec
  public var location: SourceLocation
  /// The workload model (`model`).
  public var model: Model = .closed
  /// `max_vus`: the open model's VU pool (nil in the closed model).
  public var maxVUs: Int?
  /// `tick`: how often the pattern is re-evaluated, µs (default 1 s, allowed 100 ms … 10 s).
  public var tickMicros: Int64 = LoadSpec.defaultTickMicros

  /// The default `tick`, and the range it may take, µs: shorter than 100 ms is churn without a
  /// visible gain, longer than 10 s lags every pattern by more than most stages last.
  public static let defaultTickMicros: Int64 = 1_000_000
  public static let tickRangeMicros: ClosedRange<Int64> = 100_000...10_000_000

  public init(pattern: PatternSpec, location: SourceLocation, model: Model = .closed, maxVUs: Int? = nil) {
    self.pattern = pattern
    self.location = location
    self.model = model
    self.maxVUs = maxVUs
  }

  /// `model`: how the pattern's values are read.
  public enum Model: String, Sendable, Equatable, CaseIterable {
    /// Concurrent virtual users (`"closed"`).
    case closed
    /// Iterations started per second (`"arrival_rate"`).
    case arrivalRate = "arrival_rate"
  }

  /// Keys of the `[load]` table itself, besides the pattern's (not allowed in a composite stage).
  public static let modelKeys = ["model", "max_vus", "tick"]
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
    // `rate` is the open model's spelling of `users`.
    case "constant": ["users", "rate", "duration"]
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
  static let countKeys = ["users", "rate", "from", "to", "steps", "step_size", "base", "peak", "sustain", "min", "max"]
  static let durationKeys = ["duration", "step_duration", "before", "ramp_up", "hold", "ramp_down", "period", "phase"]
}
