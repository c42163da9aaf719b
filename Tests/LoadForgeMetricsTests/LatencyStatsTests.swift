import Foundation
import Histogram
import LoadForgeTestSupport
import Testing

@testable import LoadForgeMetrics

struct LatencyStatsTests {
  @Test func exactValuesBelowUnitResolutionLimit() {
    // Values below 2,048 µs have 1 µs resolution, so these percentiles are exact.
    var h = LatencyHistogram.make()
    var sum: UInt64 = 0
    for v in UInt64(1)...1_000 {
      h.record(v)
      sum += v
    }
    let s = LatencyStats(histogram: h, sumMicros: sum)
    #expect(s.p50 == 0.5)
    #expect(s.p90 == 0.9)
    #expect(s.p95 == 0.95)
    #expect(s.p99 == 0.99)
    #expect(s.p999 == 0.999)
    #expect(s.max == 1.0)
    #expect(s.min == 0.001)
    #expect(s.mean == 0.501)  // 500.5 µs rounded to 1 µs
  }

  @Test func emptyHistogramGivesZeros() {
    let s = LatencyStats(histogram: LatencyHistogram.make(), sumMicros: 0)
    #expect(s == .zero)
    #expect(s.p99 == 0)
    #expect(s.mean == 0)
  }

  @Test func percentilesAreMonotonicAndP100IsMax() {
    var rng = SplitMix64(seed: 11)
    for round in 0..<20 {
      var h = LatencyHistogram.make()
      var sum: UInt64 = 0
      var exactMax: UInt64 = 0
      var exactMin: UInt64 = .max
      for _ in 0..<(1 + round * 500) {
        // Log-uniform over 1 µs … 60 s.
        let v = UInt64(exp(Double.random(in: 0...log(60_000_000.0), using: &rng)))
        h.record(v)
        sum += v
        exactMax = max(exactMax, v)
        exactMin = min(exactMin, v)
      }
      let s = LatencyStats(histogram: h, sumMicros: sum)
      #expect(s.min <= s.p50)
      #expect(s.p50 <= s.p90)
      #expect(s.p90 <= s.p95)
      #expect(s.p95 <= s.p99)
      #expect(s.p99 <= s.p999)
      #expect(s.p999 <= s.max)
      #expect(h.valueAtPercentile(100) == h.maxRecorded)
      #expect(s.max == Double(exactMax) / 1000)
      #expect(s.min == Double(exactMin) / 1000)
    }
  }
}
