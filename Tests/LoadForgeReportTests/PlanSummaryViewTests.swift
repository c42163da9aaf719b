import LoadForgePlan
import Testing

@testable import LoadForgeReport

/// `PlanSummaryView`: shares, request blocks, the open model's rate and Little's law line.
@Suite struct PlanSummaryViewTests {
  static func task(_ name: String, _ target: String, weight: Int = 1) -> TaskPlan {
    TaskPlan(
      name: name, weight: weight, endpoint: 0,
      request: RequestPlan(method: "GET", target: target, headers: [], body: [], timeoutMicros: 1_000_000),
      thinkTime: .none)
  }

  static func plan(load: LoadPlan) -> Plan {
    let browse = [task("home", "/", weight: 2), task("search", "/s")]
    let checkout = [task("cart", "/cart"), task("pay", "/pay")]
    return Plan(
      name: "shop", baseURL: "http://127.0.0.1:8080", origin: Origin(scheme: "http", host: "127.0.0.1", port: 8080),
      load: load,
      scenarios: [
        ScenarioPlan(
          name: "browse", weight: 2, tasks: browse, taskTable: WeightTable(weights: [2, 1]),
          setup: [task("login", "/login")]),
        ScenarioPlan(name: "buy", weight: 1, tasks: checkout, taskTable: WeightTable(weights: [1, 1]), isFlow: true),
      ],
      scenarioTable: WeightTable(weights: [2, 1]), endpoints: [EndpointPlan(name: "home", method: "GET")])
  }

  /// Ticks end at 1 … 4 s: targets 1, 2, 3, 4 (the ramp's end), so the peak is 4; bars of 4, 8,
  /// 12, 16 eighths; y labels 4, 4/2 = 2 (on the row whose top edge is 2) and 0.
  @Test func closedModel() {
    let load = LoadPlan(pattern: .ramp(RampPattern(from: 0, to: 4, durationSeconds: 4)))
    let text = PlanSummaryView(plan: Self.plan(load: load), chartWidth: 4, chartHeight: 2).render()
    #expect(
      text == """
        plan shop
          base URL  http://127.0.0.1:8080

        scenarios (share of VUs)
          browse  66.7%
            setup, once per VU
              login   GET /login
            tasks, share of iterations
              home    GET /       66.7%
              search  GET /s      33.3%
          buy     33.3%
            flow, every iteration in order
              cart  GET /cart
              pay   GET /pay

        load
          pattern      ramp 0→4 VUs over 4s
          model        closed: concurrent VUs
          duration     4s, 4 ticks of 1s
          peak VUs     4
          connections  ≈ 4 at peak (closed model: each VU keeps one keep-alive connection)

        VUs per tick
        4 ┤  ▄█
        2 ┤▄███
        0 └┬┬┬┬┬
           0s 4s

        """)
  }

  @Test func openModelShowsThePeakRateAndLittlesLaw() {
    let load = LoadPlan(
      pattern: .constant(ConstantPattern(users: 250, durationSeconds: 10)), model: .arrivalRate, maxVUs: 20)
    let text = PlanSummaryView(plan: Self.plan(load: load), assumedIterationSeconds: 0.1).render()
    #expect(text.contains("  peak rate    250 iterations/s\n"))
    #expect(text.contains("  model        open: iterations started per second, 20 VUs at most\n"))
    #expect(
      text.contains(
        "  connections  ≈ 25 at peak (Little's law: 250/s × 100 ms, assuming 100 ms per iteration; "
          + "measure yours; more than max_vus 20)\n"))
    #expect(text.contains("\niterations/s per tick\n250 ┤"))
  }

  /// A composite's stages, one a line under `pattern`, aligned with its value and indented two
  /// spaces per level; a nested composite's stages under its own line; in it/s in the open model.
  @Test func compositeListsItsStages() {
    let inner = TrafficPattern.constant(ConstantPattern(users: 2, durationSeconds: 5))
    let nested = TrafficPattern.composite(
      CompositePattern(stages: [inner, .ramp(RampPattern(from: 2, to: 0, durationSeconds: 5))]))
    let pattern = TrafficPattern.composite(
      CompositePattern(stages: [.ramp(RampPattern(from: 0, to: 2, durationSeconds: 10)), nested]))
    let closed = PlanSummaryView(plan: Self.plan(load: LoadPlan(pattern: pattern))).load()
    #expect(
      closed.hasPrefix(
        """
        load
          pattern      composite: 2 stages over 20s
                         ramp 0→2 VUs over 10s
                         composite: 2 stages over 10s
                           constant 2 VUs for 5s
                           ramp 2→0 VUs over 5s
          model        closed: concurrent VUs

        """))
    let open = PlanSummaryView(plan: Self.plan(load: LoadPlan(pattern: pattern, model: .arrivalRate, maxVUs: 4)))
      .load()
    #expect(open.contains("\n                 ramp 0→2 it/s over 10s\n"))
    #expect(open.contains("\n                   constant 2 it/s for 5s\n"))
    // Not a composite: no stage lines.
    let single = PlanSummaryView(plan: Self.plan(load: LoadPlan(pattern: inner))).load()
    #expect(
      single.split(separator: "\n").dropFirst().prefix(2) == [
        "  pattern      constant 2 VUs for 5s", "  model        closed: concurrent VUs",
      ])
  }

  @Test(arguments: [(1.0, "100%"), (0.8, "80%"), (2.0 / 3, "66.7%"), (0.125, "12.5%"), (0.0, "0%")])
  func percentages(share: Double, text: String) {
    #expect(PlanSummaryView.percent(share) == text)
  }
}
