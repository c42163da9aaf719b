import LoadForgeMetrics
import LoadForgePlan

extension RunInfo {
  /// What `plan` will do with `workers` worker processes.
  public init(plan: Plan, workers: Int) {
    self.init(
      name: plan.name, pattern: plan.load.pattern.kindName, durationSeconds: plan.load.durationSeconds,
      workers: workers, peakVUs: plan.load.pattern.peak, endpoints: plan.endpoints.map(EndpointInfo.init(plan:)))
  }
}
