/// Name and method of one metric group (one per distinct task name, `Plan.endpoints` order).
///
/// LoadForgeMetrics does not import LoadForgePlan; callers map `EndpointPlan` to this.
public struct EndpointInfo: Codable, Sendable, Equatable, Hashable {
  /// The task name metrics are grouped by.
  public var name: String
  /// HTTP method (`GET`, `POST`, …).
  public var method: String

  public init(name: String, method: String) {
    self.name = name
    self.method = method
  }
}
