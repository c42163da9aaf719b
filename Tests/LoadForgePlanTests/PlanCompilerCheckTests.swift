import LoadForgeConfig
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

/// `PlanCompiler.check` on the decoder's best-effort spec (`SpecDecoder.decodeAll`): the
/// compiler's problems come with the decoder's, and what the decoder left out is not reported again.
@Suite struct PlanCompilerCheckTests {
  /// Every message of both phases, as `validate` gets them.
  static func messages(_ toml: String, files: [String: String] = [:]) throws -> [String] {
    let root = try TOMLParser.parse(Array(toml.utf8), file: "t.toml")
    let (spec, decoded) = SpecDecoder.decodeAll(root, environment: [:])
    let checked = try #require(spec)
    let (_, compiled) = PlanCompiler.check(
      checked, environment: [:],
      readFile: { (path: String) throws(DataFileError) -> DataFile in
        guard let text = files[path] else { throw DataFileError("\(path) does not exist") }
        return DataFile(path: path, bytes: Array(text.utf8))
      })
    return DiagnosticList(decoded + compiled).sortedByPosition().diagnostics.map(\.message)
  }

  static let head = """
    base_url = "http://127.0.0.1:1"
    [load]
    users = 1
    duration = "1s"

    """

  @Test func aVariableWhoseCaptureIsInvalidIsNotAlsoUnknown() throws {
    let messages = try Self.messages(
      Self.head + """
        [[scenarios]]
          [[scenarios.setup]]
          path = "/login"
          capture = { token = { jsn = "$.token" }, "2bad" = { json = "$.x" } }
          [[scenarios.flow]]
          path = "/items?t=${vu.token}&u=${vu.tokn}"
        """)
    #expect(
      messages == [
        "unknown key \"jsn\" in capture \"token\"", "invalid capture name \"2bad\"",
        "${vu.tokn} is never captured in this scenario nor fed by [[data]]",
      ])
  }

  @Test func aThresholdNamingARequestLeftOutIsNotAlsoUnknown() throws {
    let messages = try Self.messages(
      Self.head + """
        [thresholds]
        "http_req_duration{name:login}.p95" = "< 1s"
        "http_req_duration{name:logn}.p95" = "< 1s"
        [[scenarios]]
          [[scenarios.tasks]]
          name = "login"
          pth = "/login"
          [[scenarios.tasks]]
          name = "items"
          path = "/items"
        """)
    #expect(
      messages == ["no task is named \"logn\"", "unknown key \"pth\" in task #1 of \"scenario 1\""])
  }

  @Test func theOtherOfFlowAndTasksIsCheckedThenLeftOut() throws {
    let messages = try Self.messages(
      Self.head + """
        [thresholds]
        "http_req_duration{name:also}.p95" = "< 1s"
        [[scenarios]]
          [[scenarios.flow]]
          path = "/a"
          [[scenarios.tasks]]
          name = "also"
          path = "/b"
          weight = "high"
        """)
    #expect(
      messages == [
        "tasks and flow cannot be used together", "weight must be a non-negative integer, found string",
      ])
  }

  @Test func dataColumnsKnownFromTheHeaderOrColumnsStayDeclared() throws {
    let messages = try Self.messages(
      Self.head + """
        [[data]]
        file = "ragged.csv"
        [[data]]
        file = "nope.csv"
        columns = ["pass"]
        [[data]]
        file = "users.csv"
        order = "sequental"
        [[scenarios]]
          [[scenarios.tasks]]
          path = "/?u=${vu.user}&p=${vu.pass}&r=${vu.region}&e=${vu.email}&x=${vu.regoin}"
        """, files: ["ragged.csv": "region,zone\neu\n", "users.csv": "user,email\nann,a@x\n"])
    #expect(
      messages == [
        "row has 1 field, expected 2 (region, zone)", "cannot read data file \"nope.csv\": nope.csv does not exist",
        "unknown order \"sequental\"", "${vu.regoin} is never captured in this scenario nor fed by [[data]]",
      ])
  }

  @Test func anUnreadableFileWithoutColumnsSilencesUnknownVariables() throws {
    let messages = try Self.messages(
      Self.head + """
        [[data]]
        file = "nope.csv"
        [[scenarios]]
          [[scenarios.tasks]]
          path = "/?u=${vu.anything}"
        """)
    #expect(messages == ["cannot read data file \"nope.csv\": nope.csv does not exist"])
  }

  @Test func missingBaseURLAndLoadAreOneProblemEach() throws {
    let messages = try Self.messages(
      """
      [[scenarios]]
        [[scenarios.tasks]]
        url = "http://127.0.0.1:9/x"
      """)
    #expect(messages == ["missing required key \"base_url\" in the config file", "missing [load] section"])
  }
}
