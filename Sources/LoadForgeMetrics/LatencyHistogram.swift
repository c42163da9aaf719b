import Histogram

/// The one HDR histogram layout every latency histogram in LoadForge uses, so any two merge.
///
/// Values are microseconds, from 1 µs to 1 h, 3 significant digits (relative error ≤ 0.1 %,
/// HdrHistogram). Larger values are clamped to `highestTrackableMicros` by the recorder.
/// One histogram holds 23,552 `UInt64` counts (≈ 188 KB) whatever the number of samples.
public enum LatencyHistogram {
  /// Lowest discernible value, µs.
  public static let lowestDiscernibleMicros: UInt64 = 1
  /// Highest trackable value, µs (1 h).
  public static let highestTrackableMicros: UInt64 = 3_600_000_000

  /// An empty histogram with the LoadForge layout, whose zeroed storage `clear` shares.
  private static let empty = make()

  /// Empties `histogram` (every interval, on the workers and the coordinator).
  ///
  /// `Histogram.reset()` is generic and not inlinable: it zeroes the 23,552 counts one
  /// protocol-witness call at a time (~5 M instructions, callgrind). Assigning the shared empty
  /// histogram frees the old storage at once; the next `record` copies the zeroed one (one
  /// 188 KB memcpy), so memory stays one histogram per owner.
  static func clear(_ histogram: inout Histogram<UInt64>) {
    histogram = empty
  }

  /// A new, empty histogram with the LoadForge layout.
  public static func make() -> Histogram<UInt64> {
    Histogram<UInt64>(
      lowestDiscernibleValue: lowestDiscernibleMicros, highestTrackableValue: highestTrackableMicros,
      numberOfSignificantValueDigits: .three)
  }
}
