import LoadForgeConfig

/// One entry of `[thresholds]`, parsed and checked: `"http_req_duration{name:login}.p99" = "< 1s"`.
///
/// The task name of a `{name:…}` filter is kept as written (with `${VAR}`s): the plan compiler
/// interpolates it and checks that a task carries that name.
public struct ThresholdSpec: Sendable, Equatable {
  public var metric: ThresholdMetric
  /// Required for `http_req_duration`, nil for every other metric.
  public var statistic: ThresholdStatistic?
  /// `{name:login}`: only requests of the task(s) named `login`; nil for all requests.
  public var taskName: Located<String>?
  public var comparison: ThresholdOperator
  /// The limit in the metric's unit: µs for `http_req_duration`, a fraction (0…1) for
  /// `error_rate` and `checks`, requests per second for `rps`.
  public var value: Double
  /// `abort_on_fail = true`: stop the run as soon as the threshold fails (default false).
  public var abortOnFail: Bool
  /// `delay = "10s"`, µs: how long after the start the threshold is first evaluated (default 0).
  public var delayMicros: Int64
  /// The threshold as written, `key expression` (e.g. `http_req_duration.p95 < 300ms`), for reports.
  public var source: String
  /// Where the key is written.
  public var location: SourceLocation

  public init(
    metric: ThresholdMetric, statistic: ThresholdStatistic?, taskName: Located<String>?,
    comparison: ThresholdOperator, value: Double, abortOnFail: Bool = false, delayMicros: Int64 = 0,
    source: String, location: SourceLocation
  ) {
    self.metric = metric
    self.statistic = statistic
    self.taskName = taskName
    self.comparison = comparison
    self.value = value
    self.abortOnFail = abortOnFail
    self.delayMicros = delayMicros
    self.source = source
    self.location = location
  }
}
