import Histogram
import LoadForgeMetrics

/// A histogram read from HdrHistogram's V2 encoding: its layout and its counts by bucket index.
public struct DecodedHistogram: Sendable, Equatable {
  public var lowestDiscernibleValue: UInt64
  public var highestTrackableValue: UInt64
  public var significantDigits: Int
  /// Count per bucket index (HdrHistogram's counts array, up to the last non-empty bucket or beyond).
  public var counts: [UInt64]

  public init(lowestDiscernibleValue: UInt64, highestTrackableValue: UInt64, significantDigits: Int, counts: [UInt64]) {
    self.lowestDiscernibleValue = lowestDiscernibleValue
    self.highestTrackableValue = highestTrackableValue
    self.significantDigits = significantDigits
    self.counts = counts
  }

  /// Samples in every bucket.
  public var totalCount: UInt64 { counts.reduce(0, +) }

  /// The non-empty buckets: each bucket's lowest value and its count, ascending.
  public var buckets: [(value: UInt64, count: UInt64)] {
    let layout = HdrHistogramLayout(
      lowestDiscernibleValue: lowestDiscernibleValue, highestTrackableValue: highestTrackableValue,
      significantDigits: significantDigits)
    return counts.indices.compactMap { counts[$0] > 0 ? (layout.value(at: $0), counts[$0]) : nil }
  }

  /// A histogram with the same bucket counts in the `LatencyHistogram` layout, with the exact
  /// smallest and largest samples when known (the encoding keeps only buckets: without them,
  /// `min` and `maxRecorded` are the lowest values of the first and last buckets).
  /// - Parameters:
  ///   - min: the exact smallest sample, µs (in the first bucket).
  ///   - max: the exact largest sample, µs (in the last bucket).
  /// - Throws: `HdrHistogramEncodingError.malformed` when the layout is not LoadForge's.
  public func latencyHistogram(min: UInt64? = nil, max: UInt64? = nil) throws(HdrHistogramEncodingError)
    -> Histogram<UInt64>
  {
    guard lowestDiscernibleValue == LatencyHistogram.lowestDiscernibleMicros, significantDigits == 3 else {
      throw .malformed(
        "layout lowest \(lowestDiscernibleValue), \(significantDigits) digits is not LoadForge's (1 µs, 3 digits)")
    }
    var values: [UInt64] = []
    var counts: [UInt64] = []
    let all = buckets
    let reference = LatencyHistogram.make()
    for (i, bucket) in all.enumerated() {
      let first = i == 0
      let last = i == all.count - 1
      let lo = first ? min.flatMap { reference.valuesAreEquivalent($0, bucket.value) ? $0 : nil } : nil
      let hi = last ? max.flatMap { reference.valuesAreEquivalent($0, bucket.value) ? $0 : nil } : nil
      if let lo, let hi, bucket.count > 1, lo != hi {
        values += [lo, hi]
        counts += [bucket.count - 1, 1]
      } else {
        values.append(lo ?? hi ?? bucket.value)
        counts.append(bucket.count)
      }
    }
    return SparseHistogram(values: values, counts: counts).histogram
  }
}
