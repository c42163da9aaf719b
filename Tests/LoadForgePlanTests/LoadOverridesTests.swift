import LoadForgeConfig
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

/// `LoadOverrides.flagPattern()` (`--pattern` and its flags) and how the flags adjust a file's
/// pattern (`PlanCompiler.adjusted`, `overrideProblems`).
@Suite struct LoadOverridesTests {
  static let at = SourceLocation(file: "t.toml", line: 2, column: 1)

  func flagged(_ o: LoadOverrides) -> Result<PatternSpec?, LoadOverrideError> {
    Result { () throws(LoadOverrideError) in try o.flagPattern() }
  }

  @Test func flagsBuildEachKind() {
    #expect(
      flagged(LoadOverrides(pattern: .constant, users: 3, durationMicros: 5_000_000))
        == .success(.constant(users: 3, durationMicros: 5_000_000)))
    #expect(
      flagged(LoadOverrides(pattern: .ramp, users: 5, rampTo: 20, durationMicros: 30_000_000))
        == .success(.ramp(from: 5, to: 20, durationMicros: 30_000_000)))
    #expect(
      flagged(LoadOverrides(pattern: .ramp, rampTo: 20, durationMicros: 30_000_000))
        == .success(.ramp(from: 0, to: 20, durationMicros: 30_000_000)), "from defaults to 0")
    // ⌈25 s / 10 s⌉ = 3 steps.
    #expect(
      flagged(LoadOverrides(pattern: .step, stepSize: 5, stepDurationMicros: 10_000_000, durationMicros: 25_000_000))
        == .success(.step(from: 0, stepSize: 5, stepDurationMicros: 10_000_000, end: .steps(3))))
    #expect(
      flagged(LoadOverrides(pattern: .step, users: 2, rampTo: 12, stepSize: 5, stepDurationMicros: 1_000_000))
        == .success(.step(from: 2, stepSize: 5, stepDurationMicros: 1_000_000, end: .to(12))))
    #expect(
      flagged(LoadOverrides(pattern: .spike, users: 2, peak: 10, durationMicros: 20_000_000))
        == .success(
          .spike(
            base: 2, peak: 10, sustain: 2, beforeMicros: 0, rampUpMicros: 0, holdMicros: 10_000_000,
            rampDownMicros: 0, durationMicros: 20_000_000)))
    #expect(
      flagged(LoadOverrides(pattern: .diurnal, peak: 50, durationMicros: 600_000_000))
        == .success(.diurnal(min: 0, max: 50, periodMicros: 600_000_000, phaseMicros: 0, durationMicros: 600_000_000)))
    #expect(
      flagged(LoadOverrides(pattern: .constant, rate: 40, durationMicros: 1_000_000))
        == .success(.constant(users: 40, durationMicros: 1_000_000)), "--rate stands for --users")
    #expect(flagged(LoadOverrides(users: 3)) == .success(nil), "no --pattern: nothing to build")
  }

  @Test(arguments: [
    (
      LoadOverrides(pattern: .step, stepDurationMicros: 1_000_000, durationMicros: 5_000_000),
      "--pattern step needs --step-size (users added per step)"
    ),
    (
      LoadOverrides(pattern: .step, stepSize: 1, stepDurationMicros: 1_000_000),
      "--pattern step needs --ramp-to (the last step's users) or --duration (the total)"
    ),
    (
      LoadOverrides(pattern: .constant, durationMicros: 1_000_000),
      "--pattern constant needs --users (the users, or --rate in the open model)"
    ),
    (
      LoadOverrides(pattern: .ramp, users: 1, durationMicros: 1_000_000),
      "--pattern ramp needs --ramp-to (the users at the end)"
    ),
    (
      LoadOverrides(pattern: .spike, peak: 9, durationMicros: 1_000_000),
      "--pattern spike needs --users (the base and settle level)"
    ),
    (
      LoadOverrides(pattern: .diurnal, users: 1, peak: 9),
      "--pattern diurnal needs --duration (how long it runs)"
    ),
    (
      LoadOverrides(pattern: .constant, users: 3, peak: 9, durationMicros: 1_000_000),
      "--peak does not apply to --pattern constant (it reads --users, --rate and --duration)"
    ),
    (
      LoadOverrides(pattern: .diurnal, users: 10, peak: 5, durationMicros: 1_000_000),
      "--peak: max must be > 0 and ≥ min (10), got 5 (--pattern diurnal)"
    ),
  ])
  func missingOrMisplacedFlagsAreNamed(overrides: LoadOverrides, message: String) {
    #expect(flagged(overrides) == .failure(LoadOverrideError(message)))
  }

  /// Every missing and misplaced flag at once, in the order: conflicts, misplaced, missing.
  @Test func everyProblemIsReportedInOnePass() {
    #expect(
      flagged(LoadOverrides(pattern: .step, users: 5))
        == .failure(
          LoadOverrideError(messages: [
            "--pattern step needs --step-size (users added per step)",
            "--pattern step needs --step-duration (how long each step lasts)",
            "--pattern step needs --ramp-to (the last step's users) or --duration (the total)",
          ])))
    #expect(
      flagged(LoadOverrides(pattern: .constant, users: 3, rate: 4, peak: 9, periodMicros: 1_000_000))
        == .failure(
          LoadOverrideError(messages: [
            "give --users or --rate, not both",
            "--peak does not apply to --pattern constant (it reads --users, --rate and --duration)",
            "--period does not apply to --pattern constant (it reads --users, --rate and --duration)",
            "--pattern constant needs --duration (how long it runs)",
          ])))
    #expect(
      flagged(LoadOverrides(pattern: .spike))
        == .failure(
          LoadOverrideError(messages: [
            "--pattern spike needs --users (the base and settle level)",
            "--pattern spike needs --peak (the users at the top of the burst)",
            "--pattern spike needs --duration (the spike's total length)",
          ])))
    let error = LoadOverrideError(messages: ["a", "b"])
    #expect(error.message == "a\nb")
  }

  @Test func flagsAdjustTheFilesPatternWhereTheyHaveOneMeaning() {
    let ramp = PatternSpec.ramp(from: 0, to: 10, durationMicros: 10_000_000)
    #expect(
      PlanCompiler.adjusted(ramp, by: LoadOverrides(users: 7)) == .ramp(from: 0, to: 7, durationMicros: 10_000_000))
    #expect(
      PlanCompiler.adjusted(ramp, by: LoadOverrides(users: 7, rampTo: 30))
        == .ramp(from: 7, to: 30, durationMicros: 10_000_000), "--users is the start when --ramp-to gives the end")
    let step = PatternSpec.step(from: 0, stepSize: 5, stepDurationMicros: 10_000_000, end: .steps(3))
    #expect(
      PlanCompiler.adjusted(step, by: LoadOverrides(stepSize: 2, stepDurationMicros: 1_000_000))
        == .step(from: 0, stepSize: 2, stepDurationMicros: 1_000_000, end: .steps(3)))
    let diurnal = PatternSpec.diurnal(
      min: 5, max: 50, periodMicros: 600_000_000, phaseMicros: 0, durationMicros: 1_200_000_000)
    #expect(
      PlanCompiler.adjusted(diurnal, by: LoadOverrides(users: 1, peak: 9, periodMicros: 60_000_000))
        == .diurnal(min: 1, max: 9, periodMicros: 60_000_000, phaseMicros: 0, durationMicros: 1_200_000_000))
    let replaced = PlanCompiler.trafficPattern(
      .composite(stages: [ramp]), overrides: LoadOverrides(pattern: .constant, users: 4, durationMicros: 2_000_000))
    #expect(replaced == .constant(ConstantPattern(users: 4, durationSeconds: 2)), "--pattern replaces a composite")
  }

  @Test func flagsThatCannotApplyAreReportedAtLoad() {
    func messages(_ spec: PatternSpec, _ o: LoadOverrides, model: LoadSpec.Model = .closed) -> [String] {
      PlanCompiler.overrideProblems(LoadSpec(pattern: spec, location: Self.at, model: model), overrides: o).map {
        "\($0.message) [\($0.help ?? "")]"
      }
    }
    let constant = PatternSpec.constant(users: 2, durationMicros: 1_000_000)
    #expect(
      messages(constant, LoadOverrides(periodMicros: 1_000_000)) == [
        "--period does not apply to pattern constant [pattern constant takes --users, --duration; "
          + "--pattern replaces it]"
      ])
    #expect(
      messages(constant, LoadOverrides(rate: 5)) == [
        "--rate applies to the open model [[load] has no model = \"arrival_rate\"; --users sets VUs]"
      ])
    #expect(messages(constant, LoadOverrides(rate: 5), model: .arrivalRate).isEmpty)
    let ramp = PatternSpec.ramp(from: 0, to: 10, durationMicros: 10_000_000)
    #expect(
      messages(ramp, LoadOverrides(users: 20, rampTo: 5)).isEmpty, "a ramp down is a ramp")
    let step = PatternSpec.step(from: 0, stepSize: 5, stepDurationMicros: 10_000_000, end: .steps(3))
    #expect(
      messages(step, LoadOverrides(users: 2, rampTo: 1)) == [
        "--ramp-to breaks the step pattern: to must be ≥ from (2), got 1 "
          + "[flags beat the file; check the flag's value against the file's other step settings]"
      ])
  }
}
