import Testing

@testable import LoadForgePlan

/// `SpikePattern`: base, linear climb, peak, linear settle, sustain; the end value at the end.
@Suite struct SpikePatternTests {
  /// base 10 → peak 200 → sustain 20; before 10 s, ramp_up 5 s, hold 10 s, ramp_down 5 s, 60 s in all.
  /// Phases: base [0, 10), climb [10, 15), peak [15, 25), settle [25, 30), sustain [30, 60].
  static let spike = SpikePattern(
    base: 10, peak: 200, sustain: 20, beforeSeconds: 10, rampUpSeconds: 5, holdSeconds: 10, rampDownSeconds: 5,
    durationSeconds: 60)

  @Test(
    arguments: [
      (-0.1, 0.0),  // before the start
      (0, 10),  // base
      (9.5, 10),  // base
      (10, 10),  // climb starts: 10 + 190·0/5
      (12, 86),  // 10 + 190·2/5 = 10 + 76
      (15, 200),  // hold starts
      (24.9, 200),  // hold
      (25, 200),  // settle starts: 200 + (20 − 200)·0/5
      (27.5, 110),  // 200 − 180·2.5/5 = 200 − 90
      (30, 20),  // sustain
      (60, 20),  // the end: sustain
      (60.5, 0),  // after the end
    ] as [(Double, Double)])
  func curve(elapsed: Double, expected: Double) {
    #expect(Self.spike.target(at: elapsed) == expected)
  }

  @Test func suddenBurstWithoutRamps() {
    // before, ramp_up, ramp_down 0: peak from t = 0 for 3 s, then sustain 5 until 10 s.
    let p = SpikePattern(base: 5, peak: 50, sustain: 5, holdSeconds: 3, durationSeconds: 10)
    #expect([0, 2.999, 3, 10, 10.1].map { p.target(at: $0) } == [50, 50, 5, 5, 0])
  }

  @Test func roundedSchedule() {
    // base 2, peak 8, sustain 4; before 2, ramp_up 2, hold 1, ramp_down 2, 9 s; 1 s ticks take
    // the value at their end t = 1 … 9:
    // 1, 2: 2 · 3: 2 + 6·1/2 = 5 · 4: 2 + 6·2/2 = 8 (the climb's end) · 5: 8 (hold's end)
    // 6: 8 + (4 − 8)·1/2 = 6 · 7: 4 (the settle's end) · 8, 9: 4 (sustain)
    let p = SpikePattern(
      base: 2, peak: 8, sustain: 4, beforeSeconds: 2, rampUpSeconds: 2, holdSeconds: 1, rampDownSeconds: 2,
      durationSeconds: 9)
    let load = LoadPlan(pattern: .spike(p), tickSeconds: 1)
    #expect(load.scheduledTargets.map(\.target) == [2, 2, 5, 8, 8, 6, 4, 4, 4])
    #expect(load.peakVUs == 8)
  }

  @Test func validation() {
    #expect(Self.spike.validate().isEmpty)
    let short = SpikePattern(base: 10, peak: 5, sustain: 0, holdSeconds: 0, durationSeconds: 1)
    #expect(short.validate().map(\.field) == ["peak", "hold"])
    let tooShort = SpikePattern(base: 1, peak: 5, sustain: 1, beforeSeconds: 5, holdSeconds: 5, durationSeconds: 9)
    #expect(tooShort.validate().map(\.field) == ["duration"])
  }
}
