import Foundation
import LoadForgeMetrics
import LoadForgePlan
import LoadForgeSpec
import Testing

@testable import LoadForgeReport

/// Thresholds against `Fixtures.summary`: latency p50 1.234, p90 8.5, p95 12.345, p99 250,
/// p999 999.96, max 1234.5, mean 4.2, min 0.101 ms; "list products" p95 12.3, "login" p95 20 ms;
/// 3 of 1000 requests failed (0.30 %); 33.33 req/s; `summaryWithChecks`: 38 of 50 checks passed.
struct ThresholdEvaluatorTests {
  static func latency(
    _ statistic: ThresholdStatistic, _ op: ThresholdOperator, _ micros: Double, endpoint: Int? = nil
  ) -> ThresholdPlan {
    ThresholdPlan(
      metric: .httpReqDuration, statistic: statistic, endpoint: endpoint, comparison: op, value: micros,
      source: "http_req_duration.\(statistic.rawValue) \(op.rawValue) \(micros)us")
  }

  static func plan(_ metric: ThresholdMetric, _ op: ThresholdOperator, _ value: Double) -> ThresholdPlan {
    ThresholdPlan(
      metric: metric, statistic: nil, endpoint: nil, comparison: op, value: value,
      source: "\(metric.rawValue) \(op.rawValue) \(value)")
  }

  @Test(
    "each statistic reads its own field of latency_ms",
    arguments: [
      (ThresholdStatistic.p50, 1.234), (.p90, 8.5), (.p95, 12.345), (.p99, 250), (.p999, 999.96), (.max, 1_234.5),
      (.mean, 4.2), (.min, 0.101),
    ])
  func statistic(_ statistic: ThresholdStatistic, expected: Double) {
    let result = ThresholdEvaluator.evaluate(Self.latency(statistic, .less, 300_000), against: Fixtures.summary)
    #expect(result.measured == expected)
    #expect(result.statistic == statistic.rawValue)
    #expect(result.unit == "ms")
    #expect(result.limit == 300)
    #expect(result.passed == (expected < 300))
    #expect(result.measuredText == TerminalView.formatMillis(expected))
  }

