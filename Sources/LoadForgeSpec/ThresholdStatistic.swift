/// The statistic of a latency distribution a threshold compares (`http_req_duration.p95`).
public enum ThresholdStatistic: String, Codable, Sendable, Equatable, CaseIterable {
  case p50, p90, p95, p99, p999, max, mean, min

  public static let names = allCases.map(\.rawValue)
}
