import Histogram

/// Latency percentiles of one histogram, in milliseconds with decimals (from µs; exact to 1 µs
/// below 2.048 ms, relative error ≤ 0.1 % above: HdrHistogram, 3 significant digits).
///
/// `max` is the exact largest sample and `p100 == max`; `pXX` is the HDR bucket top clamped to
/// `max`, so `min ≤ p50 ≤ p90 ≤ p95 ≤ p99 ≤ p999 ≤ max` always holds (HTTP-CASES L3).
/// `mean` is exact (sum of samples / count), rounded to 1 µs.
/// An empty histogram gives 0 for every field: "no complete response" is reported by the
/// request counts next to it, and 0 keeps JSON numeric and charts continuous.
public struct LatencyStats: Codable, Sendable, Equatable {
  public var p50: Double
  public var p90: Double
  public var p95: Double
  public var p99: Double
  public var p999: Double
  public var max: Double
  public var mean: Double
  public var min: Double

  public init(
    p50: Double, p90: Double, p95: Double, p99: Double, p999: Double, max: Double, mean: Double, min: Double
  ) {
    self.p50 = p50
    self.p90 = p90
    self.p95 = p95
    self.p99 = p99
    self.p999 = p999
    self.max = max
    self.mean = mean
    self.min = min
  }

  /// All zero (no samples).
  public static let zero = LatencyStats(p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0, min: 0)

  /// Stats of `histogram` (values in µs).
  /// - Parameter sumMicros: exact sum of the samples, µs, for `mean`.
  public init(histogram: Histogram<UInt64>, sumMicros: UInt64) {
    let count = histogram.totalCount
    guard count > 0 else {
      self = .zero
      return
    }
    func ms(_ micros: UInt64) -> Double { Double(micros) / 1000 }
    p50 = ms(histogram.valueAtPercentile(50))
    p90 = ms(histogram.valueAtPercentile(90))
    p95 = ms(histogram.valueAtPercentile(95))
    p99 = ms(histogram.valueAtPercentile(99))
    p999 = ms(histogram.valueAtPercentile(99.9))
    max = ms(histogram.maxRecorded)
    min = ms(histogram.min)
    mean = (Double(sumMicros) / Double(count)).rounded() / 1000
  }
}
