import LoadForgeConfig
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

@Suite struct PlanLintTests {
  func warnings(_ toml: String) throws -> [String] {
    let spec = try SpecDecoder.decode(try TOMLParser.parse(Array(toml.utf8), file: "t.toml"))
    let plan = try PlanCompiler.compile(spec, environment: [:])
    return PlanLint.warnings(spec: spec, plan: plan).map {
      "\($0.severity.rawValue) \($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)"
    }
  }

  static func config(users: Int, think: String, duration: String = "1m") -> String {
    """
    base_url = "http://127.0.0.1:1"
    [defaults]
    think_time = \(think)
    [load]
    users = \(users)
    duration = "\(duration)"
    [[scenarios]]
    name = "a"
    weight = 3
      [[scenarios.tasks]]
      path = "/"
    [[scenarios]]
    name = "b"
    weight = 1
      [[scenarios.tasks]]
      path = "/b"
    """
  }

  @Test func thinkTimeAsLongAsTheTestAndAScenarioWithoutUsers() throws {
    let found = try warnings(Self.config(users: 2, think: "\"2m\""))
    #expect(
      found == [
        "warning 10:15 think time (mean 2m) is as long as the test (1m): each VU sends about one request",
        "warning 12:3 scenario \"b\" gets no virtual user: the peak is 2 VUs and scenarios are assigned by weight",
      ])
  }

  @Test func sensibleConfigsHaveNoWarnings() throws {
    #expect(try warnings(Self.config(users: 4, think: "{ min = \"1s\", max = \"3s\" }")).isEmpty)
    // The boundary is the test's length; an exponential's effective mean is a little under
    // its nominal one (its draws are capped at 10× the mean).
    #expect(try warnings(Self.config(users: 4, think: "{ mean = \"59s\" }")).isEmpty)
    let over = try warnings(Self.config(users: 4, think: "{ mean = \"61s\" }"))
    #expect(over.count == 1, "\(over)")
    #expect(try warnings(Self.config(users: 4, think: "\"1m\"")).count == 1)
  }
}

@Suite struct PlanLintCaptureTests {
  @Test func captureUsedNowhereIsAWarningAtItsName() throws {
    let toml = """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
        [[scenarios.setup]]
        path = "/login"
        capture = { token = { json = "$.token" }, unused = { header = "X" } }
        [[scenarios.tasks]]
        path = "/"
        headers = { Authorization = "Bearer ${vu.token}" }
      """
    let spec = try SpecDecoder.decode(try TOMLParser.parse(Array(toml.utf8), file: "t.toml"))
    let plan = try PlanCompiler.compile(spec, environment: [:])
    let warnings = PlanLint.warnings(spec: spec, plan: plan)
    #expect(warnings.map(\.description) == ["t.toml:8:45: capture \"unused\" is never used"])
    #expect(warnings.first?.severity == .warning)
    #expect(warnings.first?.help == "use it as ${vu.unused} in a later request, or remove it")
  }
}
