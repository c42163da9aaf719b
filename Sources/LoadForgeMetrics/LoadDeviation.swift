/// The largest gap between what the pattern asked for and what the run did, over the load
/// phase (`max_deviation` in `summary.json`).
///
/// Closed model: max |active VUs − target VUs| at a tick's end (unit `"vus"`). Open model: max
/// |achieved − target| iteration rate over one tick (unit `"it/s"`; the target is the
/// pattern's mean over the same interval, so a ramp is compared with what it asked for there).
public struct LoadDeviation: Codable, Sendable, Equatable {
  /// The gap, in `unit`.
  public var value: Double
  /// `"vus"` or `"it/s"`.
  public var unit: String
  /// When: the end of the interval where it occurred, s since the run started.
  public var elapsedSeconds: Double

  public init(value: Double, unit: String, elapsedSeconds: Double) {
    self.value = value
    self.unit = unit
    self.elapsedSeconds = elapsedSeconds
  }

  enum CodingKeys: String, CodingKey {
    case value, unit
    case elapsedSeconds = "elapsed_s"
  }
}
