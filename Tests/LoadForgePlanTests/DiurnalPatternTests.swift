import Testing

@testable import LoadForgePlan

/// `DiurnalPattern`: min + (max − min)·(1 − cos(2π(t + phase)/period))/2, 0 after the end.
@Suite struct DiurnalPatternTests {
  /// min 5, max 45, period 40 s, 80 s: target = 5 + 40·(1 − cos(πt/20))/2 = 5 + 20·(1 − cos(πt/20)).
  static let wave = DiurnalPattern(min: 5, max: 45, periodSeconds: 40, durationSeconds: 80)

  @Test(
    arguments: [
      (-1.0, 0.0),  // before the start
      (0, 5),  // cos 0 = 1 → min
      (40.0 / 6, 15),  // period/6: cos(π/3) = ½ → 5 + 20·½
      (10, 25),  // cos(π/2) = 0 → 5 + 20
      (20, 45),  // cos π = −1 → 5 + 40 = max
      (30, 25),  // cos(3π/2) = 0
      (40, 5),  // one period: back at min
      (80, 5),  // the end: two periods
      (80.5, 0),  // after the end
    ] as [(Double, Double)])
  func curve(elapsed: Double, expected: Double) {
    #expect(abs(Self.wave.target(at: elapsed) - expected) < 1e-9)
  }

  @Test func phaseShiftsTheStart() {
    // phase 20 s = half a period: starts at the top, at min 20 s later.
    let p = DiurnalPattern(min: 5, max: 45, periodSeconds: 40, phaseSeconds: 20, durationSeconds: 40)
    #expect(abs(p.target(at: 0) - 45) < 1e-9)
    #expect(abs(p.target(at: 20) - 5) < 1e-9)
  }

  @Test func roundedSchedule() {
    // min 0, max 10, period 4 s, 4 s: 10·(1 − cos(πt/2))/2 at each tick's end t = 1, 2, 3, 4
    // → 5, 10, 5, 0 (cos 2π = 1: the wave is back at min at the end).
    let load = LoadPlan(
      pattern: .diurnal(DiurnalPattern(min: 0, max: 10, periodSeconds: 4, durationSeconds: 4)), tickSeconds: 1)
    #expect(load.scheduledTargets.map(\.target) == [5, 10, 5, 0])
    #expect(load.peakVUs == 10)
  }

  @Test func validation() {
    #expect(Self.wave.validate().isEmpty)
    let bad = DiurnalPattern(min: 9, max: 3, periodSeconds: 0, phaseSeconds: -1, durationSeconds: 0)
    #expect(bad.validate().map(\.field) == ["max", "period", "phase", "duration"])
  }
}
