import LoadForgeConfig
import LoadForgeSpec
import Testing

/// A config with one task named "login" whose `[thresholds]` body is `lines`, from line 10.
private func withThresholds(_ lines: String) -> String {
  oneTask("name = \"login\"\npath = \"/login\"") + "\n[thresholds]\n" + lines
}

/// The thresholds of a config that must decode.
private func thresholds(_ lines: String) throws -> [ThresholdSpec] {
  try decode(withThresholds(lines)).get().thresholds
}

@Suite struct SpecDecoderThresholdTests {
  struct Valid: Sendable, CustomStringConvertible {
    var line: String
    var metric: ThresholdMetric
    var statistic: ThresholdStatistic?
    var taskName: String?
    var comparison: ThresholdOperator
    var value: Double
    var abortOnFail = false
    var delayMicros: Int64 = 0
    var source: String
    var description: String { line }
  }

  static let valid: [Valid] = [
    Valid(
      line: #""http_req_duration.p95" = "< 300ms""#, metric: .httpReqDuration, statistic: .p95,
      comparison: .less, value: 300_000, source: "http_req_duration.p95 < 300ms"),
    Valid(
      line: #""http_req_duration{name:login}.p99" = "<= 1s""#, metric: .httpReqDuration, statistic: .p99,
      taskName: "login", comparison: .lessOrEqual, value: 1_000_000,
      source: "http_req_duration{name:login}.p99 <= 1s"),
    Valid(
      line: #""http_req_duration{name:v1.2 }.p999" = ">=1.5ms""#, metric: .httpReqDuration, statistic: .p999,
      taskName: "v1.2 ", comparison: .greaterOrEqual, value: 1_500, source: "http_req_duration{name:v1.2 }.p999 >=1.5ms"
    ),
    Valid(
      line: #""http_req_duration.mean" = "  > 250us  ""#, metric: .httpReqDuration, statistic: .mean,
      comparison: .greater, value: 250, source: "http_req_duration.mean > 250us"),
    Valid(
      line: #"error_rate = "< 1%""#, metric: .errorRate, comparison: .less, value: 0.01,
      source: "error_rate < 1%"),
    Valid(
      line: #"checks = "> 99.5 %""#, metric: .checks, comparison: .greater, value: 0.995, source: "checks > 99.5 %"),
    Valid(
      line: #"checks = ">= 100%""#, metric: .checks, comparison: .greaterOrEqual, value: 1, source: "checks >= 100%"),
    Valid(line: #"rps = "> 100""#, metric: .rps, comparison: .greater, value: 100, source: "rps > 100"),
    Valid(line: #"rps = ">= 0.5""#, metric: .rps, comparison: .greaterOrEqual, value: 0.5, source: "rps >= 0.5"),
    Valid(
      line: #""http_req_duration.max" = { threshold = "< 2s", abort_on_fail = true, delay = "10s" }"#,
      metric: .httpReqDuration, statistic: .max, comparison: .less, value: 2_000_000, abortOnFail: true,
      delayMicros: 10_000_000, source: "http_req_duration.max < 2s"),
    Valid(
      line: #"error_rate = { threshold = "<= 0%" }"#, metric: .errorRate, comparison: .lessOrEqual, value: 0,
      source: "error_rate <= 0%"),
  ]

  @Test(arguments: valid) func validThreshold(_ c: Valid) throws {
    let decoded = try thresholds(c.line)
    #expect(decoded.count == 1)
    let t = try #require(decoded.first)
    #expect(t.metric == c.metric)
    #expect(t.statistic == c.statistic)
    #expect(t.taskName?.value == c.taskName)
    #expect(t.comparison == c.comparison)
    #expect(t.value == c.value)
    #expect(t.abortOnFail == c.abortOnFail)
    #expect(t.delayMicros == c.delayMicros)
    #expect(t.source == c.source)
    #expect(t.location.line == 10)
  }

  @Test func thresholdsKeepWrittenOrderAndTheirLines() throws {
    let decoded = try thresholds(
      """
      rps = "> 1"
      "http_req_duration.p50" = "< 1s"
      error_rate = "< 5%"
      """)
    #expect(decoded.map(\.metric) == [.rps, .httpReqDuration, .errorRate])
    #expect(decoded.map(\.location.line) == [10, 11, 12])
    #expect(decoded.map(\.location.column) == [1, 1, 1])
  }

  @Test func noThresholdsSectionMeansNone() throws {
    #expect(try decode(oneTask("path = \"/\"")).get().thresholds == [])
  }

  static let invalid: [(String, [String])] = [
    (
      #""http_req_durations.p95" = "< 300ms""#,
      [#"10:1 unknown threshold metric "http_req_durations" [did you mean "http_req_duration"?]"#]
    ),
    (
      #"latency = "< 300ms""#,
      [#"10:1 unknown threshold metric "latency" [known metrics: http_req_duration, error_rate, checks, rps]"#]
    ),
    (
      #""http_req_duration.P95" = "< 300ms""#,
      [#"10:1 unknown statistic "P95" in threshold "http_req_duration.P95" [did you mean "p95"?]"#]
    ),
    (
      #""http_req_duration.median" = "< 300ms""#,
      [
        #"10:1 unknown statistic "median" in threshold "http_req_duration.median" [the median is .p50]"#
      ]
    ),
    (
      #"http_req_duration = "< 300ms""#,
      [
        #"10:1 missing statistic in threshold "http_req_duration" [add one of .p50 .p90 .p95 .p99 .p999 .max .mean .min, e.g. "http_req_duration.p95"]"#
      ]
    ),
    (
      #""http_req_duration{name:login}" = "< 300ms""#,
      [
        #"10:1 missing statistic in threshold "http_req_duration{name:login}" [add one of .p50 .p90 .p95 .p99 .p999 .max .mean .min, e.g. "http_req_duration{name:login}.p95"]"#
      ]
    ),
    (
      #""http_req_duration{login}.p95" = "< 300ms""#,
      [
        #"10:1 malformed filter in threshold "http_req_duration{login}.p95" [write {name:<task name>}, e.g. "http_req_duration{name:login}.p95"]"#
      ]
    ),
    (
      #""http_req_duration{name:login.p95" = "< 300ms""#,
      [
        #"10:1 malformed filter in threshold "http_req_duration{name:login.p95" [write {name:<task name>}, e.g. "http_req_duration{name:login}.p95"]"#
      ]
    ),
    (
      #""error_rate{name:login}" = "< 1%""#,
      [#"10:1 error_rate cannot be filtered by task [only http_req_duration takes {name:<task name>}]"#]
    ),
    (#""error_rate.p95" = "< 1%""#, [#"10:1 error_rate has no statistic [write error_rate = "< 1%"]"#]),
    (
      #""http_req_duration.p95" = "300ms""#,
      [
        #"10:27 threshold "300ms" does not start with an operator [start with one of <, <=, >, >=, e.g. "< 300ms"]"#
      ]
    ),
    (
      #"rps = "== 100""#,
      [#"10:7 threshold "== 100" does not start with an operator [start with one of <, <=, >, >=, e.g. "> 100"]"#]
    ),
    (
      #"rps = "<> 100""#,
      [#"10:7 invalid operator in threshold "<> 100" [use one of <, <=, >, >= followed by a value]"#]
    ),
    (#"rps = ">""#, [#"10:7 threshold ">" has no value [write e.g. "> 100"]"#]),
    (
      #"error_rate = "< 300ms""#,
      [#"10:14 error_rate takes a percentage, not "300ms" [write e.g. "< 1%"]"#]
    ),
    (#"checks = "> 0.99""#, [#"10:10 checks takes a percentage, not "0.99" [write e.g. "> 99%"]"#]),
    (
      #""http_req_duration.p95" = "< 5%""#,
      [
        #"10:27 http_req_duration.p95 takes a duration, not "5%" [use a number with a unit: 500ms, 1.5s (units: us, ms, s, m, h)]"#
      ]
    ),
    (
      #""http_req_duration.p95" = "< 300""#,
      [
        #"10:27 http_req_duration.p95 takes a duration, not "300" [use a number with a unit: 500ms, 1.5s (units: us, ms, s, m, h)]"#
      ]
    ),
    (
      #""http_req_duration.p95" = "< 3 parsecs""#,
      [
        #"10:27 invalid duration "3 parsecs" in threshold "http_req_duration.p95" [use a number with a unit: 500ms, 1.5s (units: us, ms, s, m, h)]"#
      ]
    ),
    (#"error_rate = "< 101%""#, [#"10:14 percentage must be between 0% and 100%, got 101%"#]),
    (#"checks = "> -1%""#, [#"10:10 percentage must be between 0% and 100%, got -1%"#]),
    (
      #"rps = "> 100/s""#,
      [#"10:7 rps takes a number of requests per second, not "100/s" [write e.g. "> 100"]"#]
    ),
    (#"rps = "> 5%""#, [#"10:7 rps takes a number of requests per second, not "5%" [write e.g. "> 100"]"#]),
    (
      #"rps = 100"#,
      [#"10:7 rps must be a string like "< 300ms" or a table { threshold = "< 300ms" }, found integer"#]
    ),
    (
      #"rps = { threshold = "> 1", abort_on_fial = true }"#,
      [#"10:28 unknown key "abort_on_fial" in threshold "rps" [did you mean "abort_on_fail"?]"#]
    ),
    (
      #"rps = { abort_on_fail = true }"#,
      [
        #"10:7 missing required key "threshold" in threshold "rps" [add threshold = "< 300ms" (an operator and a value)]"#
      ]
    ),
    (
      #"rps = { threshold = "> 1", abort_on_fail = "yes", delay = "10" }"#,
      [
        #"10:44 abort_on_fail must be true or false, found string"#,
        #"10:59 invalid duration "10" [use a number with a unit: 500ms, 30s, 5m, 1h]"#,
      ]
    ),
    (
      #"rps = { threshold = 1 }"#,
      [#"10:21 threshold must be a string like "< 300ms", found integer"#]
    ),
  ]

  @Test(arguments: invalid) func invalidThreshold(_ line: String, _ expected: [String]) {
    #expect(problems(withThresholds(line)) == expected)
  }

  @Test func everyBadThresholdIsReportedInOnePass() {
    let found = problems(
      withThresholds(
        """
        "http_req_duration.p42" = "< 1s"
        error_rate = "< 1ms"
        chekcs = "> 99%"
        """))
    #expect(
      found == [
        #"10:1 unknown statistic "p42" in threshold "http_req_duration.p42" [use one of .p50 .p90 .p95 .p99 .p999 .max .mean .min]"#,
        #"11:14 error_rate takes a percentage, not "1ms" [write e.g. "< 1%"]"#,
        #"12:1 unknown threshold metric "chekcs" [did you mean "checks"?]"#,
      ])
  }

  @Test func thresholdsMustBeATable() {
    let found = problems("thresholds = [\"p95 < 1s\"]\n" + oneTask("path = \"/\""))
    #expect(found == [#"1:14 thresholds must be a table, e.g. "http_req_duration.p95" = "< 300ms", found array"#])
  }
}
