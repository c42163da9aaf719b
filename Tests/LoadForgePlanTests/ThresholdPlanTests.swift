import Foundation
import LoadForgeConfig
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

/// Two tasks ("login", "list") and `[thresholds]` from line 14.
private func config(_ thresholds: String) -> String {
  """
  base_url = "http://127.0.0.1:8080"
  [load]
  users = 1
  duration = "1s"
  [[scenarios]]
    [[scenarios.tasks]]
    name = "login"
    path = "/login"
    [[scenarios.tasks]]
    name = "list"
    path = "/items"
  # thresholds follow
  [thresholds]
  \(thresholds)
  """
}

@Suite struct ThresholdPlanTests {
  @Test func compilesEveryMetricToItsUnit() throws {
    let plan = try compile(
      config(
        """
        "http_req_duration.p95" = "< 300ms"
        "http_req_duration{name:list}.p99" = { threshold = "<= 1.5s", abort_on_fail = true, delay = "1m30s" }
        error_rate = "< 1%"
        checks = ">= 99%"
        rps = "> 100"
        """))
    #expect(
      plan.thresholds == [
        ThresholdPlan(
          metric: .httpReqDuration, statistic: .p95, endpoint: nil, comparison: .less, value: 300_000,
          source: "http_req_duration.p95 < 300ms"),
        ThresholdPlan(
          metric: .httpReqDuration, statistic: .p99, endpoint: 1, comparison: .lessOrEqual, value: 1_500_000,
          abortOnFail: true, delaySeconds: 90, source: "http_req_duration{name:list}.p99 <= 1.5s"),
        ThresholdPlan(
          metric: .errorRate, statistic: nil, endpoint: nil, comparison: .less, value: 0.01,
          source: "error_rate < 1%"),
        ThresholdPlan(
          metric: .checks, statistic: nil, endpoint: nil, comparison: .greaterOrEqual, value: 0.99,
          source: "checks >= 99%"),
        ThresholdPlan(
          metric: .rps, statistic: nil, endpoint: nil, comparison: .greater, value: 100, source: "rps > 100"),
      ])
  }

  @Test func filterNamesAreInterpolatedBeforeLookup() throws {
    let plan = try compile(
      config(#""http_req_duration{name:${TASK}}.max" = "< 2s""#), env: ["TASK": "login"])
    #expect(plan.thresholds.map(\.endpoint) == [0])
    #expect(plan.thresholds.first?.source == "http_req_duration{name:${TASK}}.max < 2s")
  }

  @Test func filterNamingNoTaskIsReportedAtTheKey() throws {
    let errors = try compileErrors(
      config(
        """
        "http_req_duration{name:lgoin}.p95" = "< 1s"
        "http_req_duration{name:checkout}.p95" = "< 1s"
        """))
    #expect(errors.map(\.message) == [#"no task is named "lgoin""#, #"no task is named "checkout""#])
    #expect(errors.map { $0.location?.line } == [14, 15])
    #expect(errors.map { $0.location?.column } == [1, 1])
    #expect(errors.map(\.help) == [#"did you mean "login"?"#, #"task names: "login", "list""#])
  }

  @Test func unsetVariableInFilterIsReportedOnce() throws {
    let errors = try compileErrors(config(#""http_req_duration{name:${NOPE}}.p95" = "< 1s""#))
    #expect(errors.count == 1)
    #expect(errors.first?.location?.line == 14)
    #expect(errors.first?.message.contains("NOPE") == true)
  }

  @Test func planJSONNamesTheOperatorAndRoundTrips() throws {
    let plan = try compile(config(#"error_rate = { threshold = "< 2.5%", delay = "500ms" }"#))
    let data = try JSONEncoder().encode(plan)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let thresholds = try #require(object["thresholds"] as? [[String: Any]])
    #expect(thresholds.count == 1)
    #expect(thresholds.first?["operator"] as? String == "<")
    #expect(thresholds.first?["metric"] as? String == "error_rate")
    #expect(thresholds.first?["delaySeconds"] as? Double == 0.5)
    #expect(thresholds.first?["value"] as? Double == 0.025)
    #expect(try JSONDecoder().decode(Plan.self, from: data) == plan)
  }

  @Test func planWithoutThresholdsKeyStillDecodes() throws {
    let plan = try compile(config(""))
    #expect(plan.thresholds == [])
    var object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(plan)) as? [String: Any])
    #expect(object.removeValue(forKey: "thresholds") != nil)
    let old = try JSONSerialization.data(withJSONObject: object)
    #expect(try JSONDecoder().decode(Plan.self, from: old) == plan)
  }

  @Test func yamlAndJSONGiveTheSameThresholdsAsTOML() throws {
    let toml = config(
      """
      "http_req_duration{name:login}.p99" = { threshold = "< 1s", abort_on_fail = true, delay = "5s" }
      error_rate = "< 1%"
      """)
    let yaml = """
      base_url: "http://127.0.0.1:8080"
      load: { users: 1, duration: "1s" }
      scenarios:
        - tasks:
            - { name: login, path: /login }
            - { name: list, path: /items }
      thresholds:
        "http_req_duration{name:login}.p99": { threshold: "< 1s", abort_on_fail: true, delay: "5s" }
        error_rate: "< 1%"
      """
    let json = """
      {"base_url": "http://127.0.0.1:8080", "load": {"users": 1, "duration": "1s"},
       "scenarios": [{"tasks": [{"name": "login", "path": "/login"}, {"name": "list", "path": "/items"}]}],
       "thresholds": {"http_req_duration{name:login}.p99": {"threshold": "< 1s", "abort_on_fail": true,
         "delay": "5s"}, "error_rate": "< 1%"}}
      """
    func thresholds(_ text: String, _ format: ConfigFormat) throws -> [ThresholdPlan] {
      let root = try format.parse(Array(text.utf8), file: "t")
      return try PlanCompiler.compile(try SpecDecoder.decode(root), environment: [:]).thresholds
    }
    let expected = try compile(toml).thresholds
    #expect(expected.count == 2)
    #expect(expected.first?.endpoint == 0)
    #expect(expected.first?.delaySeconds == 5)
    #expect(try thresholds(yaml, .yaml) == expected)
    #expect(try thresholds(json, .json) == expected)
  }

  @Test(arguments: [
    (ThresholdOperator.less, 1.0, 2.0, true), (.less, 2, 2, false), (.lessOrEqual, 2, 2, true),
    (.greater, 2, 2, false), (.greater, 3, 2, true), (.greaterOrEqual, 2, 2, true), (.greaterOrEqual, 1, 2, false),
  ])
  func operatorHolds(_ op: ThresholdOperator, _ measured: Double, _ limit: Double, _ expected: Bool) {
    #expect(op.holds(measured, limit) == expected)
  }
}
