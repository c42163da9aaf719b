import Foundation
import Testing

@testable import LoadForgePlan

@Suite struct TrafficPatternTests {
  @Test func constantCurve() {
    let p = TrafficPattern.constant(ConstantPattern(users: 20, durationSeconds: 3))
    #expect(p.ticks(every: 1).map(\.target) == [20, 20, 20, 0])
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

  @Test func rejectsUnknownKind() {
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(TrafficPattern.self, from: Data(#"{"kind":"wobble"}"#.utf8))
    }
  }
}
