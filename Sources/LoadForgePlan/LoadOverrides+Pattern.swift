import LoadForgeSpec

/// Command-line load flags that are missing, out of place or invalid: every problem found in one
/// pass, each message naming its flag.
public struct LoadOverrideError: Error, Sendable, Equatable, CustomStringConvertible {
  /// One line per problem, in the order the flags are checked (conflicts, flags the pattern does
  /// not read, missing flags, then values that break the pattern).
  public var messages: [String]

  public init(_ message: String) { messages = [message] }

  public init(messages: [String]) { self.messages = messages }

  /// Every problem, one per line.
  public var message: String { messages.joined(separator: "\n") }

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
  /// - Throws: `LoadOverrideError` with every problem at once: `--users` with `--rate`, each flag
  ///   the kind does not read, each missing flag, then (when the flags are complete) each flag
  ///   whose value breaks the pattern (`TrafficPattern.validate()`).
  public func flagPattern() throws(LoadOverrideError) -> PatternSpec? {
    guard let kind = pattern else { return nil }
    let name = "--pattern \(kind.rawValue)"
    var problems: [String] = []
    if users != nil, rate != nil { problems.append("give --users or --rate, not both") }
    for flag in givenFlags where !Self.flags(of: kind).contains(flag) {
      problems.append("\(flag) does not apply to \(name) (it reads \(Self.flagList(kind)))")
    }
    func required<T>(_ value: T?, _ flag: String, _ role: String) -> T? {
      if value == nil { problems.append("\(name) needs \(flag) (\(role))") }
      return value
    }
    var spec: PatternSpec?
    switch kind {
    case .constant:
      let users = required(level, "--users", "the users, or --rate in the open model")
      let total = required(durationMicros, "--duration", "how long it runs")
      if let users, let total { spec = .constant(users: users, durationMicros: total) }
    case .ramp:
      let to = required(rampTo, "--ramp-to", "the users at the end")
      let total = required(durationMicros, "--duration", "how long the ramp takes")
      if let to, let total { spec = .ramp(from: level ?? 0, to: to, durationMicros: total) }
    case .step:
      let size = required(stepSize, "--step-size", "users added per step")
      let stepMicros = required(stepDurationMicros, "--step-duration", "how long each step lasts")
      var end: PatternSpec.StepEnd?
      switch (rampTo, durationMicros) {
      case (let to?, nil): end = .to(to)
      case (nil, let total?):
        let step = max(1, stepMicros ?? 1)
        end = .steps(Int(max(1, (total + step - 1) / step)))
      case (.some, .some): problems.append("\(name) takes --ramp-to or --duration, not both")
      case (nil, nil):
        problems.append("\(name) needs --ramp-to (the last step's users) or --duration (the total)")
      }
      if let size, let stepMicros, let end {
        spec = .step(from: level ?? 0, stepSize: size, stepDurationMicros: stepMicros, end: end)
      }
    case .spike:
      let base = required(level, "--users", "the base and settle level")
      let top = required(peak, "--peak", "the users at the top of the burst")
      let total = required(durationMicros, "--duration", "the spike's total length")
      if let base, let top, let total {
        spec = .spike(
          base: base, peak: top, sustain: base, beforeMicros: 0, rampUpMicros: 0, holdMicros: total / 2,
          rampDownMicros: 0, durationMicros: total)
      }
    case .diurnal:
      let top = required(peak, "--peak", "the daily maximum")
      let total = required(durationMicros, "--duration", "how long it runs")
      if let top, let total {
        spec = .diurnal(
          min: level ?? 0, max: top, periodMicros: periodMicros ?? total, phaseMicros: 0, durationMicros: total)
      }
    }
    guard problems.isEmpty, let spec else { throw LoadOverrideError(messages: problems) }
    let invalid = PlanCompiler.trafficPattern(spec, overrides: LoadOverrides()).validate()
    guard invalid.isEmpty else {
      throw LoadOverrideError(messages: invalid.map { "\(flag(forField: $0.field)): \($0.message) (\(name))" })
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
