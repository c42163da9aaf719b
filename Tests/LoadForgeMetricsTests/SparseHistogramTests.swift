import Histogram
import LoadForgeTestSupport
import Testing

@testable import LoadForgeMetrics

struct SparseHistogramTests {
  @Test func emptyHistogramHasNoBuckets() {
    let s = SparseHistogram(LatencyHistogram.make())
    #expect(s.isEmpty)
    #expect(s.totalCount == 0)
    #expect(s.histogram.totalCount == 0)
  }

  @Test func replayKeepsBucketsTotalAndExactExtremes() {
    var rng = SplitMix64(seed: 7)
    var h = LatencyHistogram.make()
    for _ in 0..<50_000 { h.record(UInt64.random(in: 3_001...9_000_000, using: &rng)) }
    h.record(2_999_999)  // a value far from bucket edges
    let sparse = SparseHistogram(h)
    let rebuilt = sparse.histogram
    #expect(rebuilt == h)
    #expect(rebuilt.totalCount == 50_001)
    #expect(rebuilt.maxRecorded == h.maxRecorded)
    #expect(rebuilt.min == h.min)
    #expect(rebuilt.valueAtPercentile(99) == h.valueAtPercentile(99))
    #expect(sparse.values.count < 50_001)
    #expect(zip(sparse.values, sparse.values.dropFirst()).allSatisfy { $0 < $1 })
  }

  @Test func minAndMaxInOneBucketStayExact() {
    // 1_000_000 and 1_000_100 share a bucket (resolution 512 µs there).
    var h = LatencyHistogram.make()
    h.record(1_000_100)
    h.record(1_000_000)
    h.record(1_000_050)
    #expect(h.valuesAreEquivalent(1_000_000, 1_000_100))
    let rebuilt = SparseHistogram(h).histogram
    #expect(rebuilt.maxRecorded == 1_000_100)
    #expect(rebuilt.min == 1_000_000)
    #expect(rebuilt.totalCount == 3)
  }

  @Test func zeroLatencyIsKept() {
    var h = LatencyHistogram.make()
    h.record(0)
    h.record(5)
    let rebuilt = SparseHistogram(h).histogram
    #expect(rebuilt.min == 0)
    #expect(rebuilt.maxRecorded == 5)
    #expect(rebuilt.totalCount == 2)
  }
}
