/// One stage of the traffic pattern as `hello` lists it: the whole pattern for a simple one,
/// each part of a composite.
///
/// JSON keys: `index`, `kind`, `summary`, `start_s`, `end_s`.
public struct DashboardStage: Codable, Sendable, Equatable {
  /// 0-based position in the pattern.
  public var index: Int
  /// The pattern kind as written in configs (`constant`, `ramp`, `step`, `spike`, `diurnal`,
  /// `composite` for a nested one).
  public var kind: String
  /// One line for humans in the plan's unit, e.g. `ramp 0→50 VUs over 1m`.
  public var summary: String
  /// When the stage starts, s since the run started.
  public var startSeconds: Double
  /// When it ends, s since the run started.
  public var endSeconds: Double

  public init(index: Int, kind: String, summary: String, startSeconds: Double, endSeconds: Double) {
    self.index = index
    self.kind = kind
    self.summary = summary
    self.startSeconds = startSeconds
    self.endSeconds = endSeconds
  }

  enum CodingKeys: String, CodingKey {
    case index, kind, summary
    case startSeconds = "start_s"
    case endSeconds = "end_s"
  }
}
