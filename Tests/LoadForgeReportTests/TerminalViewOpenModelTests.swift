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
    summary.scheduledIterations = 2_000
    summary.maxDeviation = LoadDeviation(value: 48.5, unit: "it/s", elapsedSeconds: 3)
    let lines = TerminalView.summaryTable(summary).split(separator: "\n").map(String.init).suffix(4)
    #expect(
      Array(lines) == [
        "service time (from send): p50 1.10ms  p95 3.00ms  p99 4.50ms  max 12.0ms  (latency counts from each "
          + "iteration's scheduled start)",
        "iterations: 2000 scheduled, 1904 started, 96 dropped (4.80%)",
        "max deviation: 48.5 it/s at 3.0s",
        "warning: 96 of 2000 scheduled iterations (4.80%) were dropped: no free VU. Raise max_vus or lower the rate.",
      ])
  }

  /// Rate 50 it/s, max_vus 1, a 91 ms server: most iterations find no free VU, and the summary
  /// says how many and what pool would do (50 × 0.091 s = 4.55 → 5 VUs).
  @Test func droppedIterationsWarnWithLittlesLaw() {
    var summary = Fixtures.summary
    summary.requests = RequestTotals(total: 101, succeeded: 101, failed: 0)
    summary.latency = LatencyStats(p50: 60, p90: 88, p95: 91, p99: 95, p999: 99, max: 99, mean: 62, min: 50)
    summary.service = summary.latency
    summary.droppedIterations = 399
    summary.scheduledIterations = 500
    var info = Fixtures.runInfo
    info.peakVUs = 1
    info.peakRate = 50
    let lines = TerminalView.summaryTable(summary, info: info).split(separator: "\n").map(String.init).suffix(2)
    #expect(
      Array(lines) == [
        "iterations: 500 scheduled, 101 started, 399 dropped (79.80%)",
        "warning: 399 of 500 scheduled iterations (79.80%) were dropped: no free VU. max_vus 1 is too small for"
          + " 50 it/s at a p95 latency of ~91.0ms; try max_vus ≥ 5 (rate × iteration time, Little's law)",
      ])
    // Two requests per iteration double the time each VU is held: 50 × 0.182 s = 9.1 → 10.
    summary.requests = RequestTotals(total: 202, succeeded: 202, failed: 0)
    #expect(
      TerminalView.droppedWarning(summary, info: info)
        == "warning: 399 of 500 scheduled iterations (79.80%) were dropped: no free VU. max_vus 1 is too small for"
        + " 50 it/s at ~182.0ms per iteration (2.0 requests at p95 91.0ms); try max_vus ≥ 10 (rate × iteration"
        + " time, Little's law)")
    // A pool that Little's law finds big enough was still short at times.
    info.peakVUs = 20
    #expect(
      TerminalView.droppedWarning(summary, info: info)
        == "warning: 399 of 500 scheduled iterations (79.80%) were dropped: no free VU. max_vus 20 was too small"
        + " at times for 50 it/s at ~182.0ms per iteration (2.0 requests at p95 91.0ms); latency spikes hold VUs"
        + " longer: raise max_vus.")
    summary.droppedIterations = 0
    #expect(TerminalView.droppedWarning(summary, info: info) == nil)
  }

  /// A zero deviation carries no time; one connection is singular.
  @Test func zeroDeviationAndOneConnection() {
    var summary = Fixtures.summary
    summary.maxDeviation = LoadDeviation(value: 0, unit: "vus", elapsedSeconds: 1)
    summary.connectionsOpened = 1
    let text = TerminalView.summaryTable(summary)
    #expect(text.hasSuffix("\nmax deviation: 0 (the number of active VUs always matched the pattern)\n"))
    #expect(text.hasPrefix("1000 requests in 30.0s (+0.2s drain), 33.3 RPS, 3 (0.30%) failed; 1 connection opened,"))
    summary.maxDeviation = LoadDeviation(value: 0, unit: "it/s", elapsedSeconds: 4)
    #expect(
      TerminalView.summaryTable(summary).hasSuffix(
        "\nmax deviation: 0 (the rate of started iterations always matched the pattern)\n"))
    summary.retried = 7
    #expect(
      TerminalView.summaryTable(summary).prefix { $0 != "\n" }.hasSuffix(
        "; 7 retried (sent again after a stale keep-alive connection)"))
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
