import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

/// `PercentilePoint.distribution`: HdrHistogram's percentile distribution, in ms.
@Suite struct PercentilePointDistributionTests {
  @Test func followsHdrHistogramTicksAndEndsAtTheMaximum() {
    var histogram = LatencyHistogram.make()
    for micros in 1...1000 { histogram.record(UInt64(micros)) }
    let points = PercentilePoint.distribution(histogram)
    // 5 ticks per halving of the distance to 100 %: 0, 10, … 50, then 55 … 75, then 77.5 …
    #expect(points.prefix(8).map(\.percentile) == [0, 10, 20, 30, 40, 50, 55, 60])
    #expect(points.first?.latencyMs == 0.001)
    #expect(points.first { $0.percentile == 50 }?.latencyMs == 0.5)
    #expect(points.first { $0.percentile == 90 }?.latencyMs == 0.9)
    #expect(points.last?.percentile == 100)
    #expect(points.last?.latencyMs == 1.0)
    #expect(
      zip(points, points.dropFirst()).allSatisfy { $0.percentile < $1.percentile && $0.latencyMs <= $1.latencyMs })
  }

  @Test func clampsBucketTopsToTheLargestValue() {
    var histogram = LatencyHistogram.make()
    histogram.record(12_345, count: 10)  // one bucket: its top is above 12,345 µs
    let points = PercentilePoint.distribution(histogram)
    #expect(points.allSatisfy { $0.latencyMs == 12.345 })
    #expect(points.last?.percentile == 100)
  }

  @Test func emptyHistogramHasNoPoints() {
    #expect(PercentilePoint.distribution(LatencyHistogram.make()).isEmpty)
  }
}
