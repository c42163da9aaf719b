import LoadForgeSpec

/// Command-line overrides of the file's load settings (flags beat the file).
///
/// With `pattern` set, the flags describe a whole pattern that replaces the file's
/// (`flagPattern()`); without it, each flag adjusts the file's pattern where it has one meaning
/// (`PlanCompiler.trafficPattern(_:overrides:)`).
public struct LoadOverrides: Sendable, Equatable {
  /// `--pattern KIND`: replace the file's pattern with one built from the flags.
  public var pattern: Kind?
  /// `--users N`: a constant pattern's users; the start (ramp `from`, step `from`, spike `base`,
  /// diurnal `min`) when the end has its own flag, else the end (ramp `to`, spike `peak`, diurnal `max`).
  public var users: Int?
  /// `--rate N`, iterations/s: the open model's spelling of `--users`.
  public var rate: Int?
  /// `--ramp-to N`: a ramp's `to`, a step's `to`.
  public var rampTo: Int?
  /// `--step-size N`: a step's `step_size`.
  public var stepSize: Int?
  /// `--step-duration D`, µs: a step's `step_duration`.
  public var stepDurationMicros: Int64?
  /// `--peak N`: a spike's `peak`, a diurnal `max`.
  public var peak: Int?
  /// `--period D`, µs: a diurnal `period`.
  public var periodMicros: Int64?
  /// `--duration D`, µs: the pattern's total duration.
  public var durationMicros: Int64?

  /// The patterns `--pattern` can build (composite stays in the file).
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    case constant, ramp, step, spike, diurnal
  }

  public init(
    pattern: Kind? = nil, users: Int? = nil, rate: Int? = nil, rampTo: Int? = nil, stepSize: Int? = nil,
    stepDurationMicros: Int64? = nil, peak: Int? = nil, periodMicros: Int64? = nil, durationMicros: Int64? = nil
  ) {
    self.pattern = pattern
    self.users = users
    self.rate = rate
    self.rampTo = rampTo
    self.stepSize = stepSize
    self.stepDurationMicros = stepDurationMicros
    self.peak = peak
    self.periodMicros = periodMicros
    self.durationMicros = durationMicros
  }

  /// `--users`, else `--rate`: the level flag, VUs or iterations/s by the model.
  public var level: Int? { users ?? rate }

  /// The flag that gave `level`, for messages.
  var levelFlag: String { users == nil && rate != nil ? "--rate" : "--users" }

  /// A flag that was given, by name, in the order `--help` lists them.
  public var givenFlags: [String] {
    var flags: [String] = []
    if users != nil { flags.append("--users") }
    if rate != nil { flags.append("--rate") }
    if rampTo != nil { flags.append("--ramp-to") }
    if stepSize != nil { flags.append("--step-size") }
    if stepDurationMicros != nil { flags.append("--step-duration") }
    if peak != nil { flags.append("--peak") }
    if periodMicros != nil { flags.append("--period") }
    if durationMicros != nil { flags.append("--duration") }
    return flags
  }
}
