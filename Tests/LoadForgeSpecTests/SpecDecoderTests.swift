import LoadForgeConfig
import Testing

@testable import LoadForgeSpec

@Suite struct SpecDecoderTests {
  @Test func decodesAFullConfig() throws {
    let result = decode(
      """
      name = "shop"
      base_url = "${BASE_URL:-http://127.0.0.1:8080}"
      [defaults]
      headers = { Accept = "application/json" }
      timeout = "2s"
      think_time = { min = "500ms", max = "2s" }
      [load]
      pattern = "ramp"
      from = 0
      to = 50
      duration = "1m"
      [[scenarios]]
      name = "browse"
      weight = 3
      think_time = "1s"
        [[scenarios.tasks]]
        name = "list"
        weight = 5
        method = "post"
        path = "/products?page=1"
        headers = { Authorization = "Bearer x" }
        body = "{}"
        timeout = "750ms"
      """)
    let spec = try result.get()
    #expect(spec.name?.value == "shop")
    #expect(spec.baseURL.value == "${BASE_URL:-http://127.0.0.1:8080}")
    #expect(spec.baseURL.location.line == 2)
    #expect(spec.defaults.timeoutMicros == 2_000_000)
    #expect(spec.defaults.thinkTime == .uniform(minMicros: 500_000, maxMicros: 2_000_000))
    #expect(spec.defaults.headers.map(\.name) == ["Accept"])
    #expect(spec.load.pattern == .ramp(from: 0, to: 50, durationMicros: 60_000_000))
    #expect(spec.scenarios.count == 1)
    let scenario = spec.scenarios[0]
    #expect(scenario.weight == 3)
    #expect(scenario.thinkTime == .constant(micros: 1_000_000))
    let task = scenario.tasks[0]
    #expect(task.method == "POST")
    #expect(task.weight == 5)
    #expect(task.path?.value == "/products?page=1")
    if case .text(let text) = task.body { #expect(text.value == "{}") } else { Issue.record("expected a text body") }
    #expect(task.timeoutMicros == 750_000)
    #expect(task.headers.first?.value.value == "Bearer x")
  }

  @Test func defaultsApplyWhenOmitted() throws {
    let spec = try decode(
      """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 3
      duration = "5s"
      \(minimalTasks)
      """
    ).get()
    #expect(spec.load.pattern == .constant(users: 3, durationMicros: 5_000_000))
    #expect(spec.defaults.timeoutMicros == 10_000_000)
    #expect(spec.scenarios[0].weight == 1)
    #expect(spec.scenarios[0].tasks[0].method == "GET")
    #expect(spec.scenarios[0].tasks[0].weight == 1)
  }

  @Test func taskNameDefaultsToMethodAndPath() throws {
    let spec = try decode(
      """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/a"
      """
    ).get()
    // Default names are given by the plan compiler, after interpolation.
    #expect(spec.scenarios[0].tasks[0].name == nil)
    #expect(spec.scenarios[0].name == nil)
  }

  @Test func reportsEveryProblemInOnePassWithLocations() throws {
    let result = decode(
      """
      base_ulr = "http://x"
      [defaults]
      timeout = "0s"
      [load]
      pattern = "rmap"
      duration = "30"
      [[scenarios]]
      weight = -1
        [[scenarios.tasks]]
        method = "FETCH"
        path = "no-slash"
      """)
    guard case .failure(let list) = result else {
      Issue.record("expected diagnostics")
      return
    }
    let messages = list.diagnostics.map(\.message)
    #expect(messages.contains("unknown key \"base_ulr\" in the config file"))
    #expect(
      list.diagnostics.first { $0.message.hasPrefix("unknown key \"base_ulr\"") }?.help == "did you mean \"base_url\"?")
    // The typo is the one problem: no second "missing base_url" for it.
    #expect(!messages.contains("missing required key \"base_url\" in the config file"))
    #expect(messages.contains("timeout must be greater than 0"))
    #expect(messages.contains("unknown pattern \"rmap\""))
    #expect(list.diagnostics.first { $0.message == "unknown pattern \"rmap\"" }?.help == "did you mean \"ramp\"?")
    #expect(messages.contains("weight must be between 0 and 1000000, got -1"))
    #expect(messages.contains("unknown HTTP method \"FETCH\""))
    #expect(messages.contains("path must start with \"/\""))
    let timeout = list.diagnostics.first { $0.message == "timeout must be greater than 0" }
    #expect(timeout?.location?.line == 3)
    #expect(timeout?.location?.column == 11)
    // Sorted by position.
    let lines = list.diagnostics.compactMap { $0.location?.line }
    #expect(lines == lines.sorted())
  }

