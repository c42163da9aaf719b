import Testing

@testable import LoadForgePlan

@Suite struct LoadPlanScheduleTests {
  private static func ramp(_ from: Int, _ to: Int, _ seconds: Double) -> TrafficPattern {
    .ramp(RampPattern(from: from, to: to, durationSeconds: seconds))
  }

  private static func constant(_ users: Int, _ seconds: Double) -> TrafficPattern {
    .constant(ConstantPattern(users: users, durationSeconds: seconds))
  }

  /// (pattern, tick s, expected (tick start s, target) per tick, expected peak). Each target is
  /// the pattern just before the tick's end, rounded half away from zero.
  static let table: [(TrafficPattern, Double, [(Double, Int)], Int)] = [
    // Ends 1, 2, 3 s: 4·1/3 = 1.33 → 1, 4·2/3 = 2.67 → 3, 4: the ramp reaches its end value.
    (ramp(0, 4, 3), 1.0, [(0.0, 1), (1.0, 3), (2.0, 4)], 4),
    (ramp(0, 4, 4), 1.0, [(0.0, 1), (1.0, 2), (2.0, 3), (3.0, 4)], 4),
    // 5 + 15·t/10 at t = 1 … 10: 6.5, 8, 9.5, 11, 12.5, 14, 15.5, 17, 18.5, 20; halves round up
    // (the limit is exact on a continuous curve, not 6.4999985 from 1 µs before).
    (
      ramp(5, 20, 10), 1.0,
      [(0.0, 7), (1.0, 8), (2.0, 10), (3.0, 11), (4.0, 13), (5.0, 14), (6.0, 16), (7.0, 17), (8.0, 19), (9.0, 20)], 20
    ),
    // Ends 0.5, 1, 1.5, 2 s: 10 − 10·t/2 = 7.5 → 8, 5, 2.5 → 3, 0 (half rounds away from zero).
    (ramp(10, 0, 2), 0.5, [(0.0, 8), (0.5, 5), (1.0, 3), (1.5, 0)], 8),
    // A ramp to 1 over one tick starts its VU.
    (ramp(0, 1, 1), 1.0, [(0.0, 1)], 1),
    // The last tick is shorter and ends at the pattern's end: 10·1/2.5 = 4, 10·2/2.5 = 8, 10.
    (ramp(0, 10, 2.5), 1.0, [(0.0, 4), (1.0, 8), (2.0, 10)], 10),
    (constant(5, 2.5), 1.0, [(0.0, 5), (1.0, 5), (2.0, 5)], 5),
    (constant(3, 0.9), 0.3, [(0.0, 3), (0.3, 3), (0.6, 3)], 3),
    (constant(0, 2), 1.0, [(0.0, 0), (1.0, 0)], 0),
  ]

  @Test(arguments: table)
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

  /// A jump inside a tick shows from that tick on; one on a tick's end waits for the next tick.
  @Test func aJumpChangesTheTargetAtItsBoundary() {
    // constant 2 for 1.5 s, then constant 6 for 1.5 s; 1 s ticks end at 1, 2, 3 s:
    // 1: 2 · 2: 6 (the jump at 1.5 s is inside the tick, which climbs to 6) · 3: 6.
    let mid = LoadPlan(
      pattern: .composite(CompositePattern(stages: [Self.constant(2, 1.5), Self.constant(6, 1.5)])), tickSeconds: 1)
    #expect(mid.scheduledTargets.map(\.target) == [2, 6, 6])
    // constant 2 for 1 s, then 6 for 1 s: the tick ending at 1 s keeps the old level 2 (the
    // left limit before the jump); the tick starting there applies 6.
    let onEnd = LoadPlan(
      pattern: .composite(CompositePattern(stages: [Self.constant(2, 1), Self.constant(6, 1)])), tickSeconds: 1)
    #expect(onEnd.scheduledTargets.map(\.target) == [2, 6])
  }

  /// The open model's rates are not rounded and reach a ramp's end value.
  @Test func openModelRatesReachTheRampsEnd() {
    // 10 + 50·t/5 at t = 1 … 5: 20, 30, 40, 50, 60 it/s (sampling tick starts showed a peak of 50).
    let load = LoadPlan(pattern: Self.ramp(10, 60, 5), tickSeconds: 1, model: .arrivalRate, maxVUs: 8)
    #expect((0..<load.tickCount).map { load.scheduledRate(tick: $0) } == [20, 30, 40, 50, 60])
    #expect(load.peakRate == 60)
    #expect(load.peakPoolVUs == 8)
    // 0.5 s ticks on a 0 → 5 it/s ramp over 1 s: 2.5 it/s, then 5.
    let half = LoadPlan(pattern: Self.ramp(0, 5, 1), tickSeconds: 0.5, model: .arrivalRate, maxVUs: 1)
    #expect((0..<half.tickCount).map { half.scheduledRate(tick: $0) } == [2.5, 5])
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
