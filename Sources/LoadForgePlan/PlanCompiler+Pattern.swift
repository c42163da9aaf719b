import LoadForgeConfig
import LoadForgeSpec

extension PlanCompiler {
  /// The traffic pattern of `spec` with the command-line flags applied: `--pattern` replaces
  /// it (`LoadOverrides.flagPattern()`), otherwise each flag adjusts it where it has one meaning
  /// (`adjusted(_:by:)`). Flags that do not apply are reported by `overrideProblems`.
  static func trafficPattern(_ spec: PatternSpec, overrides: LoadOverrides) -> TrafficPattern {
    if overrides.pattern != nil, let flagged = try? overrides.flagPattern() { return plan(of: flagged) }
    return plan(of: adjusted(spec, by: overrides))
  }

  /// `spec` with the flags applied where they have one meaning (flags beat the file):
  ///
  /// | pattern   | `--users` (`--rate`)                         | other flags                                  |
  /// | --------- | -------------------------------------------- | -------------------------------------------- |
  /// | constant  | users                                        | `--duration`                                 |
  /// | ramp      | from with `--ramp-to`, else to               | `--ramp-to` to, `--duration`                 |
  /// | step      | from with `--ramp-to`, else —                | `--ramp-to` to, `--step-size`, `--step-duration` |
  /// | spike     | base with `--peak`, else peak                | `--peak`, `--duration` (the total)           |
  /// | diurnal   | min with `--peak`, else max                  | `--peak` max, `--period`, `--duration` (the total) |
  /// | composite | —                                            | — (its stages stay in the file)              |
  static func adjusted(_ spec: PatternSpec, by o: LoadOverrides) -> PatternSpec {
    let total = { (micros: Int64) in o.durationMicros ?? micros }
    switch spec {
    case .constant(let users, let duration):
      return .constant(users: o.level ?? users, durationMicros: total(duration))
    case .ramp(let from, let to, let duration):
      if let rampTo = o.rampTo { return .ramp(from: o.level ?? from, to: rampTo, durationMicros: total(duration)) }
      return .ramp(from: from, to: o.level ?? to, durationMicros: total(duration))
    case .step(let from, let stepSize, let stepDuration, let end):
      return .step(
        from: o.rampTo == nil ? from : o.level ?? from, stepSize: o.stepSize ?? stepSize,
        stepDurationMicros: o.stepDurationMicros ?? stepDuration, end: o.rampTo.map { .to($0) } ?? end)
    case .spike(let base, let peak, let sustain, let before, let rampUp, let hold, let rampDown, let duration):
      return .spike(
        base: o.peak == nil ? base : o.level ?? base, peak: o.peak ?? o.level ?? peak, sustain: sustain,
        beforeMicros: before, rampUpMicros: rampUp, holdMicros: hold, rampDownMicros: rampDown,
        durationMicros: total(duration))
    case .diurnal(let min, let max, let period, let phase, let duration):
      return .diurnal(
        min: o.peak == nil ? min : o.level ?? min, max: o.peak ?? o.level ?? max,
        periodMicros: o.periodMicros ?? period, phaseMicros: phase, durationMicros: total(duration))
    case .composite:
      return spec
    }
  }

  /// The plan's pattern for a spec, durations in seconds.
  static func plan(of spec: PatternSpec) -> TrafficPattern {
    func seconds(_ micros: Int64) -> Double { Double(micros) / 1_000_000 }
    switch spec {
    case .constant(let users, let duration):
      return .constant(ConstantPattern(users: users, durationSeconds: seconds(duration)))
    case .ramp(let from, let to, let duration):
      return .ramp(RampPattern(from: from, to: to, durationSeconds: seconds(duration)))
    case .step(let from, let stepSize, let stepDuration, let end):
      let stepSeconds = seconds(stepDuration)
      switch end {
      case .steps(let steps):
        return .step(StepPattern(from: from, stepSize: stepSize, stepDurationSeconds: stepSeconds, steps: steps))
      case .to(let to):
        return .step(StepPattern(from: from, to: to, stepSize: stepSize, stepDurationSeconds: stepSeconds))
      }
    case .spike(let base, let peak, let sustain, let before, let rampUp, let hold, let rampDown, let duration):
      return .spike(
        SpikePattern(
          base: base, peak: peak, sustain: sustain, beforeSeconds: seconds(before), rampUpSeconds: seconds(rampUp),
          holdSeconds: seconds(hold), rampDownSeconds: seconds(rampDown), durationSeconds: seconds(duration)))
    case .diurnal(let min, let max, let period, let phase, let duration):
      return .diurnal(
        DiurnalPattern(
          min: min, max: max, periodSeconds: seconds(period), phaseSeconds: seconds(phase),
          durationSeconds: seconds(duration)))
    case .composite(let stages):
      return .composite(CompositePattern(stages: stages.map(plan(of:))))
    }
  }

