import Foundation
import LoadForgeConfig
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

/// The scenario model: setup/teardown/flow, expect, capture, `${vu.NAME}` templates, `[[data]]`.
@Suite struct PlanCompilerScenarioTests {
  static let files: [String: String] = [
    "users.csv": "username,password\r\nalice,\"a,b\"\r\nbob,\"say \"\"hi\"\"\"\r\n",
    "plain.csv": "x1,y1\nx2,y2\n",
  ]

  /// Compiles `toml` reading data files from `files` (messages name them `data/NAME`).
  static func plan(_ toml: String, env: [String: String] = [:]) throws -> Plan {
    let spec = try SpecDecoder.decode(try TOMLParser.parse(Array(toml.utf8), file: "t.toml"))
    return try PlanCompiler.compile(spec, environment: env, readFile: read)
  }

  static func read(_ path: String) throws(DataFileError) -> DataFile {
    guard let text = files[path] else { throw DataFileError("data/\(path) does not exist") }
    return DataFile(path: "data/\(path)", bytes: Array(text.utf8))
  }

  /// Every compile problem as `file:line:col message`.
  static func errors(_ toml: String, env: [String: String] = [:]) throws -> [String] {
    let spec = try SpecDecoder.decode(try TOMLParser.parse(Array(toml.utf8), file: "t.toml"))
    do {
      _ = try PlanCompiler.compile(spec, environment: env, readFile: read)
      return []
    } catch {
      return error.diagnostics.map { "\($0.location?.description ?? "-") \($0.message)" }
    }
  }

  static let head = """
    base_url = "http://127.0.0.1:8080/v1"
    [load]
    users = 1
    duration = "1s"

    """

  static let shopper =
    head + """
      [[scenarios]]
      name = "shopper"
      [[scenarios.setup]]
      name = "login"
      method = "POST"
      path = "/login"
      json = { user = "${vu.username}", pass = "${vu.password}", n = 1 }
      expect = { status = 200, json = { "$.ok" = true } }
      capture = { token = { json = "$.token" } }
      [[scenarios.tasks]]
      name = "item"
      path = "/items/${vu.item}"
      query = { q = "a b", who = "${vu.username}" }
      headers = { Authorization = "Bearer ${vu.token}", Accept = "text/plain" }
      expect = { status = ["2xx", 304], headers = { "content-type" = "application/json", "x-id" = true }, body_contains = ["items", "${GREETING:-hi}"], json = { "$.items[0].id" = 1, "$.x" = { a = [1, "b"] } } }
      capture = { item = { regex = '"id":(\\d+)' }, etag = { header = "ETag" }, whole = { regex = 'id', group = 0 } }
      [[scenarios.tasks]]
      name = "static"
      path = "/static"
      [[scenarios.teardown]]
      method = "POST"
      path = "/logout"
      form = { who = "${vu.username}", etag = "${vu.etag}", w = "${vu.whole}" }
      [[data]]
      file = "users.csv"
      order = "random"
      per = "iteration"
      """