  @Test("a p95 over the limit fails, under it passes; the limit is shown in ms")
  func latencyPassFail() {
    let failing = ThresholdEvaluator.evaluate(Self.latency(.p95, .less, 10_000), against: Fixtures.summary)
    #expect(
      failing
        == ThresholdResult(
          threshold: "http_req_duration.p95 < 10000.0us", metric: "http_req_duration", passed: false,
          measured: 12.345, limit: 10, unit: "ms", measuredText: "12.3ms", statistic: "p95"))
    let passing = ThresholdEvaluator.evaluate(Self.latency(.p95, .less, 12_346), against: Fixtures.summary)
    #expect(passing.passed)
    #expect(passing.limit == 12.346)
  }

  @Test("{name:…} reads that endpoint's latency, not the run's")
  func endpointFilter() {
    let login = ThresholdEvaluator.evaluate(Self.latency(.p95, .less, 15_000, endpoint: 1), against: Fixtures.summary)
    #expect(login.measured == 20)
    #expect(!login.passed)
    let products = ThresholdEvaluator.evaluate(
      Self.latency(.p95, .less, 15_000, endpoint: 0), against: Fixtures.summary)
    #expect(products.measured == 12.3)
    #expect(products.passed)
    let missing = ThresholdEvaluator.evaluate(
      Self.latency(.p95, .less, 15_000, endpoint: 7), against: Fixtures.summary)
    #expect(missing.measured == nil)
    #expect(!missing.passed)
  }

  @Test(
    "every operator, at, below and above the limit (p95 = 12.345 ms)",
    arguments: [
      (ThresholdOperator.less, 12_345.0, false), (.less, 12_346, true), (.less, 12_344, false),
      (.lessOrEqual, 12_345, true), (.lessOrEqual, 12_344, false), (.lessOrEqual, 12_346, true),
      (.greater, 12_345, false), (.greater, 12_344, true), (.greater, 12_346, false),
      (.greaterOrEqual, 12_345, true), (.greaterOrEqual, 12_346, false), (.greaterOrEqual, 12_344, true),
    ])
  func operators(_ op: ThresholdOperator, micros: Double, passes: Bool) {
    let result = ThresholdEvaluator.evaluate(Self.latency(.p95, op, micros), against: Fixtures.summary)
    #expect(result.passed == passes)
  }

  @Test("error_rate is failed / total, shown in %")
  func errorRate() {
    let failing = ThresholdEvaluator.evaluate(Self.plan(.errorRate, .less, 0.003), against: Fixtures.summary)
    #expect(failing.measured == 0.3)
    #expect(failing.measuredText == "0.30%")
    #expect(failing.limit == 0.3)
    #expect(failing.unit == "%")
    #expect(!failing.passed)
    #expect(failing.statistic == nil)
    // 3/1000 equals the parsed 0.3 % exactly, so <= holds at the limit.
    #expect(
      ThresholdEvaluator.evaluate(Self.plan(.errorRate, .lessOrEqual, 0.3 / 100), against: Fixtures.summary).passed)
    #expect(ThresholdEvaluator.evaluate(Self.plan(.errorRate, .less, 0.01), against: Fixtures.summary).passed)
  }

  @Test("checks is passed / (passed + failed), shown in %")
  func checks() {
    let result = ThresholdEvaluator.evaluate(Self.plan(.checks, .greater, 0.99), against: Fixtures.summaryWithChecks)
    #expect(result.measured == 76)
    #expect(result.measuredText == "76.00%")
    #expect(result.limit == 99)
    #expect(!result.passed)
    #expect(
      ThresholdEvaluator.evaluate(Self.plan(.checks, .greaterOrEqual, 0.76), against: Fixtures.summaryWithChecks)
        .passed)
  }

  @Test("rps is the summary's rps")
  func rps() {
    let result = ThresholdEvaluator.evaluate(Self.plan(.rps, .greater, 30), against: Fixtures.summary)
    #expect(result.measured == 33.333_333_333_333_336)
    #expect(result.measuredText == "33.3 req/s")
    #expect(result.unit == "req/s")
    #expect(result.passed)
    #expect(!ThresholdEvaluator.evaluate(Self.plan(.rps, .greater, 100), against: Fixtures.summary).passed)
  }

  @Test("nothing measured fails with n/a: no response, no request, no check; rps 0 is a value")
  func noData() {
    var empty = Fixtures.summary
    empty.requests = RequestTotals(total: 0, succeeded: 0, failed: 0)
    empty.latency = .zero
    empty.endpoints = empty.endpoints.map {
      var e = $0
      e.latency = .zero
      return e
    }
    empty.rps = 0
    let thresholds = [
      Self.latency(.p95, .less, 300_000), Self.latency(.max, .greater, 0, endpoint: 0),
      Self.plan(.errorRate, .less, 0.01), Self.plan(.checks, .greater, 0.99),
    ]
    for result in ThresholdEvaluator.evaluate(thresholds, against: empty) {
      #expect(result.measured == nil)
      #expect(result.measuredText == "n/a")
      #expect(!result.passed)
    }
    let rps = ThresholdEvaluator.evaluate(Self.plan(.rps, .less, 10), against: empty)
    #expect(rps.measured == 0)
    #expect(rps.passed)
  }

  @Test("results keep the thresholds' order and abort_on_fail")
  func order() {
    var abort = Self.plan(.errorRate, .less, 0.01)
    abort.abortOnFail = true
    let results = ThresholdEvaluator.evaluate(
      [Self.plan(.rps, .greater, 1), abort, Self.latency(.p99, .less, 1)], against: Fixtures.summary)
    #expect(results.map(\.metric) == ["rps", "error_rate", "http_req_duration"])
    #expect(results.map(\.abortOnFail) == [false, true, false])
    #expect(results.map(\.abortedRun) == [false, false, false])
  }
}