  /// The flags that adjust a file's pattern of `kind` (`adjusted(_:by:)`); `--users`/`--rate`
  /// adjust a step only together with `--ramp-to`.
  static func adjustingFlags(_ kind: String, _ o: LoadOverrides) -> [String] {
    switch kind {
    case "constant": ["--users", "--rate", "--duration"]
    case "ramp": ["--users", "--rate", "--ramp-to", "--duration"]
    case "step": (o.rampTo == nil ? [] : ["--users", "--rate"]) + ["--ramp-to", "--step-size", "--step-duration"]
    case "spike": ["--users", "--rate", "--peak", "--duration"]
    case "diurnal": ["--users", "--rate", "--peak", "--period", "--duration"]
    default: []
    }
  }

  /// Load flags that cannot be applied, each reported at the `[load]` table: `--rate` with the
  /// closed model; with `--pattern`, what `LoadOverrides.flagPattern()` rejects; without it, a
  /// flag with no single meaning for the file's pattern (composite takes none), or a value that
  /// breaks the pattern (a spike peak below its base or sustain, a spike shorter than its burst,
  /// a diurnal max below its min, or whatever else `TrafficPattern.validate()` finds).
  static func overrideProblems(_ spec: LoadSpec, overrides o: LoadOverrides) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    func problem(_ message: String, help: String? = nil) {
      problems.append(Diagnostic(message, at: spec.location, help: help))
    }
    if o.rate != nil, spec.model == .closed {
      problem(
        "--rate applies to the open model", help: "[load] has no model = \"arrival_rate\"; --users sets VUs")
    }
    if o.users != nil, o.rate != nil { problem("give --users or --rate, not both") }
    if o.pattern != nil {
      do { _ = try o.flagPattern() } catch { error.messages.forEach { problem($0) } }
      return problems
    }
    let kind = spec.pattern.kindName
    let applicable = adjustingFlags(kind, o)
    for flag in o.givenFlags where !applicable.contains(flag) {
      let help =
        switch kind {
        case "step": "change from, step_size, step_duration, steps or to in the file"
        case "composite": "change the stages in the file"
        default:
          "pattern \(kind) takes \(applicable.filter { $0 != "--rate" }.joined(separator: ", ")); "
            + "--pattern replaces it"
        }
      problem("\(flag) does not apply to pattern \(kind)", help: help)
    }
    guard problems.isEmpty else { return problems }
    let before = problems.count
    switch spec.pattern {
    case .spike(let base, _, let sustain, let before, let rampUp, let hold, let rampDown, _):
      let newBase = o.peak == nil ? base : o.level ?? base
      let flag = o.peak == nil ? o.levelFlag : "--peak"
      if let peak = o.peak ?? o.level, peak < max(newBase, sustain, 1) {
        problem(
          "\(flag) \(peak) is below the spike's base or sustain",
          help: "\(flag) sets the spike's peak, at least \(max(newBase, sustain, 1))")
      }
      let burst = before + rampUp + hold + rampDown
      if let duration = o.durationMicros, duration < burst {
        problem(
          "--duration \(DurationParser.format(micros: duration)) is shorter than the spike's before + ramp_up + hold + ramp_down",
          help: "--duration sets the spike's total length, at least \(DurationParser.format(micros: burst))")
      }
    case .diurnal(let min, _, _, _, _):
      let newMin = o.peak == nil ? min : o.level ?? min
      let flag = o.peak == nil ? o.levelFlag : "--peak"
      if let max = o.peak ?? o.level, max < Swift.max(newMin, 1) {
        problem("\(flag) \(max) is below the diurnal min (\(newMin))", help: "\(flag) sets the diurnal max")
      }
    default:
      break
    }
    guard problems.count == before, !o.givenFlags.isEmpty else { return problems }
    if let broken = plan(of: adjusted(spec.pattern, by: o)).validate().first {
      problem(
        "\(o.flag(forField: broken.field)) breaks the \(kind) pattern: \(broken.message)",
        help: "flags beat the file; check the flag's value against the file's other \(kind) settings")
    }
    return problems
  }
}
