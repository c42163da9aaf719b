import LoadForgeConfig
import LoadForgeSpec

extension PlanCompiler {
  /// The traffic pattern of `spec`, with `--users`/`--duration` applied where they have one meaning:
  ///
  /// | pattern   | `--users`          | `--duration`                 |
  /// | --------- | ------------------ | ---------------------------- |
  /// | constant  | users              | duration                     |
  /// | ramp      | to                 | duration                     |
  /// | spike     | peak               | duration (the total)         |
  /// | diurnal   | max                | duration (the total)         |
  /// | step      | — (see `overrideProblems`) | —                    |
  /// | composite | —                  | —                            |
  static func trafficPattern(_ spec: PatternSpec, overrides: LoadOverrides) -> TrafficPattern {
    func seconds(_ micros: Int64) -> Double { Double(micros) / 1_000_000 }
    let total = { (micros: Int64) in seconds(overrides.durationMicros ?? micros) }
    switch spec {
    case .constant(let users, let duration):
      return .constant(ConstantPattern(users: overrides.users ?? users, durationSeconds: total(duration)))
    case .ramp(let from, let to, let duration):
      return .ramp(RampPattern(from: from, to: overrides.users ?? to, durationSeconds: total(duration)))
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
          base: base, peak: overrides.users ?? peak, sustain: sustain, beforeSeconds: seconds(before),
          rampUpSeconds: seconds(rampUp), holdSeconds: seconds(hold), rampDownSeconds: seconds(rampDown),
          durationSeconds: total(duration)))
    case .diurnal(let min, let max, let period, let phase, let duration):
      return .diurnal(
        DiurnalPattern(
          min: min, max: overrides.users ?? max, periodSeconds: seconds(period), phaseSeconds: seconds(phase),
          durationSeconds: total(duration)))
    case .composite(let stages):
      return .composite(CompositePattern(stages: stages.map { trafficPattern($0, overrides: LoadOverrides()) }))
    }
  }

  /// `--users`/`--duration` given for a pattern where they have no single meaning (step,
  /// composite), or where the value they set breaks the pattern (a spike peak below its base or
  /// sustain, a spike shorter than its burst, a diurnal max below its min). Each is reported at
  /// the `[load]` table.
  static func overrideProblems(_ spec: LoadSpec, overrides: LoadOverrides) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    func problem(_ message: String, help: String) {
      problems.append(Diagnostic(message, at: spec.location, help: help))
    }
    let kind = spec.pattern.kindName
    switch spec.pattern {
    case .constant, .ramp:
      break
    case .step, .composite:
      let change = kind == "step" ? "from, step_size, step_duration, steps or to" : "the stages"
      if overrides.users != nil {
        problem("--users does not apply to pattern \(kind)", help: "change \(change) in the file")
      }
      if overrides.durationMicros != nil {
        problem("--duration does not apply to pattern \(kind)", help: "change \(change) in the file")
      }
    case .spike(let base, _, let sustain, let before, let rampUp, let hold, let rampDown, _):
      if let peak = overrides.users, peak < max(base, sustain, 1) {
        problem(
          "--users \(peak) is below the spike's base or sustain",
          help: "--users sets the spike's peak, at least \(max(base, sustain, 1))")
      }
      let burst = before + rampUp + hold + rampDown
      if let duration = overrides.durationMicros, duration < burst {
        problem(
          "--duration \(DurationParser.format(micros: duration)) is shorter than the spike's before + ramp_up + hold + ramp_down",
          help: "--duration sets the spike's total length, at least \(DurationParser.format(micros: burst))")
      }
    case .diurnal(let min, _, _, _, _):
      if let max = overrides.users, max < Swift.max(min, 1) {
        problem("--users \(max) is below the diurnal min (\(min))", help: "--users sets the diurnal max")
      }
    }
    return problems
  }
}
