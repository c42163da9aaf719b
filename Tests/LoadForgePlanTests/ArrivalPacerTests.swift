import Foundation
import LoadForgePlan
import Testing

/// Start times are hand-computed from I(t) = ∫₀ᵗ rate: iteration k starts where I(t) = k.
struct ArrivalPacerTests {
  static let spike = TrafficPattern.spike(
    SpikePattern(
      base: 2, peak: 10, sustain: 2, beforeSeconds: 1, rampUpSeconds: 1, holdSeconds: 1, rampDownSeconds: 1,
      durationSeconds: 5))

  @Test(
    "start time of iteration k",
    arguments: [
      // constant 200 it/s for 2 s: k / 200 s; 400 iterations, the 401st would start at the end.
      (TrafficPattern.constant(ConstantPattern(users: 200, durationSeconds: 2)), 0, Int64?(0)),
      (.constant(ConstantPattern(users: 200, durationSeconds: 2)), 1, 5_000),
      (.constant(ConstantPattern(users: 200, durationSeconds: 2)), 399, 1_995_000),
      (.constant(ConstantPattern(users: 200, durationSeconds: 2)), 400, nil),
      // ramp 0→10 over 10 s: I = t²/2, t = √(2k).
      (.ramp(RampPattern(from: 0, to: 10, durationSeconds: 10)), 1, 1_414_214),
      (.ramp(RampPattern(from: 0, to: 10, durationSeconds: 10)), 2, 2_000_000),
      (.ramp(RampPattern(from: 0, to: 10, durationSeconds: 10)), 8, 4_000_000),
      (.ramp(RampPattern(from: 0, to: 10, durationSeconds: 10)), 49, 9_899_495),
      (.ramp(RampPattern(from: 0, to: 10, durationSeconds: 10)), 50, nil),
      // ramp 10→0 over 10 s: I = 10t − t²/2, t = 10 − √(100 − 2k).
      (.ramp(RampPattern(from: 10, to: 0, durationSeconds: 10)), 18, 2_000_000),
      (.ramp(RampPattern(from: 10, to: 0, durationSeconds: 10)), 32, 4_000_000),
      // step 1, 2, 3 it/s, 2 s each: I = 2 at 2 s, 6 at 4 s, 12 at 6 s.
      (.step(StepPattern(from: 1, stepSize: 1, stepDurationSeconds: 2, steps: 3)), 1, 1_000_000),
      (.step(StepPattern(from: 1, stepSize: 1, stepDurationSeconds: 2, steps: 3)), 2, 2_000_000),
      (.step(StepPattern(from: 1, stepSize: 1, stepDurationSeconds: 2, steps: 3)), 3, 2_500_000),
      (.step(StepPattern(from: 1, stepSize: 1, stepDurationSeconds: 2, steps: 3)), 6, 4_000_000),
      (.step(StepPattern(from: 1, stepSize: 1, stepDurationSeconds: 2, steps: 3)), 7, 4_333_334),
      (.step(StepPattern(from: 1, stepSize: 1, stepDurationSeconds: 2, steps: 3)), 11, 5_666_667),
      (.step(StepPattern(from: 1, stepSize: 1, stepDurationSeconds: 2, steps: 3)), 12, nil),
      // spike 2→10→2, 1 s each part: I = 2, 8, 18, 24, 26 at 1…5 s; in the ramp up
      // 2τ + 4τ² = 3 gives τ = (−2 + √52) / 8 = 0.651388 s.
      (spike, 2, 1_000_000),
      (spike, 5, 1_651_388),
      (spike, 8, 2_000_000),
      (spike, 13, 2_500_000),
      (spike, 18, 3_000_000),
      (spike, 25, 4_500_000),
      (spike, 26, nil),
      // composite: constant 5 for 2 s (I = 10), then ramp 5→15 over 2 s: 5τ + 2.5τ² = 10 at
      // τ = 20 / (5 + √125) = 1.236068 s.
      (
        .composite(
          CompositePattern(stages: [
            .constant(ConstantPattern(users: 5, durationSeconds: 2)),
            .ramp(RampPattern(from: 5, to: 15, durationSeconds: 2)),
          ])), 10, 2_000_000
      ),
      (
        .composite(
          CompositePattern(stages: [
            .constant(ConstantPattern(users: 5, durationSeconds: 2)),
            .ramp(RampPattern(from: 5, to: 15, durationSeconds: 2)),
          ])), 20, 3_236_068
      ),
    ] as [(TrafficPattern, Int, Int64?)])
  func startTime(pattern: TrafficPattern, k: Int, expected: Int64?) {
    #expect(ArrivalPacer(pattern: pattern).startMicros(ofIteration: k) == expected)
  }

