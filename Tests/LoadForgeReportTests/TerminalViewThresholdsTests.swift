import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

struct TerminalViewThresholdsTests {
  @Test("golden: sources aligned, measured value next to each, then the verdict")
  func golden() {
    let text = TerminalView.thresholdLines(Array(JUnitReportTests.results))
    #expect(
      text == """
        ✓ http_req_duration.p95 < 300ms                p95 212.4ms
        ✗ error_rate < 1%                              3.20%
        ✗ http_req_duration{name:login}.p99 < 0.001ms  p99 0.20ms  (stopped the run)
        ✗ checks > 99%                                 n/a: no check ran
        ✓ rps > 100                                    523 req/s
        thresholds: 3 of 5 failed

        """)
  }

  @Test("all passed, one passed, none")
  func verdicts() {
    let passed = JUnitReportTests.results.filter(\.passed)
    #expect(
      TerminalView.thresholdLines(passed) == """
        ✓ http_req_duration.p95 < 300ms  p95 212.4ms
        ✓ rps > 100                      523 req/s
        thresholds: all 2 passed

        """)
    #expect(TerminalView.thresholdLines([passed[1]]) == "✓ rps > 100  523 req/s\nthresholds: passed\n")
    #expect(TerminalView.thresholdLines([]) == "")
  }

  @Test("n/a says why for each metric")
  func noData() {
    func phrase(_ metric: String) -> String {
      TerminalView.measuredPhrase(
        ThresholdResult(
          threshold: "", metric: metric, passed: false, measured: nil, limit: 1, unit: "", measuredText: "n/a",
          statistic: metric == "http_req_duration" ? "p95" : nil))
    }
    #expect(phrase("http_req_duration") == "n/a: no complete response")
    #expect(phrase("error_rate") == "n/a: no request")
    #expect(phrase("checks") == "n/a: no check ran")
  }
}
