import LoadForgeMetrics
import LoadForgePlan

extension EndpointInfo {
  /// The metrics view of a plan endpoint (LoadForgeMetrics does not import LoadForgePlan).
  public init(plan endpoint: EndpointPlan) {
    self.init(name: endpoint.name, method: endpoint.method)
  }
}
