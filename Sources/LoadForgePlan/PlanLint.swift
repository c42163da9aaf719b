import LoadForgeConfig
import LoadForgeSpec

/// Warnings about a plan that compiles but probably does not do what its author meant.
/// They never stop a run; `loadforge validate --strict` treats them as errors.
public enum PlanLint {
  /// - Parameter environment: what the plan was compiled with, to read `${VAR}` in strings again.
  /// - Returns: warnings located in the spec's source, in source order.
  public static func warnings(spec: LoadTestSpec, plan: Plan, environment: [String: String] = [:]) -> [Diagnostic] {
    var warnings: [Diagnostic] = []
    let duration = plan.load.durationSeconds
    // A think time as long as the test leaves each VU about one request: rarely intended.
    var seen = Set<ThinkTime>()  // one warning per think time, at its first task
    for (s, scenario) in plan.scenarios.enumerated() {
      for (t, task) in scenario.tasks.enumerated() {
        let mean = task.thinkTime.meanMicros / 1_000_000
        guard mean >= duration, duration > 0 else { continue }
        let spec = spec.scenarios[s].tasks[t]
        guard seen.insert(task.thinkTime).inserted else { continue }
        warnings.append(
          Diagnostic(
            "think time (mean \(DurationParser.format(micros: Int64(mean * 1_000_000)))) is as long as the test "
              + "(\(DurationParser.format(micros: Int64(duration * 1_000_000)))): each VU sends about one request",
            at: spec.location, help: "shorten think_time or lengthen the test", severity: .warning))
      }
    }
    // With few VUs, deterministic weighted assignment leaves low-weight scenarios without any.
    let peak = plan.load.peakVUs
    if peak > 0, plan.scenarios.count > 1 {
      let assigned = Set(WeightedRoundRobin.sequence(weights: plan.scenarios.map(\.weight), count: peak))
      for (i, scenario) in plan.scenarios.enumerated() where scenario.weight > 0 && !assigned.contains(i) {
        warnings.append(
          Diagnostic(
            "scenario \"\(scenario.name)\" gets no virtual user: the peak is \(peak) "
              + (peak == 1 ? "VU" : "VUs") + " and scenarios are assigned by weight",
            at: spec.scenarios[i].location, help: "raise the users, or this scenario's weight", severity: .warning))
      }
    }
    warnings += unusedCaptures(spec: spec, plan: plan)
    warnings += ignoredThinkTime(spec: spec, plan: plan)
    warnings += emptyInSetup(spec: spec, plan: plan, environment: environment)
    warnings += insecureTLS(spec: spec, plan: plan)
    return DiagnosticList(warnings).sortedByPosition().diagnostics
  }

  /// A capture whose variable no request uses: it costs a body scan per response for nothing,
  /// and is usually a misspelt `${vu.NAME}`.
  static func unusedCaptures(spec: LoadTestSpec, plan: Plan) -> [Diagnostic] {
    var used = Set<Int>()
    for scenario in plan.scenarios {
      for task in scenario.setup + scenario.tasks + scenario.teardown {
        guard let template = task.request.template else { continue }
        for part in template.target + template.headerValues.flatMap({ $0 }) + template.body {
          if let slot = part.variable { used.insert(slot) }
        }
      }
    }
    var warnings: [Diagnostic] = []
    for (s, scenario) in spec.scenarios.enumerated() where s < plan.scenarios.count {
      let compiled = plan.scenarios[s]
      let pairs = zip(
        scenario.setup + scenario.tasks + scenario.teardown, compiled.setup + compiled.tasks + compiled.teardown)
      for (taskSpec, task) in pairs {
        for (captureSpec, capture) in zip(taskSpec.captures, task.captures) where !used.contains(capture.variable) {
          warnings.append(
            Diagnostic(
              "capture \"\(capture.name)\" is never used", at: captureSpec.name.location,
              length: captureSpec.name.length,
              help: "use it as ${vu.\(capture.name)} in a later request, or remove it", severity: .warning))
        }
      }
    }
    return warnings
  }
}
