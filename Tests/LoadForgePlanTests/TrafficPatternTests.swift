import Foundation
import Testing

@testable import LoadForgePlan

@Suite struct TrafficPatternTests {
  @Test func constantCurve() {
    let p = TrafficPattern.constant(ConstantPattern(users: 20, durationSeconds: 3))
    // The end tick (t = 3) gives the end value, as for every pattern; 0 only after it.
    #expect(p.ticks(every: 1).map(\.target) == [20, 20, 20, 20])
    #expect(p.target(at: 3.001) == 0)
    #expect(p.target(at: -0.5) == 0)
    #expect(p.durationSeconds == 3)
  }

  @Test func rampCurveHandComputed() {
    let p = TrafficPattern.ramp(RampPattern(from: 5, to: 20, durationSeconds: 30))
    let ticks = p.ticks(every: 5)
    #expect(ticks.map(\.elapsed) == [0, 5, 10, 15, 20, 25, 30])
    #expect(ticks.map(\.target) == [5, 7.5, 10, 12.5, 15, 17.5, 20])
    #expect(p.target(at: 30.001) == 0)
  }

  @Test func rampDown() {
    let p = TrafficPattern.ramp(RampPattern(from: 10, to: 0, durationSeconds: 4))
    #expect(p.ticks(every: 1).map(\.target) == [10, 7.5, 5, 2.5, 0])
  }

  @Test func validation() {
    #expect(ConstantPattern(users: -1, durationSeconds: 0).validate().map(\.field) == ["users", "duration"])
    #expect(RampPattern(from: 0, to: 5, durationSeconds: 1).validate().isEmpty)
  }

  @Test func subSecondTicks() {
    let p = TrafficPattern.ramp(RampPattern(from: 0, to: 10, durationSeconds: 1))
    #expect(p.ticks(every: 0.25).map(\.target) == [0, 2.5, 5, 7.5, 10])
  }

  @Test func summaries() {
    #expect(TrafficPattern.ramp(RampPattern(from: 0, to: 50, durationSeconds: 60)).summary == "ramp 0→50 VUs over 1m")
    #expect(
      TrafficPattern.constant(ConstantPattern(users: 5, durationSeconds: 1.5)).summary == "constant 5 VUs for 1.5s")
    #expect(
      TrafficPattern.step(StepPattern(from: 10, stepSize: 10, stepDurationSeconds: 30, steps: 5)).summary
        == "step 10→50 VUs, +10 every 30s, 2m30s in all")
    #expect(
      TrafficPattern.spike(SpikePattern(base: 10, peak: 200, sustain: 20, holdSeconds: 5, durationSeconds: 60)).summary
        == "spike 10→200→20 VUs, peak from 0s for 5s, 1m in all")
    #expect(
      TrafficPattern.spike(
        SpikePattern(
          base: 5, peak: 20, sustain: 8, beforeSeconds: 15, rampUpSeconds: 2, holdSeconds: 10, rampDownSeconds: 3,
          durationSeconds: 50)
      ).summary == "spike 5→20→8 VUs, peak from 17s for 10s, 50s in all")
    #expect(
      TrafficPattern.diurnal(DiurnalPattern(min: 5, max: 50, periodSeconds: 600, durationSeconds: 1200)).summary
        == "diurnal 5–50 VUs, period 10m, 20m in all")
    #expect(TrafficPatternCodingTests.nested.summary == "composite: 3 stages over 3m")
  }

  /// The open model reads pattern values as iterations/s, and says so.
  @Test func openModelSummaries() {
    let open = LoadPlan.Model.arrivalRate
    #expect(
      TrafficPattern.constant(ConstantPattern(users: 100, durationSeconds: 10)).summary(for: open)
        == "constant 100 it/s for 10s")
    #expect(
      TrafficPattern.constant(ConstantPattern(users: 1, durationSeconds: 10)).summary(for: open)
        == "constant 1 it/s for 10s")
    #expect(
      TrafficPattern.ramp(RampPattern(from: 10, to: 60, durationSeconds: 30)).summary(for: open)
        == "ramp 10→60 it/s over 30s")
    #expect(
      TrafficPattern.step(StepPattern(from: 10, stepSize: 10, stepDurationSeconds: 30, steps: 5)).summary(for: open)
        == "step 10→50 it/s, +10 every 30s, 2m30s in all")
    #expect(
      TrafficPattern.spike(SpikePattern(base: 10, peak: 200, sustain: 20, holdSeconds: 5, durationSeconds: 60))
        .summary(for: open) == "spike 10→200→20 it/s, peak from 0s for 5s, 1m in all")
    #expect(
      TrafficPattern.diurnal(DiurnalPattern(min: 5, max: 50, periodSeconds: 600, durationSeconds: 1200))
        .summary(for: open) == "diurnal 5–50 it/s, period 10m, 20m in all")
    #expect(TrafficPatternCodingTests.nested.summary(for: open) == "composite: 3 stages over 3m, in it/s")
    #expect(
      TrafficPattern.constant(ConstantPattern(users: 1, durationSeconds: 10)).summary(for: .closed)
        == "constant 1 VU for 10s")
    let plan = LoadPlan(
      pattern: .constant(ConstantPattern(users: 50, durationSeconds: 10)), model: .arrivalRate, maxVUs: 5)
    #expect(plan.summary == "constant 50 it/s for 10s")
    #expect(LoadPlan(pattern: plan.pattern).summary == "constant 50 VUs for 10s")
  }

  @Test func kindNamesAndDurations() {
    let all = TrafficPatternCodingTests.everyKind
    #expect(all.map(\.kindName) == ["constant", "ramp", "step", "spike", "diurnal", "composite"])
    // step: 5 steps · 30 s; composite: see `nested`.
    #expect(all.map(\.durationSeconds) == [1.5, 60, 150, 60, 1200, 180])
  }
}

