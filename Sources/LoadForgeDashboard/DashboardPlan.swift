import LoadForgeMetrics
import LoadForgePlan

/// The planned load as the page draws it: `hello`'s `model`, `stages` and `target_curve`.
///
/// JSON keys: `model` (`closed` or `open`), `stages` (`DashboardStage`), `target_curve`
/// (`DashboardTargetPoint`).
public struct DashboardPlan: Codable, Sendable, Equatable {
  /// What the targets count.
  public enum Model: String, Codable, Sendable {
    /// Concurrent virtual users.
    case closed
    /// Iterations started per second (config `model = "arrival_rate"`).
    case open
  }

  public var model: Model
  /// The pattern's stages, in order: one for a simple pattern, one per part of a composite.
  public var stages: [DashboardStage]
  /// The target of every tick, in order.
  public var targetCurve: [DashboardTargetPoint]

  public init(model: Model, stages: [DashboardStage], targetCurve: [DashboardTargetPoint]) {
    self.model = model
    self.stages = stages
    self.targetCurve = targetCurve
  }

  /// The plan of `load`: one stage per part of a composite pattern (a nested composite is one
  /// stage), else one stage; one point per tick at the tick's end, with the target the
  /// coordinator applies (`LoadPlan.scheduledTarget(tick:)`, VUs) or, in the open model, the rate
  /// the schedule shows (`LoadPlan.scheduledRate(tick:)`, iterations/s, not rounded).
  public init(load: LoadPlan) {
    model = load.isOpenModel ? .open : .closed
    let parts: [TrafficPattern]
    if case .composite(let composite) = load.pattern {
      parts = composite.stages
    } else {
      parts = [load.pattern]
    }
    // Boundaries in whole µs, as CompositePattern places them (0.1 + 0.2 > 0.3 in seconds).
    var start: Int64 = 0
    var stages: [DashboardStage] = []
    for (index, part) in parts.enumerated() {
      let length = Self.micros(part.durationSeconds)
      stages.append(
        DashboardStage(
          index: index, kind: part.kindName, summary: part.summary(for: load.model),
          startSeconds: Double(start) / 1_000_000, endSeconds: Double(start + length) / 1_000_000))
      start += length
    }
    self.stages = stages
    targetCurve = (0..<load.tickCount).map { tick in
      let end = min(Int64(tick + 1) * load.tickMicros, load.durationMicros)
      let target =
        load.isOpenModel ? load.scheduledRate(tick: tick) : Double(load.scheduledTarget(tick: tick).target)
      return DashboardTargetPoint(elapsedSeconds: Double(end) / 1_000_000, target: target)
    }
  }

  /// What a replay shows when the run directory has no readable `plan.json`: the model from
  /// `run.json` (`peak_rate` only in the open model), one stage described by its `pattern` line,
  /// and the load snapshots' targets (`target_rate` in the open model, else `target_vus`).
  public init(runInfo: RunInfo, snapshots: [Snapshot]) {
    let isOpen = runInfo.peakRate != nil || snapshots.contains { $0.targetRate != nil }
    model = isOpen ? .open : .closed
    let kind = runInfo.pattern.split(separator: " ").first.map(String.init) ?? runInfo.pattern
    stages = [
      DashboardStage(
        index: 0, kind: kind, summary: runInfo.pattern, startSeconds: 0, endSeconds: runInfo.durationSeconds)
    ]
    targetCurve = snapshots.filter { $0.phase == .load }.map {
      DashboardTargetPoint(elapsedSeconds: $0.elapsedSeconds, target: isOpen ? $0.targetRate ?? 0 : $0.targetVUs)
    }
  }

  enum CodingKeys: String, CodingKey {
    case model, stages
    case targetCurve = "target_curve"
  }

  private static func micros(_ seconds: Double) -> Int64 {
    let value = (seconds * 1_000_000).rounded()
    return value.isFinite ? Int64(exactly: value) ?? Int64.max / 4 : 0
  }
}
