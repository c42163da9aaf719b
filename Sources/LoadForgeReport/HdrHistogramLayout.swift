/// HdrHistogram's bucket layout: which counts-array index holds which value (HdrHistogram's
/// `AbstractHistogram.countsArrayIndex` / `valueFromIndex`, the same in every implementation, so a
/// counts array travels between them by index).
struct HdrHistogramLayout: Equatable {
  let lowestDiscernibleValue: UInt64
  let highestTrackableValue: UInt64
  let significantDigits: Int
  let unitMagnitude: Int
  let subBucketHalfCountMagnitude: Int
  let subBucketHalfCount: Int
  let subBucketMask: UInt64
  let leadingZeroCountBase: Int

  /// - Precondition: `lowestDiscernibleValue ≥ 1`, `1 ≤ significantDigits ≤ 5` (HdrHistogram's range).
  init(lowestDiscernibleValue: UInt64, highestTrackableValue: UInt64, significantDigits: Int) {
    precondition(lowestDiscernibleValue >= 1 && (1...5).contains(significantDigits))
    self.lowestDiscernibleValue = lowestDiscernibleValue
    self.highestTrackableValue = highestTrackableValue
    self.significantDigits = significantDigits
    var power: UInt64 = 1
    for _ in 0..<significantDigits { power *= 10 }
    let largestSingleUnit = 2 * power
    // ceil(log2(largestSingleUnit)) without floating point.
    let subBucketCountMagnitude = 64 - (largestSingleUnit - 1).leadingZeroBitCount
    unitMagnitude = 63 - lowestDiscernibleValue.leadingZeroBitCount
    subBucketHalfCountMagnitude = Swift.max(subBucketCountMagnitude, 1) - 1
    let subBucketCount = 1 << (subBucketHalfCountMagnitude + 1)
    subBucketHalfCount = subBucketCount / 2
    subBucketMask = UInt64(subBucketCount - 1) << UInt64(unitMagnitude)
    leadingZeroCountBase = 64 - unitMagnitude - subBucketHalfCountMagnitude - 1
  }

  /// The counts-array index of the bucket holding `value`.
  func index(of value: UInt64) -> Int {
    let bucketIndex = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
    let subBucketIndex = Int(value >> UInt64(bucketIndex + unitMagnitude))
    return ((bucketIndex + 1) << subBucketHalfCountMagnitude) + (subBucketIndex - subBucketHalfCount)
  }

  /// The lowest value of the bucket at `index`.
  func value(at index: Int) -> UInt64 {
    var bucketIndex = (index >> subBucketHalfCountMagnitude) - 1
    var subBucketIndex = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
    if bucketIndex < 0 {
      subBucketIndex -= subBucketHalfCount
      bucketIndex = 0
    }
    return UInt64(subBucketIndex) << UInt64(bucketIndex + unitMagnitude)
  }
}
