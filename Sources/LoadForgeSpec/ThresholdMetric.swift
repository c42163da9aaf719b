/// What a threshold measures: the names k6 users know, each with its own kind of value.
public enum ThresholdMetric: String, Codable, Sendable, Equatable, CaseIterable {
  /// Request latency, µs; needs a statistic (`.p95`) and may be filtered by task name.
  case httpReqDuration = "http_req_duration"
  /// Failed requests / all requests, a fraction written as a percentage (`"< 1%"`).
  case errorRate = "error_rate"
  /// Passed checks / all checks, a fraction written as a percentage (`"> 99%"`).
  case checks
  /// Requests per second over the run, a plain number (`"> 100"`).
  case rps

  public static let names = allCases.map(\.rawValue)
}
