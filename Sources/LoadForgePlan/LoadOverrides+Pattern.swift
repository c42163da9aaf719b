import LoadForgeSpec

/// A command-line load flag that is missing, out of place or invalid; the message names the flag.
public struct LoadOverrideError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

extension LoadOverrides {
  /// The flags each `--pattern` kind reads, in `--help` order (`--rate` stands for `--users`).
  public static func flags(of kind: Kind) -> [String] {
    switch kind {
    case .constant: ["--users", "--rate", "--duration"]
    case .ramp: ["--users", "--rate", "--ramp-to", "--duration"]
    case .step: ["--users", "--rate", "--ramp-to", "--step-size", "--step-duration", "--duration"]
    case .spike: ["--users", "--rate", "--peak", "--duration"]
    case .diurnal: ["--users", "--rate", "--peak", "--period", "--duration"]
    }
  }

  /// The pattern `--pattern` describes, in the config's vocabulary; nil without `--pattern`.
  ///
  /// | `--pattern` | required                              | optional (default)                      |
  /// | ----------- | ------------------------------------- | --------------------------------------- |
  /// | constant    | `--users`, `--duration`               |                                         |
  /// | ramp        | `--ramp-to`, `--duration`             | `--users` = from (0)                    |
  /// | step        | `--step-size`, `--step-duration`, and `--ramp-to` (to) or `--duration` (⌈duration / step⌉ steps) | `--users` = from (0) |
  /// | spike       | `--users` (base and sustain), `--peak`, `--duration` | hold: half the duration, no ramps |
  /// | diurnal     | `--peak` (max), `--duration`          | `--users` = min (0), `--period` (the duration) |
  ///
  /// `--rate` may stand for `--users` (open model). The spike's hold default is the config's
  /// (half of the time the ramps leave).
  /// - Throws: `LoadOverrideError` naming a missing flag, a flag the kind does not read, or the
  ///   flag whose value breaks the pattern (`TrafficPattern.validate()`).
  public func flagPattern() throws(LoadOverrideError) -> PatternSpec? {
    guard let kind = pattern else { return nil }
    let name = "--pattern \(kind.rawValue)"
    if users != nil, rate != nil { throw LoadOverrideError("give --users or --rate, not both") }
    for flag in givenFlags where !Self.flags(of: kind).contains(flag) {
      throw LoadOverrideError("\(flag) does not apply to \(name) (it reads \(Self.flagList(kind)))")
    }
    func required<T>(_ value: T?, _ flag: String, _ role: String) throws(LoadOverrideError) -> T {
      guard let value else { throw LoadOverrideError("\(name) needs \(flag) (\(role))") }
      return value
    }
    let spec: PatternSpec
    switch kind {
    case .constant:
      spec = .constant(
        users: try required(level, "--users", "the users, or --rate in the open model"),
        durationMicros: try required(durationMicros, "--duration", "how long it runs"))
    case .ramp:
      spec = .ramp(
        from: level ?? 0, to: try required(rampTo, "--ramp-to", "the users at the end"),
        durationMicros: try required(durationMicros, "--duration", "how long the ramp takes"))
    case .step:
      let size = try required(stepSize, "--step-size", "users added per step")
      let stepMicros = try required(stepDurationMicros, "--step-duration", "how long each step lasts")
      let end: PatternSpec.StepEnd
      switch (rampTo, durationMicros) {
      case (let to?, nil): end = .to(to)
      case (nil, let total?): end = .steps(Int(max(1, (total + max(1, stepMicros) - 1) / max(1, stepMicros))))
      case (.some, .some): throw LoadOverrideError("\(name) takes --ramp-to or --duration, not both")
      case (nil, nil):
        throw LoadOverrideError("\(name) needs --ramp-to (the last step's users) or --duration (the total)")
      }
      spec = .step(from: level ?? 0, stepSize: size, stepDurationMicros: stepMicros, end: end)
    case .spike:
      let base = try required(level, "--users", "the base and settle level")
      let total = try required(durationMicros, "--duration", "the spike's total length")
      spec = .spike(
        base: base, peak: try required(peak, "--peak", "the users at the top of the burst"), sustain: base,
        beforeMicros: 0, rampUpMicros: 0, holdMicros: total / 2, rampDownMicros: 0, durationMicros: total)
    case .diurnal:
      let total = try required(durationMicros, "--duration", "how long it runs")
      spec = .diurnal(
        min: level ?? 0, max: try required(peak, "--peak", "the daily maximum"),
        periodMicros: periodMicros ?? total, phaseMicros: 0, durationMicros: total)
    }
    let problems = PlanCompiler.trafficPattern(spec, overrides: LoadOverrides()).validate()
    if let first = problems.first {
      throw LoadOverrideError("\(flag(forField: first.field)): \(first.message) (\(name))")
    }
    return spec
  }

  /// The flag that sets a pattern field when the flags build the pattern.
  func flag(forField field: String) -> String {
    switch field {
    case "users", "from", "base", "sustain", "min": levelFlag
    case "to": "--ramp-to"
    case "peak", "max": "--peak"
    case "step_size": "--step-size"
    case "step_duration": "--step-duration"
    case "period": "--period"
    default: "--duration"
    }
  }

  static func flagList(_ kind: Kind) -> String {
    let flags = flags(of: kind)
    return flags.dropLast().joined(separator: ", ") + " and " + (flags.last ?? "")
  }
}
