import Foundation
import FoundationXML
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

struct JUnitReportTests {
  static let startedAt = Date(timeIntervalSince1970: 1_740_830_405.25)  // 2025-03-01T12:00:05.250Z

  static let results = [
    ThresholdResult(
      threshold: "http_req_duration.p95 < 300ms", metric: "http_req_duration", passed: true, measured: 212.4,
      limit: 300, unit: "ms", measuredText: "212.4ms", statistic: "p95"),
    ThresholdResult(
      threshold: "error_rate < 1%", metric: "error_rate", passed: false, measured: 3.2, limit: 1, unit: "%",
      measuredText: "3.20%"),
    ThresholdResult(
      threshold: "http_req_duration{name:login}.p99 < 0.001ms", metric: "http_req_duration", passed: false,
      measured: 0.2, limit: 0.001, unit: "ms", measuredText: "0.20ms", abortOnFail: true, abortedRun: true,
      statistic: "p99"),
    ThresholdResult(
      threshold: "checks > 99%", metric: "checks", passed: false, measured: nil, limit: 99, unit: "%",
      measuredText: "n/a"),
    ThresholdResult(
      threshold: "rps > 100", metric: "rps", passed: true, measured: 523.4, limit: 100, unit: "req/s",
      measuredText: "523 req/s"),
  ]

  @Test("golden: one testcase per threshold, a failure with measured vs limit for each failed one")
  func golden() {
    let xml = JUnitReport.xml(Self.results, runName: "shop", durationSeconds: 30.2, startedAt: Self.startedAt)
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="loadforge" tests="5" failures="3" errors="0" time="30.200">
        <testsuite name="loadforge thresholds" tests="5" failures="3" errors="0" skipped="0" time="30.200" \
      timestamp="2025-03-01T12:00:05">
          <testcase classname="shop" name="http_req_duration.p95 &lt; 300ms" time="0"/>
          <testcase classname="shop" name="error_rate &lt; 1%" time="0">
            <failure message="measured 3.20%, limit 1%" type="threshold">error_rate &lt; 1%: measured 3.20%, \
      limit 1%</failure>
          </testcase>
          <testcase classname="shop" name="http_req_duration{name:login}.p99 &lt; 0.001ms" time="0">
            <failure message="measured p99 0.20ms, limit 0.001ms" type="threshold">\
      http_req_duration{name:login}.p99 &lt; 0.001ms: measured p99 0.20ms, limit 0.001ms; it stopped the run \
      (abort_on_fail)</failure>
          </testcase>
          <testcase classname="shop" name="checks &gt; 99%" time="0">
            <failure message="nothing measured (no check ran), limit 99%" type="threshold">checks &gt; 99%: \
      nothing measured (no check ran), limit 99%</failure>
          </testcase>
          <testcase classname="shop" name="rps &gt; 100" time="0"/>
        </testsuite>
      </testsuites>

      """
    #expect(xml == expected)
  }

  @Test("a run without thresholds is an empty passing suite")
  func empty() {
    let xml = JUnitReport.xml([], runName: "shop", durationSeconds: 5, startedAt: Self.startedAt)
    #expect(
      xml == """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="loadforge" tests="0" failures="0" errors="0" time="5.000">
          <testsuite name="loadforge thresholds" tests="0" failures="0" errors="0" skipped="0" time="5.000" \
        timestamp="2025-03-01T12:00:05">
          </testsuite>
        </testsuites>

        """)
  }

  @Test("an interrupted run says so in the suite's properties and system-out, and still parses")
  func interrupted() throws {
    let xml = JUnitReport.xml(
      Array(Self.results.prefix(1)), runName: "shop", durationSeconds: 3.4, startedAt: Self.startedAt,
      interruption: (afterSeconds: 3.2, plannedSeconds: 30))
    #expect(
      xml == """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="loadforge" tests="1" failures="0" errors="0" time="3.400">
          <testsuite name="loadforge thresholds" tests="1" failures="0" errors="0" skipped="0" time="3.400" \
        timestamp="2025-03-01T12:00:05">
            <properties>
              <property name="interrupted" value="run interrupted after 3.2s of 30.0s"/>
            </properties>
            <testcase classname="shop" name="http_req_duration.p95 &lt; 300ms" time="0"/>
            <system-out>run interrupted after 3.2s of 30.0s: the thresholds cover only that part</system-out>
          </testsuite>
        </testsuites>

        """)
    let document = try XMLDocument(data: Data(xml.utf8))
    let property = try document.nodes(forXPath: "//testsuite/properties/property").first as? XMLElement
    #expect(property?.attribute(forName: "value")?.stringValue == "run interrupted after 3.2s of 30.0s")
    #expect(JUnitReport.interruptionText(afterSeconds: 75, of: nil) == "run interrupted after 1m15s")
    // A finished run has neither.
    let finished = JUnitReport.xml(Self.results, runName: "shop", durationSeconds: 30, startedAt: Self.startedAt)
    #expect(!finished.contains("<properties>") && !finished.contains("<system-out>"))
  }

  @Test("markup, quotes, whitespace and characters XML 1.0 cannot hold are escaped")
  func escaping() {
    #expect(JUnitReport.escape("a<b>&\"c\" 'd'") == "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;")
    #expect(JUnitReport.escape("tab\tnl\ncr\r") == "tab&#9;nl&#10;cr&#13;")
    #expect(JUnitReport.escape("nul\u{0}bel\u{7}\u{FFFE}") == "nul\u{FFFD}bel\u{FFFD}\u{FFFD}")
    #expect(JUnitReport.escape("ünïcödé ✓ 日本") == "ünïcödé ✓ 日本")
    let result = ThresholdResult(
      threshold: "http_req_duration{name:a&b <\"x\">}.p95 < 1ms", metric: "http_req_duration", passed: false,
      measured: 2, limit: 1, unit: "ms", measuredText: "2.00ms", statistic: "p95")
    let xml = JUnitReport.xml([result], runName: "r&d's \"test\"", durationSeconds: 1, startedAt: Self.startedAt)
    #expect(xml.contains("classname=\"r&amp;d&apos;s &quot;test&quot;\""))
    #expect(xml.contains("name=\"http_req_duration{name:a&amp;b &lt;&quot;x&quot;&gt;}.p95 &lt; 1ms\""))
    // The document parses, and the parser gives back the original text.
    let document = try? XMLDocument(data: Data(xml.utf8))
    let testcase = try? document?.nodes(forXPath: "//testcase").first as? XMLElement
    #expect(testcase?.attribute(forName: "name")?.stringValue == result.threshold)
    #expect(testcase?.attribute(forName: "classname")?.stringValue == "r&d's \"test\"")
  }

  @Test("limits are written as in a config: no trailing zeros, req/s spaced")
  func limits() {
    func limit(_ value: Double, _ unit: String) -> String {
      JUnitReport.limitText(
        ThresholdResult(
          threshold: "", metric: "", passed: false, measured: nil, limit: value, unit: unit, measuredText: "n/a"))
    }
    #expect(limit(300, "ms") == "300ms")
    #expect(limit(0.001, "ms") == "0.001ms")
    #expect(limit(12.5, "%") == "12.5%")
    #expect(limit(100, "req/s") == "100 req/s")
  }
}
