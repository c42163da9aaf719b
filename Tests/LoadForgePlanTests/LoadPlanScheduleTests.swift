import Testing

@testable import LoadForgePlan

@Suite struct LoadPlanScheduleTests {
  private static func ramp(_ from: Int, _ to: Int, _ seconds: Double) -> TrafficPattern {
    .ramp(RampPattern(from: from, to: to, durationSeconds: seconds))
  }

  private static func constant(_ users: Int, _ seconds: Double) -> TrafficPattern {
    .constant(ConstantPattern(users: users, durationSeconds: seconds))
  }

  /// (pattern, tick s, expected (elapsed s, target) per tick, expected peak).
  @Test(arguments: [
    // The end value of a ramp is never applied: 0, 1.33→1, 2.67→3.
    (ramp(0, 4, 3), 1.0, [(0.0, 0), (1.0, 1), (2.0, 3)], 3),
    (ramp(0, 4, 4), 1.0, [(0.0, 0), (1.0, 1), (2.0, 2), (3.0, 3)], 3),
    // Half rounds away from zero: 7.5 → 8, 2.5 → 3.
    (ramp(10, 0, 2), 0.5, [(0.0, 10), (0.5, 8), (1.0, 5), (1.5, 3)], 10),
    // A ramp to 1 over one tick never starts a VU.
    (ramp(0, 1, 1), 1.0, [(0.0, 0)], 0),
    // The last tick may be shorter than the others.
    (constant(5, 2.5), 1.0, [(0.0, 5), (1.0, 5), (2.0, 5)], 5),
    (constant(3, 0.9), 0.3, [(0.0, 3), (0.3, 3), (0.6, 3)], 3),
    (constant(0, 2), 1.0, [(0.0, 0), (1.0, 0)], 0),
  ])
  func scheduledTargetsTable(
    pattern: TrafficPattern, tick: Double, expected: [(Double, Int)], peak: Int
  ) {
    let load = LoadPlan(pattern: pattern, tickSeconds: tick)
    let schedule = load.scheduledTargets
    #expect(schedule.map(\.target) == expected.map(\.1))
    #expect(schedule.count == expected.count)
    for (got, want) in zip(schedule, expected) { #expect(abs(got.elapsed - want.0) < 1e-9) }
    #expect(load.tickCount == expected.count)
    #expect(load.peakVUs == peak)
  }

  @Test func tickAndDurationInMicroseconds() {
    let load = LoadPlan(pattern: Self.constant(1, 2.5), tickSeconds: 0.3)
    #expect(load.tickMicros == 300_000)
    #expect(load.durationMicros == 2_500_000)
    #expect(load.tickCount == 9)
    // A tick below 1 ms is raised to 1 ms.
    #expect(LoadPlan(pattern: Self.constant(1, 1), tickSeconds: 0).tickMicros == 1_000)
  }

  @Test func scheduledTargetMatchesTheWholeSchedule() {
    let load = LoadPlan(pattern: Self.ramp(2, 9, 7), tickSeconds: 1)
    for (index, entry) in load.scheduledTargets.enumerated() {
      #expect(load.scheduledTarget(tick: index) == entry)
    }
  }
}
