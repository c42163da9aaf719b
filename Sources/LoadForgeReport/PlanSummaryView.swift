import LoadForgePlan

/// `loadforge plan FILE` for humans: what a run of the plan would do, before it spends a minute
/// of load. Pure: a function of the plan.
///
/// Shows the test name and base URL; each scenario with its share of new VUs (normalised
/// weights, %) and its requests (setup, tasks with their share of iterations, or the flow, and
/// teardown); the pattern (a composite's stages below it, one a line, nested ones indented
/// further), total duration, tick, peak VUs (closed model) or peak rate (open model); connections needed at peak by Little's law; and the load curve as a chart of the
/// scheduled target per tick (`LoadPlan.scheduledTargets`, `LoadCurveChart`).
public struct PlanSummaryView: Sendable {
  public var plan: Plan
  /// The chart's columns and rows of bars.
  public var chartWidth: Int
  public var chartHeight: Int
  /// Expected time one iteration holds a connection in the open model, s (Little's law W).
  public var assumedIterationSeconds: Double
  /// Applied to every string taken from the plan before it is measured and shown (names, URLs,
  /// targets): `loadforge plan` turns its masking tokens into `${NAME}` here.
  public var display: @Sendable (String) -> String

  public init(
    plan: Plan, chartWidth: Int = 60, chartHeight: Int = 12, assumedIterationSeconds: Double = 0.1,
    display: @escaping @Sendable (String) -> String = { $0 }
  ) {
    self.plan = plan
    self.chartWidth = chartWidth
    self.chartHeight = chartHeight
    self.assumedIterationSeconds = assumedIterationSeconds
    self.display = display
  }

  /// The whole text, lines ending in `\n`.
  public func render() -> String {
    var out = "plan \(display(plan.name))\n"
    out += "  base URL  \(display(plan.baseURL))\n\n"
    out += scenarios() + "\n" + load() + "\n" + chart() + "\n"
    return out
  }

  /// Scenarios with their share of VUs and their requests.
  func scenarios() -> String {
    let shares = plan.scenarioTable.normalised
    let nameWidth = plan.scenarios.map { display($0.name).count }.max() ?? 0
    var out = plan.scenarios.count == 1 ? "scenario (share of VUs)\n" : "scenarios (share of VUs)\n"
    for (i, scenario) in plan.scenarios.enumerated() {
      let share = i < shares.count ? shares[i] : 0
      out += "  \(Self.padded(display(scenario.name), nameWidth))  \(Self.percent(share))\n"
      var blocks: [(String, [TaskPlan], [Double]?)] = []
      if !scenario.setup.isEmpty { blocks.append(("setup, once per VU", scenario.setup, nil)) }
      if scenario.isFlow {
        blocks.append(("flow, every iteration in order", scenario.tasks, nil))
      } else {
        blocks.append(("tasks, share of iterations", scenario.tasks, scenario.taskTable.normalised))
      }
      if !scenario.teardown.isEmpty { blocks.append(("teardown, once per VU", scenario.teardown, nil)) }
      let all = scenario.setup + scenario.tasks + scenario.teardown
      let taskWidth = all.map { display($0.name).count }.max() ?? 0
      let requestWidth = all.map { request($0).count }.max() ?? 0
      for (title, tasks, shares) in blocks {
        out += "    \(title)\n"
        for (j, task) in tasks.enumerated() {
          var line = "      \(Self.padded(display(task.name), taskWidth))  "
          if let shares {
            line += Self.padded(request(task), requestWidth) + "  " + Self.percent(j < shares.count ? shares[j] : 0)
          } else {
            line += request(task)
          }
          out += line + "\n"
        }
      }
    }
    return out
  }

  /// Pattern, duration, peak and the connections estimate.
  func load() -> String {
    let load = plan.load
    let open = load.model == .arrivalRate
    let peak = load.peakVUs
    let rows: [(String, String)] = [
      ("pattern", load.summary),
      ("model", open ? "open: iterations started per second, \(load.maxVUs) VUs at most" : "closed: concurrent VUs"),
      (
        "duration",
        "\(LoadCurveChart.time(load.durationSeconds)), \(load.tickCount) ticks of "
          + LoadCurveChart.time(load.tickSeconds)
      ),
      open ? ("peak rate", "\(peak) iterations/s") : ("peak VUs", "\(peak)"),
      ("connections", connections(peak: peak, open: open)),
    ]
    let width = rows.map(\.0.count).max() ?? 0
    let stageIndent = String(repeating: " ", count: width + 4)
    let stages = Self.stageLines(of: load.pattern, model: load.model).map { stageIndent + $0 + "\n" }.joined()
    return "load\n"
      + rows.map { "  \(Self.padded($0.0, width))  \($0.1)\n" + ($0.0 == "pattern" ? stages : "") }.joined()
  }

  /// A composite's stages, one summary a line, indented two spaces per level of nesting (a
  /// nested composite's stages under its own line); empty for any other pattern.
  static func stageLines(of pattern: TrafficPattern, model: LoadPlan.Model, depth: Int = 1) -> [String] {
    guard case .composite(let composite) = pattern else { return [] }
    let indent = String(repeating: "  ", count: depth)
    return composite.stages.flatMap { stage in
      [indent + stage.summary(for: model)] + stageLines(of: stage, model: model, depth: depth + 1)
    }
  }

  /// Little's law, L = λ·W: connections in use = arrival rate × time each one is held.
  func connections(peak: Int, open: Bool) -> String {
    guard open else {
      return "≈ \(peak) at peak (closed model: each VU keeps one keep-alive connection)"
    }
    let needed = Int((Double(peak) * assumedIterationSeconds).rounded(.up))
    let ms = Int((assumedIterationSeconds * 1000).rounded())
    let cap = plan.load.maxVUs > 0 && needed > plan.load.maxVUs ? "; more than max_vus \(plan.load.maxVUs)" : ""
    return "≈ \(needed) at peak (Little's law: \(peak)/s × \(ms) ms, assuming \(ms) ms per iteration; "
      + "measure yours\(cap))"
  }

  func chart() -> String {
    let unit = plan.load.model == .arrivalRate ? "iterations/s per tick" : "VUs per tick"
    let targets = plan.load.scheduledTargets.map(\.target)
    return LoadCurveChart(width: chartWidth, height: chartHeight, unit: unit)
      .render(targets: targets, durationSeconds: plan.load.durationSeconds)
  }

  /// `GET /path`.
  func request(_ task: TaskPlan) -> String { "\(task.request.method) \(display(task.request.target))" }

  /// A share as a percentage: whole when it is, else one decimal (`66.7%`).
  static func percent(_ share: Double) -> String {
    let tenths = (share * 1000).rounded()
    return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))%" : "\(tenths / 10)%"
  }

  static func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }
}