@Suite struct TrafficPatternCodingTests {
  @Test func encodesFlatWithKind() throws {
    let ramp = TrafficPattern.ramp(RampPattern(from: 0, to: 50, durationSeconds: 60))
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(ramp), as: UTF8.self)
    #expect(json == #"{"durationSeconds":60,"from":0,"kind":"ramp","to":50}"#)
    #expect(try JSONDecoder().decode(TrafficPattern.self, from: Data(json.utf8)) == ramp)
    let constant = TrafficPattern.constant(ConstantPattern(users: 3, durationSeconds: 1.5))
    #expect(try JSONDecoder().decode(TrafficPattern.self, from: encoder.encode(constant)) == constant)
  }

  /// ramp 0→10 over 30 s, constant 10 for 30 s, and a composite of [spike 10→30→10 (40 s),
  /// step 10→30 +10 every 10 s (levels 10, 20, 30: 30 s), diurnal 0–10 (50 s)] = 120 s:
  /// 30 + 30 + 120 = 180 s = 3m.
  static let nested = TrafficPattern.composite(
    CompositePattern(stages: [
      .ramp(RampPattern(from: 0, to: 10, durationSeconds: 30)),
      .constant(ConstantPattern(users: 10, durationSeconds: 30)),
      .composite(
        CompositePattern(stages: [
          .spike(
            SpikePattern(
              base: 10, peak: 30, sustain: 10, beforeSeconds: 5, rampUpSeconds: 5, holdSeconds: 10,
              rampDownSeconds: 5, durationSeconds: 40)),
          .step(StepPattern(from: 10, to: 30, stepSize: 10, stepDurationSeconds: 10)),
          .diurnal(DiurnalPattern(min: 0, max: 10, periodSeconds: 30, phaseSeconds: 7.5, durationSeconds: 50)),
        ])),
    ]))

  static let everyKind: [TrafficPattern] = [
    .constant(ConstantPattern(users: 3, durationSeconds: 1.5)),
    .ramp(RampPattern(from: 0, to: 50, durationSeconds: 60)),
    .step(StepPattern(from: 10, stepSize: 10, stepDurationSeconds: 30, steps: 5)),
    .spike(
      SpikePattern(
        base: 10, peak: 200, sustain: 20, beforeSeconds: 10, rampUpSeconds: 5, holdSeconds: 10, rampDownSeconds: 5,
        durationSeconds: 60)),
    .diurnal(DiurnalPattern(min: 5, max: 50, periodSeconds: 600, phaseSeconds: 30, durationSeconds: 1200)),
    nested,
  ]

  @Test func everyKindRoundTrips() throws {
    for pattern in Self.everyKind {
      let data = try JSONEncoder().encode(pattern)
      #expect(try JSONDecoder().decode(TrafficPattern.self, from: data) == pattern, "\(pattern.kindName)")
    }
  }

  @Test func newKindsEncodeFlatAndStagesAsAnArray() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let step = TrafficPattern.step(StepPattern(from: 1, to: 3, stepSize: 2, stepDurationSeconds: 5))
    #expect(
      String(decoding: try encoder.encode(step), as: UTF8.self)
        == #"{"from":1,"kind":"step","stepDurationSeconds":5,"stepSize":2,"to":3}"#)
    let composite = TrafficPattern.composite(
      CompositePattern(stages: [
        .constant(ConstantPattern(users: 2, durationSeconds: 1)),
        .composite(CompositePattern(stages: [.ramp(RampPattern(from: 0, to: 1, durationSeconds: 2))])),
      ]))
    #expect(
      String(decoding: try encoder.encode(composite), as: UTF8.self)
        == #"{"kind":"composite","stages":[{"durationSeconds":1,"kind":"constant","users":2},"#
        + #"{"kind":"composite","stages":[{"durationSeconds":2,"from":0,"kind":"ramp","to":1}]}]}"#)
  }

  @Test func rejectsUnknownKind() {
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(TrafficPattern.self, from: Data(#"{"kind":"wobble"}"#.utf8))
    }
  }
}
