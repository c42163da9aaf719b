import LoadForgeConfig
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

/// `PlanCompiler+Pattern`: spec → plan pattern, and what `--users`/`--duration` mean for each.
@Suite struct PlanCompilerPatternTests {
  static let at = SourceLocation(file: "t.toml", line: 2, column: 1)
  static let spike = PatternSpec.spike(
    base: 10, peak: 100, sustain: 20, beforeMicros: 1_000_000, rampUpMicros: 2_000_000, holdMicros: 3_000_000,
    rampDownMicros: 4_000_000, durationMicros: 30_000_000)
  static let diurnal = PatternSpec.diurnal(
    min: 5, max: 50, periodMicros: 600_000_000, phaseMicros: 1_500_000, durationMicros: 1_200_000_000)
  static let step = PatternSpec.step(from: 0, stepSize: 5, stepDurationMicros: 10_000_000, end: .steps(3))
  static let composite = PatternSpec.composite(stages: [
    .ramp(from: 0, to: 10, durationMicros: 30_000_000), .composite(stages: [step]),
  ])

  func messages(_ spec: PatternSpec, _ overrides: LoadOverrides) -> [String] {
    PlanCompiler.overrideProblems(LoadSpec(pattern: spec, location: Self.at), overrides: overrides).map {
      "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message) [\($0.help ?? "")]"
    }
  }

  @Test func mapsEverySpec() {
    let none = LoadOverrides()
    #expect(
      PlanCompiler.trafficPattern(Self.spike, overrides: none)
        == .spike(
          SpikePattern(
            base: 10, peak: 100, sustain: 20, beforeSeconds: 1, rampUpSeconds: 2, holdSeconds: 3, rampDownSeconds: 4,
            durationSeconds: 30)))
    #expect(
      PlanCompiler.trafficPattern(Self.diurnal, overrides: none)
        == .diurnal(DiurnalPattern(min: 5, max: 50, periodSeconds: 600, phaseSeconds: 1.5, durationSeconds: 1200)))
    // steps = 3 → to = 0 + (3 − 1)·5 = 10; to = 12 is kept as the cap.
    #expect(
      PlanCompiler.trafficPattern(Self.step, overrides: none)
        == .step(StepPattern(from: 0, to: 10, stepSize: 5, stepDurationSeconds: 10)))
    #expect(
      PlanCompiler.trafficPattern(
        .step(from: 2, stepSize: 5, stepDurationMicros: 500_000, end: .to(12)), overrides: none)
        == .step(StepPattern(from: 2, to: 12, stepSize: 5, stepDurationSeconds: 0.5)))
    #expect(
      PlanCompiler.trafficPattern(Self.composite, overrides: none)
        == .composite(
          CompositePattern(stages: [
            .ramp(RampPattern(from: 0, to: 10, durationSeconds: 30)),
            .composite(
              CompositePattern(stages: [.step(StepPattern(from: 0, to: 10, stepSize: 5, stepDurationSeconds: 10))])),
          ])))
  }

  @Test func usersAndDurationOverrideSpikePeakAndDiurnalMaxAndTheirTotals() {
    let overrides = LoadOverrides(users: 70, durationMicros: 60_000_000)
    guard case .spike(let spike) = PlanCompiler.trafficPattern(Self.spike, overrides: overrides),
      case .diurnal(let diurnal) = PlanCompiler.trafficPattern(Self.diurnal, overrides: overrides)
    else {
      Issue.record("kinds changed")
      return
    }
    #expect((spike.peak, spike.base, spike.sustain, spike.durationSeconds, spike.holdSeconds) == (70, 10, 20, 60, 3))
    #expect((diurnal.max, diurnal.min, diurnal.durationSeconds, diurnal.periodSeconds) == (70, 5, 60, 600))
    #expect(messages(Self.spike, overrides).isEmpty)
    #expect(messages(Self.diurnal, overrides).isEmpty)
  }

  @Test func overridesThatBreakAPatternAreReportedAtLoad() {
    // spike burst = 1 + 2 + 3 + 4 = 10 s; base 10, sustain 20.
    #expect(
      messages(Self.spike, LoadOverrides(users: 15, durationMicros: 9_000_000)) == [
        "2:1 --users 15 is below the spike's base or sustain [--users sets the spike's peak, at least 20]",
        "2:1 --duration 9s is shorter than the spike's before + ramp_up + hold + ramp_down "
          + "[--duration sets the spike's total length, at least 10s]",
      ])
    #expect(
      messages(Self.diurnal, LoadOverrides(users: 4)) == [
        "2:1 --users 4 is below the diurnal min (5) [--users sets the diurnal max]"
      ])
  }

  @Test func overridesWithoutOneMeaningAreReported() {
    let both = LoadOverrides(users: 5, durationMicros: 1_000_000)
    #expect(
      messages(Self.composite, both) == [
        "2:1 --users does not apply to pattern composite [change the stages in the file]",
        "2:1 --duration does not apply to pattern composite [change the stages in the file]",
      ])
    #expect(
      messages(Self.step, LoadOverrides(durationMicros: 1_000_000)) == [
        "2:1 --duration does not apply to pattern step [change from, step_size, step_duration, steps or to in the file]"
      ])
    #expect(messages(.constant(users: 1, durationMicros: 1_000_000), both).isEmpty)
    #expect(messages(Self.composite, LoadOverrides()).isEmpty)
  }
}
