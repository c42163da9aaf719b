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

  /// Warnings of a config whose `[[data]]` file `people.csv` has columns user and region.
  func setupWarnings(_ toml: String) throws -> [String] {
    let spec = try SpecDecoder.decode(try TOMLParser.parse(Array(toml.utf8), file: "t.toml"))
    let plan = try PlanCompiler.compile(
      spec, environment: [:],
      readFile: { (path: String) throws(DataFileError) -> DataFile in
        DataFile(path: path, bytes: Array("user,region\nann,eu\n".utf8))
      })
    return PlanLint.warnings(spec: spec, plan: plan).map {
      "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message) | \($0.help ?? "")"
    }
  }

  static func setupConfig(per: String) -> String {
    """
    base_url = "http://127.0.0.1:1"
    [defaults]
    headers = { "X-Region" = "${vu.region}" }
    [load]
    users = 1
    duration = "1s"
    [[data]]
    file = "people.csv"
    per = "\(per)"
    [[scenarios]]
      [[scenarios.setup]]
      name = "login"
      path = "/login?u=${vu.user}"
      json = { id = "${vu.id}", token = "${vu.token}" }
      capture = { token = { json = "$.token" } }
      [[scenarios.setup]]
      name = "profile"
      path = "/profile/${vu.token}/${vu.first}"
      capture = { id = { json = "$.id" } }
      [[scenarios.flow]]
      name = "items"
      path = "/items/${vu.first}/${vu.id}"
      capture = { first = { json = "$.items[0]" } }
    """
  }

  @Test func setupUsingAPerIterationColumnIsAlwaysEmpty() throws {
    let warnings = try setupWarnings(Self.setupConfig(per: "iteration"))
    let why =
      "[[data]] \"people.csv\" has per = \"iteration\", whose rows are taken at each iteration start, after setup"
    let help = "use per = \"vu\" (one row per virtual user, taken before setup), or use it in the flow or tasks"
    #expect(
      warnings.filter { $0.contains("per = ") } == [
        "3:27 ${vu.region} is always empty in setup request \"login\": \(why) | \(help)",
        "13:20 ${vu.user} is always empty in setup request \"login\": \(why) | \(help)",
      ])
  }

  @Test func setupUsingAVariableCapturedLaterIsAlwaysEmpty() throws {
    let warnings = try setupWarnings(Self.setupConfig(per: "vu"))
    let help =
      "setup runs once before the first iteration: capture it in an earlier setup request, or use it in the flow or tasks"
    // token is captured by login itself (its own response comes after it is sent); id by the
    // later "profile"; profile's token comes from the earlier login, so it is fine.
    #expect(
      warnings == [
        "14:18 ${vu.id} is always empty in setup request \"login\": it is captured only by a later request "
          + "(\"profile\") | \(help)",
        "14:38 ${vu.token} is always empty in setup request \"login\": it is captured from this request's own "
          + "response | \(help)",
        "18:32 ${vu.first} is always empty in setup request \"profile\": it is captured only by a later request "
          + "(\"items\") | \(help)",
      ])
  }
}

/// Think time the open model skips: the pacer, not a pause, starts iterations.
@Suite struct PlanLintOpenModelTests {
  static func config(model: String = "arrival_rate", scenario: String) -> String {
    let load =
      model == "closed"
      ? "users = 5\nduration = \"1m\""
      : "model = \"\(model)\"\nrate = 50\nmax_vus = 10\nduration = \"1m\""
    return """
      base_url = "http://127.0.0.1:1"
      [load]
      \(load)
      \(scenario)
      """
  }

  static let weighted = """
    [[scenarios]]
    name = "shop"
      [[scenarios.tasks]]
      path = "/a"
      [[scenarios.tasks]]
      path = "/b"
      think_time = "1s"
    """

  static let flow = """
    [[scenarios]]
    name = "checkout"
    think_time = "500ms"
      [[scenarios.flow]]
      path = "/cart"
      [[scenarios.flow]]
      path = "/pay"
    """

  @Test func weightedTasksWithThinkTimeWarnAtTheFirstSuchTask() throws {
    let found = try PlanLintTests().warnings(Self.config(scenario: Self.weighted))
    #expect(
      found == [
        "warning 11:15 think time in scenario \"shop\" is not applied in the open model: an iteration is one task,"
          + " and the rate, not a pause, starts the next one"
      ])
  }

  @Test func aFlowWarnsAboutItsLastRequestOnly() throws {
    let found = try PlanLintTests().warnings(Self.config(scenario: Self.flow))
    #expect(
      found == [
        "warning 12:15 think time after the last request of flow \"checkout\" is not applied in the open model:"
          + " the rate starts the next iteration"
      ])
  }

  @Test func theClosedModelAndPauselessScenariosDoNotWarn() throws {
    #expect(try PlanLintTests().warnings(Self.config(model: "closed", scenario: Self.weighted)).isEmpty)
    #expect(try PlanLintTests().warnings(Self.config(model: "closed", scenario: Self.flow)).isEmpty)
    let pauseless = Self.weighted.replacingOccurrences(of: "\n  think_time = \"1s\"", with: "")
    #expect(try PlanLintTests().warnings(Self.config(scenario: pauseless)).isEmpty)
  }
}
