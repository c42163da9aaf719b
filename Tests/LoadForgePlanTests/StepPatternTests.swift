import Testing

@testable import LoadForgePlan

/// `StepPattern`: target(t) = min(from + stepSize · ⌊t / stepDuration⌋, to), the end value at
/// the end, 0 after it.
@Suite struct StepPatternTests {
  /// from 10, +10 every 30 s, 5 steps → to = 10 + (5 − 1)·10 = 50, duration 5·30 = 150 s.
  static let fiveSteps = StepPattern(from: 10, stepSize: 10, stepDurationSeconds: 30, steps: 5)

  @Test(
    arguments: [
      (-1.0, 0.0),  // before the start
      (0, 10),  // k = ⌊0/30⌋ = 0 → 10 + 0·10
      (29.999, 10),  // k = 0
      (30, 20),  // boundary: k = 1 → 10 + 10
      (59, 20),  // k = ⌊59/30⌋ = 1
      (60, 30),  // k = 2
      (119.5, 40),  // k = ⌊3.98⌋ = 3 → 10 + 30
      (120, 50),  // k = 4, the last step
      (150, 50),  // the end: k = 5 → 60, capped at to = 50
      (150.001, 0),  // after the end
    ] as [(Double, Double)])
  func curve(elapsed: Double, expected: Double) {
    #expect(Self.fiveSteps.target(at: elapsed) == expected)
  }

  @Test func stepsAndDurationFollowFromTo() {
    #expect(Self.fiveSteps.to == 50)
    #expect(Self.fiveSteps.steps == 5)
    #expect(Self.fiveSteps.durationSeconds == 150)
    // to = 25 is not on a step: levels 0, 10, 20, then 30 capped at 25 → ⌈25/10⌉ + 1 = 4 steps, 40 s.
    let capped = StepPattern(from: 0, to: 25, stepSize: 10, stepDurationSeconds: 10)
    #expect(capped.steps == 4)
    #expect(capped.durationSeconds == 40)
    #expect([0, 10, 20, 30, 39, 40, 41].map { capped.target(at: $0) } == [0, 10, 20, 25, 25, 25, 0])
  }

  @Test func aTickOnASubSecondBoundaryIsInTheNewStep() {
    // 0.6 / 0.3 = 1.9999999999999998 in binary floating point; the tick at 0.6 s is step k = 2 → 1 + 2 = 3.
    let p = StepPattern(from: 1, stepSize: 1, stepDurationSeconds: 0.3, steps: 4)
    #expect([0, 0.3, 0.6, 0.9, 1.2].map { p.target(at: $0) } == [1, 2, 3, 4, 4])
  }

  @Test func roundedSchedule() {
    // from 2, +3 every 2 s, 3 steps → levels 2, 5, 8 over 6 s; 1 s ticks take the value just
    // before their end t = 1 … 6: 1: 2 · 2: 2 (the left limit before the jump to 5) · 3: 5
    // 4: 5 · 5: 8 · 6: 8 — unchanged from sampling tick starts: a step changes on its boundary.
    let load = LoadPlan(
      pattern: .step(StepPattern(from: 2, stepSize: 3, stepDurationSeconds: 2, steps: 3)), tickSeconds: 1)
    #expect(load.scheduledTargets.map(\.target) == [2, 2, 5, 5, 8, 8])
    #expect(load.peakVUs == 8)
  }

  @Test func validation() {
    #expect(Self.fiveSteps.validate().isEmpty)
    let bad = StepPattern(from: -1, to: -2, stepSize: 0, stepDurationSeconds: 0)
    #expect(bad.validate().map(\.field) == ["from", "to", "step_size", "step_duration"])
  }
}
