import LoadForgeSpec

/// A pass/fail criterion of the run, compiled from `[thresholds]`; evaluated against the metrics.
public struct ThresholdPlan: Codable, Sendable, Equatable {
  public var metric: ThresholdMetric
  /// The latency statistic for `http_req_duration`; nil for every other metric.
  public var statistic: ThresholdStatistic?
  /// Index into `Plan.endpoints` for `{name:…}`; nil for all requests.
  public var endpoint: Int?
  /// Serialised as `operator`: passes when `measured <operator> value`.
  public var comparison: ThresholdOperator
  /// The limit: µs for `http_req_duration`, a fraction (0…1) for `error_rate` and `checks`,
  /// requests per second for `rps`.
  public var value: Double
  /// Stop the run as soon as the threshold fails.
  public var abortOnFail: Bool
  /// Seconds after the start before the threshold is first evaluated.
  public var delaySeconds: Double
  /// The threshold as written (`http_req_duration.p95 < 300ms`), for reports.
  public var source: String

  public init(
    metric: ThresholdMetric, statistic: ThresholdStatistic?, endpoint: Int?, comparison: ThresholdOperator,
    value: Double, abortOnFail: Bool = false, delaySeconds: Double = 0, source: String
  ) {
    self.metric = metric
    self.statistic = statistic
    self.endpoint = endpoint
    self.comparison = comparison
    self.value = value
    self.abortOnFail = abortOnFail
    self.delaySeconds = delaySeconds
    self.source = source
  }

  enum CodingKeys: String, CodingKey {
    case metric, statistic, endpoint
    case comparison = "operator"
    case value, abortOnFail, delaySeconds, source
  }
}
