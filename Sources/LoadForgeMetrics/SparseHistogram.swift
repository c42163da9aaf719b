import Histogram

/// The non-empty buckets of a latency histogram (`LatencyHistogram` layout), for shipping one
/// worker interval to the coordinator.
///
/// A dense `Histogram` is ≈ 188 KB; a one-second interval touches a few hundred to a few thousand
/// buckets, so this is what crosses the process boundary. Replaying it into an empty histogram
/// with `add(to:)` gives the same bucket counts, total, exact min and exact max as the original
/// (the buckets holding the min and max are replayed at those exact values).
public struct SparseHistogram: Sendable, Equatable, Codable {
  /// One value (µs) per non-empty bucket, ascending.
  public private(set) var values: [UInt64]
  /// Samples in the bucket of `values[i]`.
  public private(set) var counts: [UInt64]

  /// No samples.
  public init() {
    values = []
    counts = []
  }

  /// Builds from parallel arrays (decoders); `values` strictly ascending, `counts` the same length.
  public init(values: [UInt64], counts: [UInt64]) {
    precondition(values.count == counts.count, "values and counts must have the same length")
    precondition(zip(values, values.dropFirst()).allSatisfy { $0 < $1 }, "values must be strictly ascending")
    self.values = values
    self.counts = counts
  }

  /// The non-empty buckets of `histogram`.
  public init(_ histogram: Histogram<UInt64>) {
    self.init()
    guard histogram.totalCount > 0 else { return }
    let minValue = histogram.min
    let maxValue = histogram.maxRecorded
    values.reserveCapacity(256)
    counts.reserveCapacity(256)
    for bucket in histogram.recordedValues() {
      let count = UInt64(bucket.count)
      let holdsMin = histogram.valuesAreEquivalent(bucket.value, minValue)
      let holdsMax = histogram.valuesAreEquivalent(bucket.value, maxValue)
      switch (holdsMin, holdsMax) {
      case (true, true) where count > 1 && minValue != maxValue:
        append(minValue, count - 1)
        append(maxValue, 1)
      case (true, _):
        append(minValue, count)
      case (false, true):
        append(maxValue, count)
      case (false, false):
        append(histogram.lowestEquivalentForValue(bucket.value), count)
      }
    }
  }

  private mutating func append(_ value: UInt64, _ count: UInt64) {
    values.append(value)
    counts.append(count)
  }

  /// Number of samples.
  public var totalCount: UInt64 { counts.reduce(0, +) }

  /// True when there are no samples.
  public var isEmpty: Bool { values.isEmpty }

  /// Records every sample into `histogram` (values above its range are clamped to its top,
  /// so a corrupt input can never trap).
  public func add(to histogram: inout Histogram<UInt64>) {
    let top = LatencyHistogram.highestTrackableMicros
    for i in values.indices {
      histogram.record(Swift.min(values[i], top), count: counts[i])
    }
  }

  /// A dense histogram with these samples.
  public var histogram: Histogram<UInt64> {
    var h = LatencyHistogram.make()
    add(to: &h)
    return h
  }
}
