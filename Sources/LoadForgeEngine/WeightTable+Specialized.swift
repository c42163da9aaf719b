import LoadForgePlan

extension WeightTable {
  /// `pick(using:)` for the worker's generator, with the same draws and the same result.
  ///
  /// `pick` is generic and not `@inlinable`, so from this module it runs unspecialized:
  /// `UInt64.random(in:using:)` through protocol witnesses costs ~1,700 instructions per
  /// request (callgrind). Here the standard library's inlinable draw specializes for
  /// `Xoshiro256StarStar` (~40 instructions). `WorkerTests` checks both agree.
  @inline(__always)
  func pickSpecialized(using rng: inout Xoshiro256StarStar) -> Int {
    let total = self.total
    guard total > 0 else { return 0 }
    return index(for: UInt64.random(in: 0..<total, using: &rng))
  }
}
