import LoadForgeMetrics
import LoadForgePlan
import LoadForgeSpec

/// Evaluates thresholds against a run's results: a pure function of the plan's thresholds and a
/// `Summary` (the whole run at the end, or the closed intervals so far during it).
///
/// What each metric measures (the same numbers the summary table shows):
/// - `http_req_duration.<statistic>`: that field of `latency_ms`, over all requests or, with
///   `{name:…}`, of the endpoint; ms.
/// - `error_rate`: `requests.failed / requests.total` (HTTP-CASES C10); shown in %.
/// - `checks`: `checks.passed / (checks.passed + checks.failed)`; shown in %.
/// - `rps`: `rps` of the summary (requests over the load phase), req/s.
///
/// A threshold with nothing to measure (no complete response for a latency, no request for
/// `error_rate`, no check evaluated for `checks`) fails with `measured` nil (`n/a`): a gate that
/// saw no traffic must not pass a CI job. `rps` always has a value (0 when nothing was sent).
public enum ThresholdEvaluator {
  /// Each of `thresholds` against `summary`, in order.
  public static func evaluate(_ thresholds: [ThresholdPlan], against summary: Summary) -> [ThresholdResult] {
    thresholds.map { evaluate($0, against: summary) }
  }

  /// One threshold against `summary`.
  public static func evaluate(_ threshold: ThresholdPlan, against summary: Summary) -> ThresholdResult {
    let limit = displayValue(threshold.value, of: threshold.metric)
    let measured = measure(threshold, in: summary)
    // Compared in the unit each side was computed in, so equal values compare equal: latency in
    // ms (both are integer µs / 1000), rates as fractions, rps as is.
    let passed = measured.map { threshold.comparison.holds($0, comparedLimit(threshold)) } ?? false
    let shown = measured.map { displayValue($0, of: threshold.metric, measuredInMillis: true) }
    return ThresholdResult(
      threshold: threshold.source, metric: threshold.metric.rawValue, passed: passed, measured: shown,
      limit: limit, unit: unit(of: threshold.metric),
      measuredText: shown.map { text($0, of: threshold.metric) } ?? "n/a",
      abortOnFail: threshold.abortOnFail, statistic: threshold.statistic?.rawValue)
  }

  /// `ms`, `%` or `req/s`.
  public static func unit(of metric: ThresholdMetric) -> String {
    switch metric {
    case .httpReqDuration: "ms"
    case .errorRate, .checks: "%"
    case .rps: "req/s"
    }
  }

  /// A measured value in its display unit as the terminal shows it: `212.4ms` (as the summary
  /// table's latencies), `3.20%`, `523 req/s`.
  public static func text(_ value: Double, of metric: ThresholdMetric) -> String {
    switch metric {
    case .httpReqDuration: TerminalView.formatMillis(value)
    case .errorRate, .checks: String(format: "%.2f%%", value)
    case .rps: TerminalView.formatRate(value) + " req/s"
    }
  }

  /// What `threshold` measures in `summary`: latency in ms, rates as fractions (0…1), rps in
  /// req/s; nil when there is nothing to measure (see the type's documentation).
  static func measure(_ threshold: ThresholdPlan, in summary: Summary) -> Double? {
    switch threshold.metric {
    case .httpReqDuration:
      let stats: LatencyStats
      if let index = threshold.endpoint {
        guard summary.endpoints.indices.contains(index) else { return nil }
        stats = summary.endpoints[index].latency
      } else {
        stats = summary.latency
      }
      // Every field is 0 when no response completed (`LatencyStats`); a real sample is ≥ 1 µs.
      guard stats.max > 0 else { return nil }
      return statistic(threshold.statistic ?? .p95, of: stats)
    case .errorRate:
      return summary.requests.total == 0 ? nil : summary.requests.failureRate
    case .checks:
      return summary.checks.total == 0 ? nil : summary.checks.passRate
    case .rps:
      return summary.rps
    }
  }

  /// The limit in the unit `measure` returns: µs → ms for latency, else as compiled.
  private static func comparedLimit(_ threshold: ThresholdPlan) -> Double {
    threshold.metric == .httpReqDuration ? threshold.value / 1000 : threshold.value
  }

  /// A plan value (µs, fraction, req/s) or, with `measuredInMillis`, a measured one (ms,
  /// fraction, req/s) in the display unit (ms, %, req/s).
  private static func displayValue(_ value: Double, of metric: ThresholdMetric, measuredInMillis: Bool = false)
    -> Double
  {
    switch metric {
    case .httpReqDuration: measuredInMillis ? value : value / 1000
    case .errorRate, .checks: value * 100
    case .rps: value
    }
  }

  private static func statistic(_ statistic: ThresholdStatistic, of stats: LatencyStats) -> Double {
    switch statistic {
    case .p50: stats.p50
    case .p90: stats.p90
    case .p95: stats.p95
    case .p99: stats.p99
    case .p999: stats.p999
    case .max: stats.max
    case .mean: stats.mean
    case .min: stats.min
    }
  }
}