  @Test func rejectsDurationWithoutUnit() throws {
    let result = decode(
      """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = 30
      \(minimalTasks)
      """)
    guard case .failure(let list) = result else {
      Issue.record("expected diagnostics")
      return
    }
    #expect(list.diagnostics.count == 1)
    #expect(list.diagnostics[0].message == "duration needs a unit")
    #expect(list.diagnostics[0].help == "write \"30s\" or \"30ms\" (units: ms, s, m, h)")
    #expect(list.diagnostics[0].location?.line == 4)
  }

  @Test func rejectsNegativeOrZeroTimeout() throws {
    for bad in ["\"0s\"", "\"-1s\""] {
      let result = decode(
        """
        base_url = "http://127.0.0.1:1"
        [defaults]
        timeout = \(bad)
        [load]
        users = 1
        duration = "1s"
        \(minimalTasks)
        """)
      guard case .failure(let list) = result else {
        Issue.record("timeout \(bad) accepted")
        continue
      }
      #expect(list.diagnostics.count == 1)
    }
  }

  @Test func patternKeysMustMatchThePattern() throws {
    let result = decode(
      """
      base_url = "http://127.0.0.1:1"
      [load]
      pattern = "constant"
      users = 2
      to = 5
      duration = "1s"
      \(minimalTasks)
      """)
    guard case .failure(let list) = result else {
      Issue.record("expected diagnostics")
      return
    }
    #expect(list.diagnostics.map(\.message) == ["key \"to\" does not apply to pattern \"constant\""])
  }

  @Test func thinkTimeMinAboveMaxIsAnError() throws {
    let result = decode(
      """
      base_url = "http://127.0.0.1:1"
      [defaults]
      think_time = { min = "2s", max = "1s" }
      [load]
      users = 1
      duration = "1s"
      \(minimalTasks)
      """)
    guard case .failure(let list) = result else {
      Issue.record("expected diagnostics")
      return
    }
    #expect(list.diagnostics.map(\.message) == ["think_time min is greater than max"])
  }

  @Test func allZeroWeightsAreAnError() throws {
    let result = decode(
      """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
      weight = 0
        [[scenarios.tasks]]
        path = "/"
      """)
    guard case .failure(let list) = result else {
      Issue.record("expected diagnostics")
      return
    }
    #expect(list.diagnostics.map(\.message) == ["every scenario has weight 0"])
  }

  @Test func renderedDiagnosticShowsCaretUnderTheValue() throws {
    let text = """
      base_url = "http://127.0.0.1:1"
      [load]
      pattern = "rmap"
      """
    guard case .failure(let list) = decode(text) else {
      Issue.record("expected diagnostics")
      return
    }
    let source = SourceText(file: "test.toml", bytes: Array(text.utf8))
    let rendered = list.diagnostics.first { $0.message.hasPrefix("unknown pattern") }!.rendered(source: source)
    #expect(
      rendered == """
        error: unknown pattern "rmap"
         --> test.toml:3:11
          |
        3 | pattern = "rmap"
          |           ^^^^^^
          = help: did you mean "ramp"?
        """)
  }
}