  @Test func slotsFeedersFirstThenCapturesInScenarioOrder() throws {
    let plan = try Self.plan(Self.shopper)
    #expect(plan.variables == ["username", "password", "token", "item", "etag", "whole"])
    #expect(
      plan.dataFeeders == [
        DataFeederPlan(
          file: "users.csv", columns: ["username", "password"], variables: [0, 1],
          rows: [["alice", "a,b"], ["bob", "say \"hi\""]], order: .random, per: .iteration)
      ])
  }

  @Test func setupTasksAndTeardownCompileInOrderWithTheirEndpoints() throws {
    let plan = try Self.plan(Self.shopper)
    let s = plan.scenarios[0]
    #expect(s.isFlow == false)
    #expect(s.setup.map(\.name) == ["login"])
    #expect(s.tasks.map(\.name) == ["item", "static"])
    #expect(s.teardown.map(\.name) == ["POST /logout"])
    #expect(plan.endpoints.map(\.name) == ["login", "item", "static", "POST /logout"])
    #expect(s.setup[0].endpoint == 0)
    #expect(s.teardown[0].endpoint == 3)
    #expect(s.taskTable.cumulative == [1, 2])
  }

  @Test func targetTemplatePercentEscapesVariablesAndShowsThemLiterally() throws {
    let item = try Self.plan(Self.shopper).scenarios[0].tasks[0].request
    #expect(item.target == "/v1/items/${vu.item}?q=a%20b&who=${vu.username}")
    let template = try #require(item.template)
    #expect(
      template.target == [
        TemplatePart(text: "/v1/items/"), TemplatePart(variable: 3, escape: .percent),
        TemplatePart(text: "?q=a%20b&who="), TemplatePart(variable: 0, escape: .percent),
      ])
    #expect(
      item.headers == [
        HeaderField(name: "Authorization", value: "Bearer ${vu.token}"),
        HeaderField(name: "Accept", value: "text/plain"),
      ])
    #expect(
      template.headerValues == [
        [TemplatePart(text: "Bearer "), TemplatePart(variable: 2, escape: .header)], [TemplatePart(text: "text/plain")],
      ])
    #expect(template.body == [])
  }

  @Test func jsonBodyVariablesUseTheJSONEscapeInsideTheirQuotes() throws {
    let login = try Self.plan(Self.shopper).scenarios[0].setup[0].request
    #expect(String(decoding: login.body, as: UTF8.self) == #"{"user":"${vu.username}","pass":"${vu.password}","n":1}"#)
    let template = try #require(login.template)
    #expect(
      template.body == [
        TemplatePart(text: #"{"user":""#), TemplatePart(variable: 0, escape: .json), TemplatePart(text: #"","pass":""#),
        TemplatePart(variable: 1, escape: .json), TemplatePart(text: #"","n":1}"#),
      ])
    #expect(template.target == [TemplatePart(text: "/v1/login")])
    #expect(login.headers == [HeaderField(name: "Content-Type", value: "application/json")])
    #expect(template.headerValues == [[TemplatePart(text: "application/json")]])
  }

  @Test func formBodyVariablesUseTheFormEscape() throws {
    let logout = try Self.plan(Self.shopper).scenarios[0].teardown[0].request
    #expect(String(decoding: logout.body, as: UTF8.self) == "who=${vu.username}&etag=${vu.etag}&w=${vu.whole}")
    #expect(
      logout.template?.body == [
        TemplatePart(text: "who="), TemplatePart(variable: 0, escape: .form), TemplatePart(text: "&etag="),
        TemplatePart(variable: 4, escape: .form), TemplatePart(text: "&w="), TemplatePart(variable: 5, escape: .form),
      ])
  }

  @Test func textBodyVariablesAreInsertedAsIs() throws {
    let plan = try Self.plan(
      Self.head + """
        [[scenarios]]
        [[scenarios.flow]]
        path = "/a"
        method = "POST"
        body = "id=${vu.id};"
        capture = { id = { header = "X-Id" } }
        """)
    #expect(
      plan.scenarios[0].tasks[0].request.template?.body == [
        TemplatePart(text: "id="), TemplatePart(variable: 0, escape: .none), TemplatePart(text: ";"),
      ])
  }

  @Test func requestWithoutVariablesHasNoTemplate() throws {
    let plan = try Self.plan(Self.shopper)
    let plain = plan.scenarios[0].tasks[1].request
    #expect(plain.template == nil)
    #expect(plain.target == "/v1/static")
    // The fast path encodes like before: quickstart-style requests are unchanged.
    let shopPlan = try compile(shop, env: ["TOKEN": "t"])
    #expect(shopPlan.scenarios.allSatisfy { $0.tasks.allSatisfy { $0.request.template == nil } })
    #expect(shopPlan.variables == [])
    #expect(shopPlan.dataFeeders == [])
  }

  @Test func checksCompileWithExactDescriptions() throws {
    let checks = try Self.plan(Self.shopper, env: ["GREETING": "hello"]).scenarios[0].tasks[0].checks
    #expect(
      checks == [
        CheckPlan(kind: .status, statusRanges: [200...299, 304...304], description: "status 2xx or 304"),
        CheckPlan(
          kind: .header, subject: "content-type", expected: "application/json",
          description: "header content-type = application/json"),
        CheckPlan(kind: .header, subject: "x-id", description: "header x-id present"),
        CheckPlan(kind: .bodyContains, expected: "items", description: #"body contains "items""#),
        CheckPlan(kind: .bodyContains, expected: "hello", description: #"body contains "hello""#),
        CheckPlan(kind: .json, subject: "$.items[0].id", expected: "1", description: "$.items[0].id == 1"),
        CheckPlan(kind: .json, subject: "$.x", expected: #"{"a":[1,"b"]}"#, description: #"$.x == {"a":[1,"b"]}"#),
      ])
    #expect(
      try Self.plan(Self.shopper).scenarios[0].setup[0].checks == [
        CheckPlan(kind: .status, statusRanges: [200...200], description: "status 200"),
        CheckPlan(kind: .json, subject: "$.ok", expected: "true", description: "$.ok == true"),
      ])
  }

  @Test func capturesCompileWithSlotsAndGroups() throws {
    let plan = try Self.plan(Self.shopper)
    #expect(
      plan.scenarios[0].setup[0].captures == [
        CapturePlan(name: "token", variable: 2, source: .json, expression: "$.token")
      ])
    #expect(
      plan.scenarios[0].tasks[0].captures == [
        CapturePlan(name: "item", variable: 3, source: .regex, expression: #""id":(\d+)"#, group: 1),
        CapturePlan(name: "etag", variable: 4, source: .header, expression: "ETag"),
        CapturePlan(name: "whole", variable: 5, source: .regex, expression: "id", group: 0),
      ])
  }

  @Test func flowRunsInOrderWithWeightOne() throws {
    let plan = try Self.plan(
      Self.head + """
        [[scenarios]]
        [[scenarios.flow]]
        path = "/a"
        [[scenarios.flow]]
        path = "/b"
        """)
    #expect(plan.scenarios[0].isFlow)
    #expect(plan.scenarios[0].tasks.map(\.weight) == [1, 1])
    #expect(plan.scenarios[0].taskTable.cumulative == [1, 2])
  }

  @Test func urlTargetsKeepVariablesInPathAndQuery() throws {
    let plan = try Self.plan(
      Self.head + """
        [[scenarios]]
        [[scenarios.tasks]]
        url = "http://127.0.0.1:8080?u=${vu.username}"
        [[scenarios.tasks]]
        url = "http://127.0.0.1:8080/x/${vu.username}"
        [[data]]
        file = "plain.csv"
        columns = ["username", "other"]
        """)
    #expect(plan.dataFeeders[0].rows == [["x1", "y1"], ["x2", "y2"]])
    #expect(plan.scenarios[0].tasks[0].request.target == "/?u=${vu.username}")
    #expect(
      plan.scenarios[0].tasks[0].request.template?.target == [
        TemplatePart(text: "/?u="), TemplatePart(variable: 0, escape: .percent),
      ])
    #expect(plan.scenarios[0].tasks[1].request.target == "/x/${vu.username}")
    #expect(plan.endpoints.map(\.name) == ["GET /?u=${vu.username}", "GET /x/${vu.username}"])
  }

  @Test func defaultHeadersWithVariablesAreTemplatedPerTask() throws {
    let plan = try Self.plan(
      "base_url = \"http://127.0.0.1:1\"\n[defaults]\nheaders = { Authorization = \"Bearer ${vu.t}\" }\n"
        + "[load]\nusers = 1\nduration = \"1s\"\n[[scenarios]]\n[[scenarios.setup]]\npath = \"/l\"\n"
        + "capture = { t = { json = \"$.t\" } }\n[[scenarios.tasks]]\npath = \"/\"\n")
    #expect(
      plan.scenarios[0].tasks[0].request.template?.headerValues == [
        [TemplatePart(text: "Bearer "), TemplatePart(variable: 0, escape: .header)]
      ])
  }

  @Test func variablesOutsideRequestsAreErrors() throws {
    let config = """
      name = "t-${vu.a}"
      base_url = "http://127.0.0.1:1/${vu.a}"
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
      name = "s ${vu.a}"
        [[scenarios.tasks]]
        name = "n ${vu.a}"
        path = "/"
        capture = { a = { header = "A" } }
        expect = { headers = { x = "${vu.a}" }, body_contains = "${vu.a}", json = { "$.a" = "${vu.a}" } }
      [[data]]
      file = "${vu.a}.csv"
      [thresholds]
      "http_req_duration{name:${vu.a}}.p95" = "< 1s"
      """
    #expect(
      try Self.errors(config) == [
        "t.toml:1:11 VU variables are per request; the test name cannot use ${vu.a}",
        "t.toml:2:32 VU variables are per request; base_url cannot use ${vu.a}",
        "t.toml:7:11 VU variables are per request; a scenario name cannot use ${vu.a}",
        "t.toml:9:13 VU variables are per request; a task name cannot use ${vu.a}",
        "t.toml:12:31 VU variables are per request; an expected header value cannot use ${vu.a}",
        "t.toml:12:60 VU variables are per request; body_contains cannot use ${vu.a}",
        "t.toml:12:88 VU variables are per request; an expected JSON value cannot use ${vu.a}",
        "t.toml:14:9 VU variables are per request; a data file cannot use ${vu.a}",
        "t.toml:16:25 VU variables are per request; a threshold cannot use ${vu.a}",
      ])
  }

  /// A `${…}` in a request is placed past the opening quote only when the value has one: a
  /// plain YAML scalar starts with its text (it was one column off when every string was
  /// assumed quoted). A problem with the whole value (a non-ASCII path) underlines all of it.
  @Test(arguments: [
    ("path: /a/${UNSET}", "t.yaml:6:18:8"), ("path: \"/a/${UNSET}\"", "t.yaml:6:19:8"),
    ("path: /a/${vu.nope}", "t.yaml:6:18:10"), ("path: /é/${vu.nope}", "t.yaml:6:15:13"),
  ])
  func referencesInPlainAndQuotedYAML(line: String, expected: String) throws {
    let yaml = """
      base_url: http://127.0.0.1:8080
      load: {users: 1, duration: 1s}
      scenarios:
        - name: s
          tasks:
            - \(line)
      """
    let spec = try SpecDecoder.decode(try YAMLParser.parse(Array(yaml.utf8), file: "t.yaml"))
    let error = try #require(throws: DiagnosticList.self) {
      try PlanCompiler.compile(spec, environment: [:], readFile: Self.read)
    }
    let d = try #require(error.diagnostics.first)
    #expect("\(d.location?.description ?? "-"):\(d.length)" == expected, "\(d.message)")
  }

  @Test func unknownVariablesAreErrorsWithDidYouMean() throws {
    let config =
      Self.head + """
        [[scenarios]]
        name = "a"
          [[scenarios.tasks]]
          path = "/${vu.tokne}/${vu.nothing}"
          capture = { token = { json = "$.t" } }
        [[scenarios]]
        name = "b"
          [[scenarios.tasks]]
          path = "/${vu.token}"
        """
    #expect(
      try Self.errors(config) == [
        "t.toml:8:12 ${vu.tokne} is never captured in this scenario nor fed by [[data]]",
        "t.toml:8:24 ${vu.nothing} is never captured in this scenario nor fed by [[data]]",
        "t.toml:13:12 ${vu.token} is never captured in this scenario nor fed by [[data]]",
      ])
    let spec = try SpecDecoder.decode(try TOMLParser.parse(Array(config.utf8), file: "t.toml"))
    do {
      _ = try PlanCompiler.compile(spec, environment: [:])
      Issue.record("expected errors")
    } catch {
      #expect(
        error.diagnostics.map(\.help) == [
          "did you mean \"token\"?", "this scenario knows ${vu.token}",
          "capture it in an earlier request (capture = { token = { json = \"$.token\" } }) or feed it from [[data]]",
        ])
    }
  }

  @Test func variableInTheOriginOfAURLIsAnError() throws {
    #expect(
      try Self.errors(
        Self.head
          + "[[scenarios]]\n[[scenarios.tasks]]\nurl = \"http://${vu.h}\"\ncapture = { h = { header = \"H\" } }\n")
        == ["t.toml:7:15 VU variables are per request; the origin of a url cannot use ${vu.h}"])
  }

  @Test func invalidJSONPathsAreLocatedOnTheirKey() throws {
    let config =
      Self.head + """
        [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
        expect = { json = { "$.a[*]" = 1 } }
        capture = { t = { json = "token" } }
        """
    #expect(
      try Self.errors(config) == [
        #"t.toml:8:21 invalid JSONPath "$.a[*]": expected an array index or a quoted member name inside [ ], got "*""#,
        #"t.toml:9:26 invalid JSONPath "token": a JSONPath starts with $ (e.g. $.token)"#,
      ])
  }

  @Test func csvProblemsAreLocatedInsideTheFile() throws {
    func feeder(_ csv: String, columns: String = "") throws -> [String] {
      let spec = try SpecDecoder.decode(
        try TOMLParser.parse(
          Array(
            (Self.head + "[[scenarios]]\n[[scenarios.tasks]]\npath = \"/\"\n[[data]]\nfile = \"f.csv\"\n\(columns)")
              .utf8),
          file: "t.toml"))
      do {
        _ = try PlanCompiler.compile(spec, environment: [:]) { _ throws(DataFileError) in
          DataFile(path: "d/f.csv", bytes: Array(csv.utf8))
        }
        return []
      } catch {
        return error.diagnostics.map { "\($0.location?.description ?? "-") \($0.message)" }
      }
    }
    #expect(try feeder("a,b\n1,2\n3\n") == ["d/f.csv:3:1 row has 1 field, expected 2 (a, b)"])
    #expect(
      try feeder("a,b\n1,\"2\n3,4\n") == ["d/f.csv:2:3 unclosed quote: the field opened here has no closing \""])
    #expect(try feeder("") == ["t.toml:9:8 data file \"f.csv\" is empty"])
    #expect(try feeder("a,b\r\n") == ["t.toml:9:8 data file \"f.csv\" has no data rows"])
    #expect(try feeder("a,a\n1,2\n") == ["d/f.csv:1:3 column \"a\" is named twice in the header row"])
    #expect(try feeder("a,b c\n1,2\n") == ["d/f.csv:1:3 invalid column name \"b c\" in the header row"])
    #expect(try feeder("1,2\n", columns: "columns = [\"x\", \"y\"]") == [])
    #expect(
      try feeder("1,2,3\n", columns: "columns = [\"x\", \"y\"]") == ["d/f.csv:1:1 row has 3 fields, expected 2 (x, y)"])
    #expect(
      try Self.errors(Self.head + "[[scenarios]]\n[[scenarios.tasks]]\npath = \"/\"\n[[data]]\nfile = \"no.csv\"\n")
        == [
          "t.toml:9:8 cannot read data file \"no.csv\": data/no.csv does not exist"
        ])
  }

  @Test func aColumnFedTwiceIsAnError() throws {
    let config =
      Self.head + """
        [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
        [[data]]
        file = "users.csv"
        [[data]]
        file = "plain.csv"
        columns = ["password", "y"]
        """
    #expect(try Self.errors(config) == [#"t.toml:12:12 column "password" is also fed by "users.csv""#])
  }

  /// One problem per entry, at the config key naming the columns (the file, when its header
  /// does), not one per column at the CSV's header.
  @Test func columnsFedTwiceByAHeaderAreOneErrorAtTheSecondFile() throws {
    let config =
      Self.head + """
        [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
        [[data]]
        file = "users.csv"
        [[data]]
        file = "users.csv"
        order = "random"
        """
    #expect(
      try Self.errors(config) == [#"t.toml:11:8 columns "username", "password" are also fed by "users.csv""#])
  }

  @Test func planWithTemplatesRoundTripsThroughJSON() throws {
    let plan = try Self.plan(Self.shopper)
    let data = try JSONEncoder().encode(plan)
    #expect(try JSONDecoder().decode(Plan.self, from: data) == plan)
    #expect(
      String(decoding: data, as: UTF8.self).contains(#"{"escape":"percent","variable":3}"#)
        || String(decoding: data, as: UTF8.self).contains(#"{"variable":3,"escape":"percent"}"#))
  }
}
