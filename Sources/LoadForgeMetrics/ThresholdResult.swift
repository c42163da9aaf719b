/// One threshold evaluated against a run's metrics: `thresholds` of summary.json, a line of the
/// terminal summary and of the HTML report, a JUnit testcase.
///
/// JSON shape: `{"threshold": "http_req_duration.p95 < 300ms", "metric": "http_req_duration",
/// "statistic": "p95", "passed": false, "measured": 412.5, "limit": 300, "unit": "ms",
/// "measured_text": "412.5ms", "abort_on_fail": false, "aborted_run": false}`.
public struct ThresholdResult: Codable, Sendable, Equatable {
  /// The threshold as written in the config (`ThresholdPlan.source`), or the flag
  /// (`--fail-on-error-rate 0.01` as `error_rate < 1%`).
  public var threshold: String
  /// `http_req_duration`, `error_rate`, `checks` or `rps`.
  public var metric: String
  /// The latency statistic of `http_req_duration` (`p95`, `max`…), so a line can read
  /// `p95 412.5ms`; nil (absent in JSON) for every other metric.
  public var statistic: String?
  public var passed: Bool
  /// The measured value in `unit`: ms for latency, % for rates of requests or checks, requests/s
  /// for rps; nil when nothing was measured (no request got a response: then `passed` is false).
  public var measured: Double?
  /// The limit in the same unit.
  public var limit: Double
  /// `ms`, `%` or `req/s`.
  public var unit: String
  /// `measured` as the terminal shows it (`412.5ms`, `0.31%`, `n/a`).
  public var measuredText: String
  /// The threshold may stop the run (`abort_on_fail`).
  public var abortOnFail: Bool
  /// It did stop the run (failed during the load phase, after its delay).
  public var abortedRun: Bool

  public init(
    threshold: String, metric: String, passed: Bool, measured: Double?, limit: Double, unit: String,
    measuredText: String, abortOnFail: Bool = false, abortedRun: Bool = false, statistic: String? = nil
  ) {
    self.statistic = statistic
    self.threshold = threshold
    self.metric = metric
    self.passed = passed
    self.measured = measured
    self.limit = limit
    self.unit = unit
    self.measuredText = measuredText
    self.abortOnFail = abortOnFail
    self.abortedRun = abortedRun
  }

  enum CodingKeys: String, CodingKey {
    case threshold, metric, statistic, passed, measured, limit, unit
    case measuredText = "measured_text"
    case abortOnFail = "abort_on_fail"
    case abortedRun = "aborted_run"
  }
}
