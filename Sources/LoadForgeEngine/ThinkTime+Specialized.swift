import LoadForgePlan

extension ThinkTime {
  /// `sample(using:)` for the worker's generator, with the same draws and the same result, µs
  /// (specialized for the same reason as `WeightTable.pickSpecialized(using:)`).
  @inline(__always)
  func sampleSpecialized(using rng: inout Xoshiro256StarStar) -> Int64 {
    switch self {
    case .none: 0
    case .constant(let m): m
    case .uniform(let lo, let hi): hi <= lo ? lo : Int64.random(in: lo...hi, using: &rng)
    }
  }
}
