import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

struct ThresholdObserverTests {
  /// Records what reached it, in order.
  final class Output: SnapshotObserver {
    var calls: [String] = []
    var finished: Summary?
    func runStarted(_ info: RunInfo) { calls.append("started \(info.name)") }
    func record(_ snapshot: Snapshot) { calls.append("record \(snapshot.elapsedSeconds)") }
    func recordHistograms(_ histograms: IntervalHistograms) { calls.append("histograms \(histograms.startSeconds)") }
    func draining(inFlight: Int, graceSeconds: Double) { calls.append("draining \(inFlight) \(graceSeconds)") }
    func runFinished(_ summary: Summary) {
      calls.append("finished")
      finished = summary
    }
  }

  @Test("every call reaches every output, in order; runFinished with the thresholds' results")
  func forwards() {
    let a = Output()
    let b = Output()
    let observer = ThresholdObserver(
      gate: ThresholdGate(thresholds: [ThresholdGateTests.p95(below: 10_000, abort: false)]), forwardingTo: [a, b])
    observer.runStarted(Fixtures.runInfo)
    observer.record(Fixtures.snapshot)
    observer.recordHistograms(
      IntervalHistograms(startSeconds: 11, intervalSeconds: 1, endpoints: [], all: IntervalHistograms.Group()))
    observer.draining(inFlight: 3, graceSeconds: 5)
    observer.runFinished(Fixtures.summary)
    let expected = ["started \(Fixtures.runInfo.name)", "record 12.0", "histograms 11.0", "draining 3 5.0", "finished"]
    #expect(a.calls == expected)
    #expect(b.calls == expected)
    #expect(Fixtures.summary.thresholds.isEmpty)
    #expect(a.finished?.thresholds.map(\.threshold) == ["http_req_duration.p95 < 10ms"])
    #expect(a.finished?.thresholds.map(\.passed) == [false])
    #expect(b.finished == a.finished)
    #expect(observer.summary == a.finished)
  }
}