  @Test(
    "iterations in the whole pattern",
    arguments: [
      (TrafficPattern.constant(ConstantPattern(users: 200, durationSeconds: 2)), 400),
      (.ramp(RampPattern(from: 0, to: 10, durationSeconds: 10)), 50),
      (.step(StepPattern(from: 1, stepSize: 1, stepDurationSeconds: 2, steps: 3)), 12),
      (spike, 26),
      (.constant(ConstantPattern(users: 0, durationSeconds: 2)), 0),
      // 2.5 iterations due: k = 0, 1, 2 start before the end.
      (.ramp(RampPattern(from: 0, to: 1, durationSeconds: 5)), 3),
      (.diurnal(DiurnalPattern(min: 0, max: 20, periodSeconds: 10, durationSeconds: 10)), 100),
    ] as [(TrafficPattern, Int)])
  func total(pattern: TrafficPattern, expected: Int) {
    #expect(ArrivalPacer(pattern: pattern).totalIterations == expected)
  }

  @Test(
    "iterations due by a time",
    arguments: [
      (Int64(0), 1), (4_999, 1), (5_000, 2), (1_000_000, 201), (1_999_999, 400), (2_000_000, 400), (9_000_000, 400),
    ])
  func due(elapsed: Int64, expected: Int) {
    let pacer = ArrivalPacer(pattern: .constant(ConstantPattern(users: 200, durationSeconds: 2)))
    #expect(pacer.iterationsDue(atMicros: elapsed) == expected)
  }

  /// diurnal 0–20 it/s, period 10 s: I(t) = 10t − (50/π)·sin(πt/5); I(2.5 s) = 25 − 50/π.
  @Test func diurnalIntegralWithinChordError() {
    let pacer = ArrivalPacer(
      pattern: .diurnal(DiurnalPattern(min: 0, max: 20, periodSeconds: 10, durationSeconds: 10)))
    #expect(abs(pacer.integral(atMicros: 2_500_000) - (25 - 50 / Double.pi)) < 0.01)
    #expect(abs(pacer.integral(atMicros: 5_000_000) - 50) < 0.01)
    #expect(abs(pacer.integral(atMicros: 10_000_000) - 100) < 1e-6)
  }

  /// One hour at 1,000 it/s: the last start is exactly k ms, nothing accumulated.
  @Test func noDriftOverAnHour() {
    let pacer = ArrivalPacer(pattern: .constant(ConstantPattern(users: 1_000, durationSeconds: 3_600)))
    #expect(pacer.totalIterations == 3_600_000)
    #expect(pacer.startMicros(ofIteration: 3_599_999) == 3_599_999_000)
    #expect(pacer.startMicros(ofIteration: 1_234_567) == 1_234_567_000)
  }

  @Test(
    "pace: start now, wait, or stop",
    arguments: [
      (Int64(4_000), 1, ArrivalPacer.Pace.wait(micros: 1_000)),
      (5_000, 1, .startNow(scheduledMicros: 5_000)),
      (7_300, 1, .startNow(scheduledMicros: 5_000)),
      (0, 0, .startNow(scheduledMicros: 0)),
      (1_999_000, 400, .stop),
    ])
  func pace(elapsed: Int64, started: Int, expected: ArrivalPacer.Pace) {
    let pacer = ArrivalPacer(pattern: .constant(ConstantPattern(users: 200, durationSeconds: 2)))
    #expect(pacer.pace(elapsedMicros: elapsed, started: started) == expected)
  }
}
