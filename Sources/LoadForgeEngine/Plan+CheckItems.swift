import LoadForgeMetrics
import LoadForgePlan

extension Plan {
  /// Every task of every scenario in the worker's flat request order: per scenario its setup,
  /// tasks, then teardown. `Worker` indexes its per-request tables and `CheckItemCounters` so.
  var tasksInWorkerOrder: [TaskPlan] {
    scenarios.flatMap { $0.setup + $0.tasks + $0.teardown }
  }

  /// Per task (`tasksInWorkerOrder`), its `expect` checks then its captures, as the summary
  /// names them: the check's description, `capture NAME` (the prefix of a capture's failure).
  var checkItems: [[CheckItemInfo]] {
    tasksInWorkerOrder.map { task in
      let endpoint = endpoints.indices.contains(task.endpoint) ? endpoints[task.endpoint].name : task.name
      return task.checks.map { CheckItemInfo(endpoint: endpoint, check: $0.description) }
        + task.captures.map { CheckItemInfo(endpoint: endpoint, check: "capture \($0.name)") }
    }
  }
}
