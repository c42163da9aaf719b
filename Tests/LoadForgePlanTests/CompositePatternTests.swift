import Testing

@testable import LoadForgePlan

/// `CompositePattern`: stages in sequence; the next stage's start value at a boundary, the last
/// stage's end value at the end, 0 after it.
@Suite struct CompositePatternTests {
  /// ramp 0→10 over 30 s [0, 30), constant 10 for 60 s [30, 90), spike 10→20→5 (hold 10 s) for
  /// 30 s [90, 120]: 120 s in all.
  static let threeStages = CompositePattern(stages: [
    .ramp(RampPattern(from: 0, to: 10, durationSeconds: 30)),
    .constant(ConstantPattern(users: 10, durationSeconds: 60)),
    .spike(SpikePattern(base: 10, peak: 20, sustain: 5, holdSeconds: 10, durationSeconds: 30)),
  ])

  @Test(
    arguments: [
      (-1.0, 0.0),  // before the start
      (0, 0),  // ramp at 0 s
      (15, 5),  // ramp: 10·15/30
      (29.7, 9.9),  // ramp: 10·29.7/30
      (30, 10),  // boundary: constant at 0 s
      (89, 10),  // constant
      (90, 20),  // boundary: spike at 0 s, a sudden burst → peak
      (99.999, 20),  // spike hold
      (100, 5),  // spike at 10 s: sustain
      (120, 5),  // the end: the spike's end value
      (120.001, 0),  // after the end
    ] as [(Double, Double)])
  func curve(elapsed: Double, expected: Double) {
    #expect(abs(Self.threeStages.target(at: elapsed) - expected) < 1e-9)
    #expect(Self.threeStages.durationSeconds == 120)
  }

  @Test func theNextStageStartsAtABoundary() {
    // ramp 0→10 over 30 s, then constant 4 for 10 s: at 30 s the constant's 4, not the ramp's 10.
    let p = CompositePattern(stages: [
      .ramp(RampPattern(from: 0, to: 10, durationSeconds: 30)),
      .constant(ConstantPattern(users: 4, durationSeconds: 10)),
    ])
    #expect([29, 30, 40, 41].map { p.target(at: $0) } == [29.0 / 3, 4, 4, 0])
  }

  @Test func boundariesAreExactInMicroseconds() {
    // 0.1 s + 0.2 s is 0.30000000000000004 in doubles; the tick at 0.3 s must be in stage 3.
    let p = CompositePattern(stages: [
      .constant(ConstantPattern(users: 1, durationSeconds: 0.1)),
      .constant(ConstantPattern(users: 2, durationSeconds: 0.2)),
      .constant(ConstantPattern(users: 3, durationSeconds: 0.1)),
    ])
    #expect([0, 0.1, 0.2, 0.3, 0.4].map { p.target(at: $0) } == [1, 2, 2, 3, 3])
  }

  @Test func nestedComposite() {
    // [constant 2 for 2 s, [ramp 4→8 over 4 s, constant 1 for 2 s]]: 8 s in all.
    let inner = TrafficPattern.composite(
      CompositePattern(stages: [
        .ramp(RampPattern(from: 4, to: 8, durationSeconds: 4)),
        .constant(ConstantPattern(users: 1, durationSeconds: 2)),
      ]))
    let p = CompositePattern(stages: [.constant(ConstantPattern(users: 2, durationSeconds: 2)), inner])
    // 0, 1: 2 · 2: inner at 0 → ramp 4 · 3: 4 + 4·1/4 = 5 · 5: 4 + 4·3/4 = 7 · 6: inner 4 s → constant 1
    // 8: the end → the inner composite's end value → the constant's 1 · 8.5: 0
    #expect([0, 1, 2, 3, 5, 6, 8, 8.5].map { p.target(at: $0) } == [2, 2, 4, 5, 7, 1, 1, 0])
    #expect(p.durationSeconds == 8)
  }

  @Test func roundedSchedule() {
    // ramp 0→4 over 2 s, constant 3 for 2 s; 1 s ticks take the value just before their end:
    // 1 s: 4·1/2 = 2 · 2 s: the stage boundary jumps 4 → 3, so the left limit 4 (4·1.999999/2)
    // · 3 s: 3 · 4 s (the end): 3.
    let load = LoadPlan(
      pattern: .composite(
        CompositePattern(stages: [
          .ramp(RampPattern(from: 0, to: 4, durationSeconds: 2)),
          .constant(ConstantPattern(users: 3, durationSeconds: 2)),
        ])), tickSeconds: 1)
    #expect(load.scheduledTargets.map(\.target) == [2, 4, 3, 3])
    #expect(load.peakVUs == 4)
  }

  @Test func validationNamesTheStage() {
    #expect(Self.threeStages.validate().isEmpty)
    #expect(CompositePattern(stages: []).validate().map(\.field) == ["stages"])
    let bad = CompositePattern(stages: [
      .constant(ConstantPattern(users: 1, durationSeconds: 1)), .ramp(RampPattern(from: -1, to: 2, durationSeconds: 1)),
    ])
    #expect(bad.validate().map(\.field) == ["stages[1].from"])
  }
}
