import LoadForgeConfig
import LoadForgeSpec

extension PlanLint {
  /// Think time the open model never waits: after an iteration's last request a VU goes back
  /// to the pool, and the pacer, not a pause, decides when the next iteration starts. With
  /// weighted tasks an iteration is one request, so every think time is skipped; in a flow only
  /// the last request's is. One warning per scenario, at the first task whose pause is lost.
  static func ignoredThinkTime(spec: LoadTestSpec, plan: Plan) -> [Diagnostic] {
    guard plan.load.isOpenModel else { return [] }
    var warnings: [Diagnostic] = []
    for (s, scenario) in plan.scenarios.enumerated() where s < spec.scenarios.count {
      let tasks = spec.scenarios[s].tasks
      if scenario.isFlow {
        guard let last = scenario.tasks.last, last.thinkTime != .none, let lastSpec = tasks.last else { continue }
        warnings.append(
          Diagnostic(
            "think time after the last request of flow \"\(scenario.name)\" is not applied in the open model: "
              + "the rate starts the next iteration",
            at: lastSpec.location,
            help: "pacing comes from the rate; think time between the flow's requests still applies",
            severity: .warning))
      } else {
        guard let t = scenario.tasks.firstIndex(where: { $0.thinkTime != .none }), t < tasks.count else { continue }
        warnings.append(
          Diagnostic(
            "think time in scenario \"\(scenario.name)\" is not applied in the open model: an iteration is one "
              + "task, and the rate, not a pause, starts the next one",
            at: tasks[t].location,
            help: "pacing comes from the rate: remove think_time, or use a flow for pauses between requests",
            severity: .warning))
      }
    }
    return warnings
  }
}
