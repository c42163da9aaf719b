import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

/// The terminal's open-model lines: rate achieved/target and drops live, service time, dropped
/// iterations and the largest deviation at the end (golden strings).
struct TerminalViewOpenModelTests {
  @Test func startLineNamesPeakRateAndPool() {
    var info = Fixtures.runInfo
    info.pattern = "constant 200 VUs for 10s"
    info.peakVUs = 40
    info.peakRate = 200
    #expect(
      TerminalView.startLine(info)
        == "running shop: constant 200 VUs for 10s, peak 200 it/s, max 40 VUs, 2 workers, 2 endpoints")
  }

  @Test func statusLineShowsRateAndDrops() {
    var s = Fixtures.snapshot
    s.targetRate = 200
    s.achievedRate = 187
    s.droppedIterations = 13
    s.activeVUs = 40
    s.targetVUs = 40
    #expect(
      TerminalView.statusLine(s, total: 30)
        == "  12s/30s  it/s 187/200  dropped 13  VUs 40/40  RPS 8123  p50 1.23ms  p95 3.40ms  p99 5.60ms"
        + "  errors 0 (0.00%)")
  }

  @Test func summaryEndsWithServiceTimeDropsAndDeviation() {
    var summary = Fixtures.summary
    summary.service = LatencyStats(p50: 1.1, p90: 2, p95: 3, p99: 4.5, p999: 9, max: 12, mean: 1.4, min: 0.3)
    summary.droppedIterations = 96
    summary.maxDeviation = LoadDeviation(value: 48.5, unit: "it/s", elapsedSeconds: 3)
    let lines = TerminalView.summaryTable(summary).split(separator: "\n").map(String.init).suffix(3)
    #expect(
      Array(lines) == [
        "service time (from send): p50 1.10ms  p95 3.00ms  p99 4.50ms  max 12.0ms  (latency counts from each "
          + "iteration's scheduled start)",
        "dropped iterations: 96",
        "max deviation: 48.5 it/s at 3.0s",
      ])
  }

  @Test func closedModelSummaryShowsVUDeviationOnly() {
    var summary = Fixtures.summary
    summary.maxDeviation = LoadDeviation(value: 1, unit: "vus", elapsedSeconds: 12)
    let text = TerminalView.summaryTable(summary)
    #expect(text.hasSuffix("max deviation: 1 VU at 12.0s\n"))
    #expect(!text.contains("dropped"))
    #expect(!text.contains("service time"))
  }
}
