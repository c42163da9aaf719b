import Histogram

extension PercentilePoint {
  /// Reporting points per halving of the distance to 100 %, as HdrHistogram's
  /// `outputPercentileDistribution` defaults to: 0, 10, … 50, 55, … 75, 77.5, … 100.
  public static let ticksPerHalfDistance = 5

  /// The percentile distribution of a latency histogram (values in µs), as HdrHistogram's
  /// `outputPercentileDistribution` lists it: percentiles stepping by `ticksPerHalfDistance`
  /// per halving of the distance to 100 %, ending with 100 % at the largest value; latencies
  /// in ms, never above the largest recorded value (a bucket's top is clamped to it, as
  /// `LatencyStats` does). Empty for an empty histogram.
  public static func distribution(_ histogram: Histogram<UInt64>) -> [PercentilePoint] {
    guard histogram.totalCount > 0 else { return [] }
    let largest = histogram.maxRecorded
    var points: [PercentilePoint] = []
    for step in histogram.percentiles(ticksPerHalfDistance: ticksPerHalfDistance) {
      let micros = min(step.value, largest)
      points.append(PercentilePoint(percentile: step.percentileLevelIteratedTo, latencyMs: Double(micros) / 1000))
    }
    return points
  }
}
