import LoadForgeDashboard
import LoadForgePlan
import Testing

@Suite struct DashboardPlanTests {
  @Test func constantIsOneStageAtItsLevel() {
    let plan = DashboardPlan(load: LoadPlan(pattern: .constant(ConstantPattern(users: 5, durationSeconds: 3))))
    #expect(plan.model == .closed)
    #expect(
      plan.stages == [
        DashboardStage(index: 0, kind: "constant", summary: "constant 5 VUs for 3s", startSeconds: 0, endSeconds: 3)
      ])
    #expect(
      plan.targetCurve == [
        .init(elapsedSeconds: 1, target: 5), .init(elapsedSeconds: 2, target: 5), .init(elapsedSeconds: 3, target: 5),
      ])
  }

  /// LoadPlan+Schedule's own example: ramp 0→4 over 3 s applies 1.33→1, 2.67→3, 4.
  @Test func rampFollowsTheScheduledTargets() {
    let plan = DashboardPlan(load: LoadPlan(pattern: .ramp(RampPattern(from: 0, to: 4, durationSeconds: 3))))
    #expect(plan.stages.map(\.summary) == ["ramp 0→4 VUs over 3s"])
    #expect(plan.targetCurve.map(\.target) == [1, 3, 4])
    #expect(plan.targetCurve.map(\.elapsedSeconds) == [1, 2, 3])
  }

  @Test func compositeIsOneStagePerPart() {
    let pattern = TrafficPattern.composite(
      CompositePattern(stages: [
        .ramp(RampPattern(from: 0, to: 10, durationSeconds: 2)),
        .constant(ConstantPattern(users: 10, durationSeconds: 1.5)),
        .ramp(RampPattern(from: 10, to: 0, durationSeconds: 1)),
      ]))
    let plan = DashboardPlan(load: LoadPlan(pattern: pattern))
    #expect(
      plan.stages == [
        DashboardStage(index: 0, kind: "ramp", summary: "ramp 0→10 VUs over 2s", startSeconds: 0, endSeconds: 2),
        DashboardStage(
          index: 1, kind: "constant", summary: "constant 10 VUs for 1.5s", startSeconds: 2, endSeconds: 3.5),
        DashboardStage(index: 2, kind: "ramp", summary: "ramp 10→0 VUs over 1s", startSeconds: 3.5, endSeconds: 4.5),
      ])
    // Ticks end at 1, 2, 3, 4 and the pattern's end 4.5: ramp 5, 10; constant 10; the down-ramp
    // at 0.5 s of 1 s → 5, at its end 0.
    #expect(plan.targetCurve.map(\.elapsedSeconds) == [1, 2, 3, 4, 4.5])
    #expect(plan.targetCurve.map(\.target) == [5, 10, 10, 5, 0])
  }

  @Test func openModelShowsRatesUnrounded() {
    let plan = DashboardPlan(
      load: LoadPlan(pattern: .ramp(RampPattern(from: 0, to: 5, durationSeconds: 2)), model: .arrivalRate, maxVUs: 10))
    #expect(plan.model == .open)
    #expect(plan.stages.map(\.summary) == ["ramp 0→5 it/s over 2s"])
    #expect(plan.targetCurve.map(\.target) == [2.5, 5])
  }
}
