import LoadForgeConfig
import Testing

@testable import LoadForgeSpec

/// A config whose one scenario is `scenarioLines` (from line 6, after `[[scenarios]]` on line 5).
func oneScenario(_ scenarioLines: String) -> String {
  """
  base_url = "http://127.0.0.1:1"
  [load]
  users = 1
  duration = "1s"
  [[scenarios]]
  \(scenarioLines)
  """
}

@Suite struct SpecDecoderScenarioTests {
  @Test func setupFlowAndTeardownDecodeInOrder() throws {
    let spec = try decode(
      oneScenario(
        """
        [[scenarios.setup]]
        path = "/login"
        [[scenarios.flow]]
        path = "/a"
        [[scenarios.flow]]
        path = "/b"
        [[scenarios.teardown]]
        path = "/logout"
        """)
    ).get()
    let s = spec.scenarios[0]
    #expect(s.isFlow)
    #expect(s.setup.map { $0.path?.value } == ["/login"])
    #expect(s.tasks.map { $0.path?.value } == ["/a", "/b"])
    #expect(s.teardown.map { $0.path?.value } == ["/logout"])
    #expect(s.tasks.map(\.weight) == [1, 1])
  }

  @Test func flowWithTasksIsAnErrorAtTheSecond() {
    #expect(
      problems(oneScenario("[[scenarios.tasks]]\npath = \"/\"\n[[scenarios.flow]]\npath = \"/\"")) == [
        "8:13 flow and tasks cannot be used together [tasks are picked by weight, one per iteration; a flow runs all its requests in order: keep one]"
      ])
  }

  @Test func weightOutsideTasksIsAnError() {
    #expect(
      problems(
        oneScenario(
          "[[scenarios.setup]]\npath = \"/\"\nweight = 2\n[[scenarios.flow]]\npath = \"/\"\nweight = 1\n"
            + "[[scenarios.teardown]]\npath = \"/\"\nweight = 3")) == [
          "8:1 weight has no meaning in setup [setup requests run once each, in order: remove weight]",
          "11:1 weight has no meaning in flow [a flow runs every request in order; for requests picked by weight use [[scenarios.tasks]]]",
          "14:1 weight has no meaning in teardown [teardown requests run once each, in order: remove weight]",
        ])
  }

  @Test func scenarioWithOnlySetupHasNoTasks() {
    #expect(
      problems(oneScenario("name = \"x\"\n[[scenarios.setup]]\npath = \"/\"")) == [
        "5:3 scenario \"x\" has no tasks [add [[scenarios.tasks]] (picked by weight) or [[scenarios.flow]] (run in order) with at least a path]"
      ])
  }

  @Test func expectDecodesEveryKindInWrittenOrder() throws {
    let spec = try decode(
      oneTask(
        """
        path = "/"
        expect = { json = { "$.a" = [1, "x"] }, status = ["2XX", 304, "404"], headers = { ETag = true, "content-type" = "text/html" }, body_contains = ["a", "b"] }
        """)
    ).get()
    let checks = spec.scenarios[0].tasks[0].checks
    #expect(checks.count == 6)
    guard case .json(let path, .array(let items)) = checks[0], items.count == 2, case .string(let x) = items[1] else {
      Issue.record("\(checks[0])")
      return
    }
    #expect(items[0] == .integer(1))
    #expect(path.value == "$.a")
    #expect(path.location.line == 8)
    #expect(path.location.column == 21)
    #expect(x.value == "x")
    #expect(checks[1] == .status(ranges: [200...299, 304...304, 404...404], text: "2xx or 304 or 404"))
    guard case .header(let etag, nil) = checks[2], case .header(let ct, let value?) = checks[3] else {
      Issue.record("\(checks[2]) \(checks[3])")
      return
    }
    #expect(etag.value == "ETag")
    #expect(ct.value == "content-type")
    #expect(value.value == "text/html")
    guard case .bodyContains(let a) = checks[4], case .bodyContains(let b) = checks[5] else { return }
    #expect([a.value, b.value] == ["a", "b"])
  }

  @Test func expectProblems() {
    #expect(
      problems(
        oneTask(
          """
          path = "/"
          expect = { status = 600, headers = { x = false, y = 1 }, body_contains = 3, json = "x", stauts = 200 }
          """)) == [
          "8:21 status must be between 100 and 599, got 600 [write a status code from 100 to 599 (200), a class from 1xx to 5xx (\"2xx\"), or an array of them]",
          "8:42 expect.headers.x = false is not a check [true checks that the header is present, a string that it has that value; absence cannot be checked]",
          "8:53 expect.headers.y must be a string or true, found integer",
          "8:74 expect.body_contains must be a string or an array of strings, found integer",
          "8:84 expect.json must be a table of JSONPath = value, e.g. { \"$.ok\" = true }, found string",
          "8:89 unknown key \"stauts\" in expect [did you mean \"status\"?]",
        ])
    #expect(
      problems(oneTask("path = \"/\"\nexpect = { status = [\"2x\", \"6xx\", true, []] }")) == [
        "8:22 invalid status \"2x\" [write a status code from 100 to 599 (200), a class from 1xx to 5xx (\"2xx\"), or an array of them]",
        "8:28 invalid status \"6xx\" [write a status code from 100 to 599 (200), a class from 1xx to 5xx (\"2xx\"), or an array of them]",
        "8:35 status must be a code or a class like \"2xx\", found boolean [write a status code from 100 to 599 (200), a class from 1xx to 5xx (\"2xx\"), or an array of them]",
        "8:41 status must be a code or a class like \"2xx\", found array [write a status code from 100 to 599 (200), a class from 1xx to 5xx (\"2xx\"), or an array of them]",
      ])
    #expect(
      problems(oneTask("path = \"/\"\nexpect = { status = [] }")) == [
        "8:21 expect.status is empty [write a code (200), a class (\"2xx\") or both]"
      ])
  }

  @Test func capturesDecodeWithDefaultGroups() throws {
    let spec = try decode(
      oneTask(
        """
        path = "/"
        capture = { a = { json = "$.a" }, b = { regex = 'x(\\d+)' }, c = { regex = 'x\\d+' }, d = { regex = '(a)(b)', group = 2 }, e = { header = "ETag" } }
        """)
    ).get()
    let captures = spec.scenarios[0].tasks[0].captures
    #expect(captures.map(\.name.value) == ["a", "b", "c", "d", "e"])
    #expect(captures.map(\.source) == [.json, .regex, .regex, .regex, .header])
    #expect(captures.map(\.expression.value) == ["$.a", "x(\\d+)", "x\\d+", "(a)(b)", "ETag"])
    #expect(captures.map(\.group) == [0, 1, 0, 2, 0])
    #expect(captures[0].name.location.column == 13)
  }

  @Test func captureProblems() {
    #expect(
      problems(
        oneTask(
          """
          path = "/"
          capture = { 1x = { json = "$.a" }, b = { json = "$.b", header = "X" }, c = {}, d = "a.d", e = { regex = '(', group = 1 }, f = { regex = 'a(b)', group = 2 }, g = { header = "X", group = 1 }, h = { jsn = "$" } }
          """)) == [
          "8:13 invalid capture name \"1x\" [names are letters, digits and _ and do not start with a digit (they are used as ${vu.NAME})]",
          "8:56 header and json cannot be used together [a capture reads one place of the response: keep one]",
          "8:76 capture \"c\" needs one of json, regex or header [e.g. { json = \"$.token\" }]",
          "8:84 capture \"d\" must be a JSONPath (\"$.token\") or a table [say where the value comes from: { json = \"$.path\" }, { regex = \"…\" } or { header = \"Name\" }]",
          "8:105 invalid regex: expected ')' [Swift Regex syntax (like PCRE); in TOML write it in single quotes: '\"id\":(\\d+)']",
          "8:153 group 2 does not exist: the regex has 1 capture group [0 is the whole match, 1 the first ( … ) group]",
          "8:178 group applies to regex captures only [remove group, or capture with regex = \"…\"]",
          "8:197 unknown key \"jsn\" in capture \"h\" [did you mean \"json\"?]",
        ])
  }

  @Test func dataFeedersDecodeWithDefaults() throws {
    let spec = try decode(
      oneTask("path = \"/\"")
        + "\n[[data]]\nfile = \"a.csv\"\n[[data]]\nfile = \"b.csv\"\ncolumns = [\"x\", \"y\"]\norder = \"random\"\nper = \"iteration\""
    ).get()
    #expect(spec.dataFeeders.count == 2)
    #expect(spec.dataFeeders[0].file.value == "a.csv")
    #expect(spec.dataFeeders[0].columns == nil)
    #expect(spec.dataFeeders[0].order == .sequential)
    #expect(spec.dataFeeders[0].per == .vu)
    #expect(spec.dataFeeders[1].columns?.map(\.value) == ["x", "y"])
    #expect(spec.dataFeeders[1].order == .random)
    #expect(spec.dataFeeders[1].per == .iteration)
  }

  /// `fiel` is reported with its suggestion; the missing `file` is not reported again.
  @Test func dataFeederProblems() {
    #expect(
      problems(
        oneTask("path = \"/\"")
          + "\n[[data]]\ncolumns = [\"a\", \"a\", \"b c\"]\norder = \"randm\"\nper = \"user\"\nfiel = \"x\"") == [
          "9:17 column \"a\" is named twice",
          "9:22 invalid column name \"b c\" [names are letters, digits and _ and do not start with a digit (they are used as ${vu.NAME})]",
          "10:9 unknown order \"randm\" [did you mean \"random\"?]",
          "11:7 unknown per \"user\" [use \"vu\" or \"iteration\"]",
          "12:1 unknown key \"fiel\" in [[data]] #1 [did you mean \"file\"?]",
        ])
  }

  @Test func variableInAHeaderNameIsAnError() {
    #expect(
      problems(oneTask("path = \"/\"\nheaders = { \"${vu.h}\" = \"x\" }")) == [
        "8:13 VU variables are per request; a header name cannot use one [use ${vu.NAME} in the header's value]"
      ])
  }
}
