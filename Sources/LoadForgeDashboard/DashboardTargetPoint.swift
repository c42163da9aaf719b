/// One tick of the planned load: `hello`'s `target_curve` entries.
///
/// JSON keys: `elapsed_s`, `target`.
public struct DashboardTargetPoint: Codable, Sendable, Equatable {
  /// The tick's end, s since the run started: the `elapsed_s` of the snapshot that closes it.
  public var elapsedSeconds: Double
  /// The target applied during the tick: VUs in the closed model, iterations/s in the open one.
  public var target: Double

  public init(elapsedSeconds: Double, target: Double) {
    self.elapsedSeconds = elapsedSeconds
    self.target = target
  }

  enum CodingKeys: String, CodingKey {
    case elapsedSeconds = "elapsed_s"
    case target
  }
}
