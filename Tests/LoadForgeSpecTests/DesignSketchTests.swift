import LoadForgeConfig
import LoadForgeSpec
import Testing

/// The config sketch of DESIGN.md §4 is valid as written: a spike without `hold` and the
/// `capture = { token = "$.token" }` shorthand.
@Suite struct DesignSketchTests {
  static let sketch = """
    name = "shop"
    base_url = "http://127.0.0.1:8080"
    [load]
    pattern = "composite"
    stages = [
      { pattern = "ramp", from = 0, to = 50, duration = "1m" },
      { pattern = "constant", users = 50, duration = "3m" },
      { pattern = "spike", base = 50, peak = 400, sustain = 80, duration = "2m" },
    ]
    [[scenarios]]
    name = "browse"
      [[scenarios.setup]]
      name = "login"
      method = "POST"
      path = "/login"
      capture = { token = "$.token" }
      [[scenarios.tasks]]
      path = "/products"
      headers = { Authorization = "Bearer ${vu.token}" }
      expect = { status = 200 }
    """

  @Test func theSketchDecodes() throws {
    let spec = try decode(Self.sketch).get()
    guard case .composite(let stages) = spec.load.pattern, stages.count == 3 else {
      Issue.record("expected a composite of 3 stages, got \(spec.load.pattern)")
      return
    }
    // No hold: half of the 2 min that before (0 s) and the ramps (0 s) leave, so the other
    // half runs at sustain.
    #expect(
      stages[2]
        == .spike(
          base: 50, peak: 400, sustain: 80, beforeMicros: 0, rampUpMicros: 0, holdMicros: 60_000_000,
          rampDownMicros: 0, durationMicros: 120_000_000))
    let capture = try #require(spec.scenarios.first?.setup.first?.captures.first)
    #expect(capture.name.value == "token")
    #expect(capture.source == .json)
    #expect(capture.expression.value == "$.token")
  }

  @Test func holdDefaultsToHalfOfWhatTheRampsLeave() throws {
    let spec = try decode(
      """
      base_url = "http://127.0.0.1:8080"
      [load]
      pattern = "spike"
      base = 5
      peak = 20
      before = "10s"
      ramp_up = "2s"
      ramp_down = "4s"
      duration = "40s"
      """ + "\n" + minimalTasks
    ).get()
    // (40 − 10 − 2 − 4) / 2 = 12 s at peak, then 12 s at sustain (= base).
    #expect(
      spec.load.pattern
        == .spike(
          base: 5, peak: 20, sustain: 5, beforeMicros: 10_000_000, rampUpMicros: 2_000_000, holdMicros: 12_000_000,
          rampDownMicros: 4_000_000, durationMicros: 40_000_000))
  }

  @Test func withoutHoldTheDurationMustLeaveTimeAtPeak() {
    #expect(
      problems(
        """
        base_url = "http://127.0.0.1:8080"
        [load]
        pattern = "spike"
        base = 5
        peak = 20
        before = "10s"
        duration = "10s"
        """ + "\n" + minimalTasks)
        == [
          "7:12 spike duration leaves no time at peak after before + ramp_up + ramp_down = 10s "
            + "[make duration longer, or give hold]"
        ])
  }

  @Test func aCaptureStringThatIsNotAJSONPathIsAnError() {
    #expect(
      problems(
        """
        base_url = "http://127.0.0.1:8080"
        [load]
        users = 1
        duration = "1s"
        [[scenarios]]
          [[scenarios.tasks]]
          path = "/"
          capture = { token = "token" }
        """)
        == [
          "8:23 capture \"token\" must be a JSONPath (\"$.token\") or a table [say where the value comes from: "
            + "{ json = \"$.path\" }, { regex = \"…\" } or { header = \"Name\" }]"
        ])
  }
}
