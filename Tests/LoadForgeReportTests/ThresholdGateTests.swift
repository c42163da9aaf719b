import Foundation
import LoadForgeMetrics
import LoadForgePlan
import LoadForgeSpec
import Testing

@testable import LoadForgeReport

/// The live check of `abort_on_fail` thresholds and the final results (`Fixtures.summary`:
/// p95 12.345 ms, 0.30 % failed).
struct ThresholdGateTests {
  static func p95(below micros: Double, abort: Bool, delay: Double = 0) -> ThresholdPlan {
    ThresholdPlan(
      metric: .httpReqDuration, statistic: .p95, endpoint: nil, comparison: .less, value: micros, abortOnFail: abort,
      delaySeconds: delay, source: "http_req_duration.p95 < \(Int(micros / 1000))ms")
  }

  @Test("a failing abort_on_fail threshold stops the run once its delay passed, naming it")
  func stopsAfterDelay() {
    let gate = ThresholdGate(thresholds: [Self.p95(below: 10_000, abort: true, delay: 3)])
    #expect(gate.check(Fixtures.summary, elapsedSeconds: 2) == nil)
    #expect(!gate.abortedRun)
    #expect(
      gate.check(Fixtures.summary, elapsedSeconds: 3)
        == "threshold http_req_duration.p95 < 10ms failed after 3.0s (p95 12.3ms): stopping the run (abort_on_fail)")
    #expect(gate.abortedRun)
    // Once stopped, no second message.
    #expect(gate.check(Fixtures.summary, elapsedSeconds: 4) == nil)
  }

  @Test("without abort_on_fail, or when it passes, or with nothing measured yet, the run goes on")
  func goesOn() {
    var empty = Fixtures.summary
    empty.latency = .zero
    let gate = ThresholdGate(thresholds: [
      Self.p95(below: 10_000, abort: false), Self.p95(below: 20_000, abort: true),
    ])
    #expect(gate.check(Fixtures.summary, elapsedSeconds: 10) == nil)
    let strict = ThresholdGate(thresholds: [Self.p95(below: 10_000, abort: true)])
    #expect(strict.check(empty, elapsedSeconds: 10) == nil)
    #expect(!strict.abortedRun)
  }

  @Test("the threshold that stopped the run keeps the value it failed with, marked aborted_run")
  func finalResults() {
    let gate = ThresholdGate(thresholds: [
      Self.p95(below: 20_000, abort: false), Self.p95(below: 13_000, abort: true),
    ])
    var early = Fixtures.summary
    early.latency.p95 = 14
    #expect(gate.check(early, elapsedSeconds: 1) != nil)
    let results = gate.results(for: Fixtures.summary)
    #expect(results.map(\.passed) == [true, false])
    #expect(results[1].measured == 14)
    #expect(results[1].abortedRun)
    #expect(!results[0].abortedRun)
  }
}
