import LoadForgeConfig
import Testing

@testable import LoadForgeSpec

/// `[load]`: every pattern kind decodes, and every problem is reported at its own line:column.
@Suite struct SpecDecoderLoadTests {
  /// A config whose `[load]` table (at 2:2, the name in the header) holds `lines`, from line 3, column 1.
  func config(_ lines: String) -> String {
    "base_url = \"http://127.0.0.1:1\"\n[load]\n\(lines)\n\(minimalTasks)"
  }

  func pattern(_ lines: String) throws -> PatternSpec {
    try decode(config(lines)).get().load.pattern
  }

  // MARK: - Decoding

  @Test func decodesStepWithStepsOrTo() throws {
    #expect(
      try pattern("pattern = \"step\"\nfrom = 10\nstep_size = 10\nstep_duration = \"30s\"\nsteps = 5")
        == .step(from: 10, stepSize: 10, stepDurationMicros: 30_000_000, end: .steps(5)))
    // from defaults to 0.
    #expect(
      try pattern("pattern = \"step\"\nstep_size = 5\nstep_duration = \"1m\"\nto = 20")
        == .step(from: 0, stepSize: 5, stepDurationMicros: 60_000_000, end: .to(20)))
  }

  @Test func decodesSpikeWithDefaults() throws {
    // sustain defaults to base; before, ramp_up, ramp_down to 0s.
    #expect(
      try pattern("pattern = \"spike\"\nbase = 10\npeak = 200\nhold = \"20s\"\nduration = \"1m\"")
        == .spike(
          base: 10, peak: 200, sustain: 10, beforeMicros: 0, rampUpMicros: 0, holdMicros: 20_000_000,
          rampDownMicros: 0, durationMicros: 60_000_000))
    #expect(
      try pattern(
        """
        pattern = "spike"
        base = 10
        peak = 200
        sustain = 20
        before = "10s"
        ramp_up = "5s"
        hold = "20s"
        ramp_down = "0s"
        duration = "35s"
        """)
        == .spike(
          base: 10, peak: 200, sustain: 20, beforeMicros: 10_000_000, rampUpMicros: 5_000_000, holdMicros: 20_000_000,
          rampDownMicros: 0, durationMicros: 35_000_000))
  }

  @Test func decodesDiurnal() throws {
    #expect(
      try pattern("pattern = \"diurnal\"\nmin = 5\nmax = 50\nperiod = \"10m\"\nphase = \"1m\"\nduration = \"20m\"")
        == .diurnal(min: 5, max: 50, periodMicros: 600_000_000, phaseMicros: 60_000_000, durationMicros: 1_200_000_000))
  }

  @Test func decodesNestedComposite() throws {
    let spec = try pattern(
      """
      pattern = "composite"
      stages = [
        { pattern = "ramp", from = 0, to = 10, duration = "30s" },
        { users = 10, duration = "1m" },
        { pattern = "composite", stages = [{ pattern = "constant", users = 0, duration = "5s" }] },
      ]
      """)
    // A stage defaults to constant, like [load]; inside a composite a stage may idle at 0 users.
    #expect(
      spec
        == .composite(stages: [
          .ramp(from: 0, to: 10, durationMicros: 30_000_000), .constant(users: 10, durationMicros: 60_000_000),
          .composite(stages: [.constant(users: 0, durationMicros: 5_000_000)]),
        ]))
  }

  // MARK: - Diagnostics

  @Test func keyOfAnotherPattern() {
    #expect(
      problems(config("pattern = \"spike\"\nbase = 1\npeak = 5\nhold = \"1s\"\nduration = \"2s\"\nusers = 3")) == [
        "8:1 key \"users\" does not apply to pattern \"spike\" "
          + "[spike takes: base, peak, sustain, before, ramp_up, hold, ramp_down, duration]"
      ])
    #expect(
      problems(config("pattern = \"diurnal\"\nmin = 1\nmax = 5\nperiod = \"1s\"\nduration = \"2s\"\nhold = \"1s\""))
        == [
          "8:1 key \"hold\" does not apply to pattern \"diurnal\" [diurnal takes: min, max, period, phase, duration]"
        ])
  }

  @Test func missingRequiredKeysAreReportedAtTheTable() {
    #expect(
      problems(config("pattern = \"spike\"\nbase = 1\nduration = \"2s\"")) == [
        "2:2 missing required key \"peak\" in [load]"
      ])
    #expect(
      problems(config("pattern = \"diurnal\"\nmax = 5")) == [
        "2:2 missing required key \"min\" in [load]", "2:2 missing required key \"period\" in [load]",
        "2:2 missing required key \"duration\" in [load]",
      ])
    #expect(problems(config("pattern = \"composite\"")) == ["2:2 missing required key \"stages\" in [load]"])
  }

  @Test func zeroAndNegativeValues() {
    #expect(
      problems(config("pattern = \"step\"\nstep_size = 0\nstep_duration = \"0s\"\nsteps = 0")) == [
        "4:13 step_size must be between 1 and 10000000, got 0", "5:17 step_duration must be greater than 0",
        "6:9 steps must be between 1 and 10000000, got 0",
      ])
    #expect(
      problems(
        config(
          "pattern = \"spike\"\nbase = -1\npeak = 5\nbefore = \"-1s\"\nramp_up = 0\nhold = \"1s\"\nduration = \"2s\""))
        == [
          "4:8 base must be between 0 and 10000000, got -1", "6:10 before must be 0s or more",
          "7:11 ramp_up needs a unit [write \"0s\"]",
        ])
    #expect(
      problems(config("pattern = \"diurnal\"\nmin = 0\nmax = 0\nperiod = \"0s\"\nduration = \"1s\"")) == [
        "5:7 max must be between 1 and 10000000, got 0", "6:10 period must be greater than 0",
      ])
  }

  @Test func spikeDurationTooShort() {
    // before 5 s + ramp_up 5 s + hold 10 s + ramp_down 5 s = 25 s > 20 s.
    #expect(
      problems(
        config(
          """
          pattern = "spike"
          base = 1
          peak = 5
          before = "5s"
          ramp_up = "5s"
          hold = "10s"
          ramp_down = "5s"
          duration = "20s"
          """)) == [
          "10:12 spike duration 20s is shorter than before + ramp_up + hold + ramp_down = 25s "
            + "[set duration to at least 25s]"
        ])
  }

  @Test func spikePeakBelowBaseOrSustain() {
    #expect(
      problems(config("pattern = \"spike\"\nbase = 10\npeak = 5\nhold = \"1s\"\nduration = \"1s\"")) == [
        "5:8 peak (5) is below base (10) [a spike climbs from base to peak]"
      ])
    #expect(
      problems(config("pattern = \"spike\"\nbase = 1\npeak = 5\nsustain = 9\nhold = \"1s\"\nduration = \"1s\"")) == [
        "5:8 peak (5) is below sustain (9) [a spike settles from peak down to sustain]"
      ])
  }

  @Test func diurnalMaxBelowMin() {
    #expect(
      problems(config("pattern = \"diurnal\"\nmin = 10\nmax = 5\nperiod = \"1m\"\nduration = \"2m\"")) == [
        "5:7 max (5) is below min (10) [the wave runs between min and max users]"
      ])
  }

  @Test func stepTakesStepsOrToButNotBoth() {
    #expect(
      problems(config("pattern = \"step\"\nstep_size = 1\nstep_duration = \"1s\"\nto = 5\nsteps = 3")) == [
        "7:1 step takes steps or to, not both [steps = N runs N levels; to = U climbs until U users]"
      ])
    #expect(
      problems(config("pattern = \"step\"\nstep_size = 1\nstep_duration = \"1s\"")) == [
        "2:2 missing \"steps\" or \"to\" in [load] [steps = N runs N levels of step_duration; to = U climbs until U users]"
      ])
    #expect(
      problems(config("pattern = \"step\"\nfrom = 10\nstep_size = 1\nstep_duration = \"1s\"\nto = 5")) == [
        "7:6 to (5) is below from (10) [a step pattern climbs; for a descent use a composite of constant stages]"
      ])
    #expect(
      problems(config("pattern = \"step\"\nstep_size = 1\nstep_duration = \"1s\"\nsteps = 1")) == [
        "2:2 a step pattern that stays at 0 users sends no requests [raise steps or to, or start from > 0]"
      ])
  }

  @Test func compositeStagesAreCheckedWhereTheyAre() {
    #expect(
      problems(config("pattern = \"composite\"\nstages = []")) == [
        "4:10 stages is empty [add a stage, e.g. { pattern = \"constant\", users = 10, duration = \"30s\" }]"
      ])
    #expect(
      problems(config("pattern = \"composite\"\nstages = 3")) == [
        "4:10 stages must be an array of tables, found integer"
      ])
    // Every bad stage in one pass, each at its own place, with the same checks as [load].
    #expect(
      problems(
        config(
          """
          pattern = "composite"
          stages = [
            { pattern = "ramp", from = 0, to = 10, duration = "30" },
            { pattern = "spike", base = 1, peak = 5, hold = "1s" },
            { userz = 3, duration = "1s" },
            { pattern = "composite", stages = [{ pattern = "wave" }, { users = 1, to = 2, duration = "1s" }] },
            5,
          ]
          """)) == [
          "5:53 invalid duration \"30\" [use a number with a unit: 500ms, 30s, 5m, 1h]",
          "6:3 missing required key \"duration\" in stage 2 of [load]",
          "7:5 unknown key \"userz\" in stage 3 of [load] [did you mean \"users\"?]",
          "8:50 unknown pattern \"wave\" [known patterns: constant, ramp, step, spike, diurnal, composite]",
          "8:73 key \"to\" does not apply to pattern \"constant\" [constant takes: users, rate, duration]",
          "9:3 stage 5 of [load] must be a table, found integer",
        ])
  }

  @Test func aCompositeThatNeverRunsAUserIsAnError() {
    #expect(
      problems(config("pattern = \"composite\"\nstages = [{ users = 0, duration = \"1s\" }]")) == [
        "4:10 every stage has 0 users, so the pattern sends no requests [give at least one stage users > 0]"
      ])
  }

  @Test func unknownPatternStillChecksTheNewKeys() {
    #expect(
      problems(config("pattern = \"spiek\"\npeak = \"lots\"\nhold = 5")) == [
        "3:11 unknown pattern \"spiek\" [did you mean \"spike\"?]",
        "4:8 peak must be a non-negative integer, found string",
        "5:8 hold needs a unit [write \"5s\" or \"5ms\" (units: ms, s, m, h)]",
      ])
  }
}
