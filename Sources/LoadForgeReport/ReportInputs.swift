import LoadForgeMetrics

/// Everything a report is built from, at the end of a run or rebuilt from a results directory
/// (`loadforge report RUN_DIR`): every output format (HTML, JSON, CSV) renders from this value
/// alone, so a rebuilt report equals the original.
public struct ReportInputs: Sendable, Equatable {
  /// `run.json`: name, pattern, planned duration, workers, endpoints.
  public var runInfo: RunInfo
  /// The run's results (`summary.json`).
  public var summary: Summary
  /// One per load tick, then the drain's when there was one (`snapshots.ndjson`), in order.
  public var snapshots: [Snapshot]
  /// The run's latency distribution over all endpoints, for the percentile-curve chart
  /// (HdrHistogram's percentile distribution: percentile 0…100 → latency ms), ascending.
  public var latencyDistribution: [PercentilePoint]
  /// Thresholds evaluated at the end (empty when the config has none).
  public var thresholds: [ThresholdResult]

  public init(
    runInfo: RunInfo, summary: Summary, snapshots: [Snapshot], latencyDistribution: [PercentilePoint],
    thresholds: [ThresholdResult] = []
  ) {
    self.runInfo = runInfo
    self.summary = summary
    self.snapshots = snapshots
    self.latencyDistribution = latencyDistribution
    self.thresholds = thresholds
  }

  /// Whether every threshold passed (true when there are none).
  public var passed: Bool { thresholds.allSatisfy(\.passed) }
}

/// One point of a latency percentile distribution: `percentile` (0…100) of requests took at most
/// `latencyMs`.
public struct PercentilePoint: Codable, Sendable, Equatable {
  public var percentile: Double
  public var latencyMs: Double

  public init(percentile: Double, latencyMs: Double) {
    self.percentile = percentile
    self.latencyMs = latencyMs
  }

  enum CodingKeys: String, CodingKey {
    case percentile
    case latencyMs = "latency_ms"
  }
}
