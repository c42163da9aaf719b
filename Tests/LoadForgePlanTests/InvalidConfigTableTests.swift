import LoadForgeConfig
import LoadForgePlan
import LoadForgeSpec
import Testing

/// Issue 3 "must show": invalid configs in TOML, YAML and JSON, each run through the whole
/// pipeline (parse → decode → compile) with a fixed environment, asserting the exact first
/// diagnostic; and configs with several independent problems reporting all of them at once.
@Suite struct InvalidConfigTableTests {
  /// One reported problem as a user sees it: `line:column: message`.
  struct Reported: Sendable, Hashable, CustomStringConvertible {
    var line: Int
    var column: Int
    var message: String
    var description: String { "\(line):\(column): \(message)" }
  }

  /// The environment every case compiles with: `EVIL` carries a CRLF for header injection.
  static let environment = ["HOST": "127.0.0.1:8080", "EVIL": "x\r\nX-Injected: 1", "EMPTY": ""]

  /// The `[[data]]` files every case can read (anything else does not exist).
  static let dataFiles = [
    "users.csv": "username,password\nalice,a1\nbob,b2\n",
    "ragged.csv": "username,password\nalice,a1\nbob\n",
    "unclosed.csv": "username,password\nalice,\"a1\nbob,b2\n",
    "empty.csv": "",
  ]

  static func readFile(_ path: String) throws(DataFileError) -> DataFile {
    guard let text = dataFiles[path] else { throw DataFileError("\(path) does not exist") }
    return DataFile(path: path, bytes: Array(text.utf8))
  }

  /// Every diagnostic of `text` read as `format`; the parse error alone when it does not parse,
  /// decode errors when it does not decode, compile errors otherwise; empty when it compiles.
  static func diagnose(_ text: String, _ format: ConfigFormat) -> [Reported] {
    let diagnostics: [Diagnostic]
    do {
      let root = try format.parse(Array(text.utf8), file: "t.\(format.rawValue)")
      let spec = try SpecDecoder.decode(root)
      _ = try PlanCompiler.compile(spec, environment: environment, readFile: readFile)
      diagnostics = []
    } catch let list as DiagnosticList {
      diagnostics = list.diagnostics
    } catch let single as Diagnostic {
      diagnostics = [single]
    } catch {
      Issue.record("unexpected error \(error)")
      diagnostics = []
    }
    return diagnostics.map {
      Reported(line: $0.location?.line ?? 0, column: $0.location?.column ?? 0, message: $0.message)
    }
  }

  /// Help of the first diagnostic (for "did you mean" cases).
  static func firstHelp(_ text: String, _ format: ConfigFormat) -> String? {
    do {
      let root = try format.parse(Array(text.utf8), file: "t")
      _ = try PlanCompiler.compile(try SpecDecoder.decode(root), environment: environment, readFile: readFile)
    } catch let list as DiagnosticList {
      return list.diagnostics.first?.help
    } catch let single as Diagnostic {
      return single.help
    } catch {}
    return nil
  }

  // MARK: - Builders

  /// TOML with one task; `task` lines start at line 7, column 1.
  static func toml(task: String, load: String = "users = 1\nduration = \"1s\"", base: String = "http://127.0.0.1:8080")
    -> String
  {
    """
    base_url = "\(base)"
    [load]
    \(load)
    [[scenarios]]
    [[scenarios.tasks]]
    \(task)
    """
  }

  /// YAML with one task; its first key is at line 8, column 9, the others below it at column 9.
  static func yaml(task: [String], base: String = "http://127.0.0.1:8080") -> String {
    let lines = task.enumerated().map { ($0.offset == 0 ? "      - " : "        ") + $0.element }
    return """
      base_url: \(base)
      load:
        users: 1
        duration: 1s
      scenarios:
        - name: s
          tasks:
      \(lines.joined(separator: "\n"))
      """
  }

  /// JSON with one task; its members start at line 7, column 5, one per line.
  static func json(task: [String], base: String = "\"http://127.0.0.1:8080\"") -> String {
    """
    {
      "base_url": \(base),
      "load": {"users": 1, "duration": "1s"},
      "scenarios": [{
        "name": "s",
        "tasks": [{
        \(task.joined(separator: ",\n    "))
      }]}]
    }
    """
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var format: ConfigFormat
    var text: String
    var line: Int
    var column: Int
    var message: String
    var help: String? = nil
    var testDescription: String { "\(format.rawValue): \(name)" }
  }

  static let cases: [Case] = tomlCases + yamlCases + jsonCases + scenarioCases

  // MARK: TOML

  static let tomlCases: [Case] = [
    Case(
      name: "duplicate key", format: .toml,
      text: "name = \"a\"\nname = \"b\"\n", line: 2, column: 1, message: "duplicate key 'name'"),
    Case(
      name: "unterminated string", format: .toml,
      text: "base_url = \"http://127.0.0.1:8080\nname = \"x\"\n", line: 1, column: 12, message: "unterminated string"),
    Case(
      name: "unknown root key, did you mean", format: .toml,
      text: "nmae = \"x\"\n" + toml(task: "path = \"/\""), line: 1, column: 1,
      message: "unknown key \"nmae\" in the config file", help: "did you mean \"name\"?"),
    Case(
      name: "users = 0", format: .toml, text: toml(task: "path = \"/\"", load: "users = 0\nduration = \"1s\""),
      line: 3, column: 9, message: "users must be between 1 and 10000000, got 0"),
    Case(
      name: "unknown pattern", format: .toml,
      text: toml(task: "path = \"/\"", load: "pattern = \"rmap\"\nduration = \"1s\""), line: 3, column: 11,
      message: "unknown pattern \"rmap\"", help: "did you mean \"ramp\"?"),
    Case(
      name: "path without slash", format: .toml, text: toml(task: "path = \"items\""), line: 7, column: 8,
      message: "path must start with \"/\""),
    Case(
      name: "unset variable", format: .toml, text: toml(task: "path = \"/items/${ITEM_ID}\""), line: 7, column: 16,
      message: "environment variable ITEM_ID is not set"),
    Case(
      name: "unknown HTTP method", format: .toml, text: toml(task: "method = \"FETCH\"\npath = \"/\""), line: 7,
      column: 10, message: "unknown HTTP method \"FETCH\""),
    Case(
      name: "duration without unit", format: .toml,
      text: toml(task: "path = \"/\"", load: "users = 1\nduration = 30"), line: 4, column: 12,
      message: "duration needs a unit"),
    Case(
      name: "negative duration", format: .toml,
      text: toml(task: "path = \"/\"", load: "users = 1\nduration = \"-5s\""), line: 4, column: 12,
      message: "duration must be greater than 0"),
    Case(
      name: "duration too large", format: .toml,
      text: toml(task: "path = \"/\"", load: "users = 1\nduration = \"99999999999h\""), line: 4, column: 12,
      message: "duration \"99999999999h\" is too large"),
    Case(
      name: "key of another pattern", format: .toml,
      text: toml(task: "path = \"/\"", load: "users = 1\nfrom = 2\nduration = \"1s\""), line: 4, column: 1,
      message: "key \"from\" does not apply to pattern \"constant\""),
    Case(
      name: "missing base_url", format: .toml,
      text: "[load]\nusers = 1\nduration = \"1s\"\n[[scenarios]]\n[[scenarios.tasks]]\npath = \"/\"\n", line: 1,
      column: 1, message: "missing required key \"base_url\" in the config file"),
    Case(
      name: "base_url not http", format: .toml, text: toml(task: "path = \"/\"", base: "ftp://127.0.0.1"), line: 1,
      column: 12, message: "base_url must start with http:// or https://, got \"ftp://127.0.0.1\""),
    Case(
      name: "weight -1", format: .toml, text: toml(task: "path = \"/\"\nweight = -1"), line: 8, column: 10,
      message: "weight must be between 0 and 1000000, got -1"),
  ]

  // MARK: YAML

  static let yamlCases: [Case] = [
    Case(
      name: "bad indentation", format: .yaml,
      text: "base_url: http://127.0.0.1:8080\nload:\n  users: 1\n duration: 1s\n", line: 4, column: 2,
      message: "did not find expected key"),
    Case(
      name: "duplicate key", format: .yaml,
      text: "base_url: http://127.0.0.1:8080\nbase_url: http://127.0.0.1:9090\n", line: 2, column: 1,
      message: "duplicate key \"base_url\""),
    Case(
      name: "null value", format: .yaml, text: yaml(task: ["path: /", "method:"]), line: 9, column: 16,
      message: "null is not allowed here"),
    Case(
      name: "tab indentation", format: .yaml, text: "base_url: http://127.0.0.1:8080\nload:\n\tusers: 1\n", line: 3,
      column: 1, message: "a tab cannot indent YAML or start a value"),
    Case(
      name: "unknown root key, did you mean", format: .yaml,
      text: "nmae: x\n" + yaml(task: ["path: /"]), line: 1, column: 1,
      message: "unknown key \"nmae\" in the config file", help: "did you mean \"name\"?"),
    Case(
      name: "users = 0", format: .yaml,
      text: yaml(task: ["path: /"]).replacingOccurrences(of: "users: 1", with: "users: 0"), line: 3, column: 10,
      message: "users must be between 1 and 10000000, got 0"),
    Case(
      name: "unknown pattern", format: .yaml,
      text: yaml(task: ["path: /"]).replacingOccurrences(of: "users: 1", with: "pattern: rmap"), line: 3,
      column: 12, message: "unknown pattern \"rmap\"", help: "did you mean \"ramp\"?"),
    Case(
      name: "path without slash", format: .yaml, text: yaml(task: ["path: items"]), line: 8, column: 15,
      message: "path must start with \"/\""),
    Case(
      name: "unset variable", format: .yaml, text: yaml(task: ["path: \"/items/${ITEM_ID}\""]), line: 8,
      column: 23, message: "environment variable ITEM_ID is not set"),
    Case(
      name: "unknown HTTP method", format: .yaml, text: yaml(task: ["method: FETCH", "path: /"]), line: 8,
      column: 17, message: "unknown HTTP method \"FETCH\""),
    Case(
      name: "all weights zero", format: .yaml, text: yaml(task: ["path: /", "weight: 0"]), line: 8, column: 7,
      message: "every task of \"s\" has weight 0"),
    Case(
      name: "path with a space", format: .yaml, text: yaml(task: ["path: /a b"]), line: 8, column: 15,
      message: "path contains a space"),
    Case(
      name: "header injection through the environment", format: .yaml,
      text: yaml(task: ["path: /", "headers: {X-Token: \"${EVIL}\"}"]), line: 9, column: 28,
      message: "header \"X-Token\" contains a line break or control character after interpolation"),
    Case(
      name: "Content-Length header", format: .yaml, text: yaml(task: ["path: /", "headers: {Content-Length: \"3\"}"]),
      line: 9, column: 19, message: "header \"Content-Length\" cannot be set"),
    Case(
      name: "think_time min > max", format: .yaml, text: yaml(task: ["path: /", "think_time: {min: 2s, max: 1s}"]),
      line: 9, column: 21, message: "think_time min is greater than max"),
    Case(
      name: "think_time mean with min", format: .yaml,
      text: yaml(task: ["path: /", "think_time: {mean: 1s, min: 1s}"]), line: 9, column: 32,
      message: "think_time cannot have both mean and min"),
  ]

  // MARK: JSON

  static let jsonCases: [Case] = [
    Case(
      name: "trailing comma", format: .json, text: "{\n  \"base_url\": \"http://127.0.0.1:8080\",\n}\n", line: 2,
      column: 38, message: "trailing comma in an object"),
    Case(
      name: "comment", format: .json, text: "{\n  // load test\n  \"base_url\": \"http://127.0.0.1:8080\"\n}\n",
      line: 2, column: 3, message: "comments are not allowed in JSON"),
    Case(
      name: "null", format: .json, text: json(task: ["\"path\": \"/\"", "\"method\": null"]), line: 8, column: 15,
      message: "null is not allowed here"),
    Case(
      name: "unknown root key, did you mean", format: .json,
      text: json(task: ["\"path\": \"/\""]).replacingOccurrences(of: "{\n", with: "{\n  \"nmae\": \"x\",\n"),
      line: 2, column: 3, message: "unknown key \"nmae\" in the config file", help: "did you mean \"name\"?"),
    Case(
      name: "users = 0", format: .json,
      text: json(task: ["\"path\": \"/\""]).replacingOccurrences(of: "\"users\": 1", with: "\"users\": 0"), line: 3,
      column: 21, message: "users must be between 1 and 10000000, got 0"),
    Case(
      name: "unknown pattern", format: .json,
      text: json(task: ["\"path\": \"/\""]).replacingOccurrences(of: "\"users\": 1", with: "\"pattern\": \"rmap\""),
      line: 3, column: 23, message: "unknown pattern \"rmap\"", help: "did you mean \"ramp\"?"),
    Case(
      name: "path without slash", format: .json, text: json(task: ["\"path\": \"items\""]), line: 7, column: 13,
      message: "path must start with \"/\""),
    Case(
      name: "unset variable", format: .json, text: json(task: ["\"path\": \"/items/${ITEM_ID}\""]), line: 7,
      column: 21, message: "environment variable ITEM_ID is not set"),
    Case(
      name: "unknown HTTP method", format: .json, text: json(task: ["\"method\": \"FETCH\"", "\"path\": \"/\""]),
      line: 7, column: 15, message: "unknown HTTP method \"FETCH\""),
    Case(
      name: "duplicate header", format: .json,
      text: json(task: ["\"path\": \"/\"", "\"headers\": {\"Accept\": \"a\", \"accept\": \"b\"}"]), line: 8,
      column: 32, message: "header \"accept\" is given twice (names are case-insensitive)"),
    Case(
      name: "json and body together", format: .json,
      text: json(task: ["\"path\": \"/\"", "\"body\": \"x\"", "\"json\": {\"a\": 1}"]), line: 9, column: 5,
      message: "json and body cannot be used together"),
    Case(
      name: "path and url together", format: .json,
      text: json(task: ["\"path\": \"/\"", "\"url\": \"http://127.0.0.1:8080/\""]), line: 8, column: 5,
      message: "url and path cannot be used together"),
    Case(
      name: "url of another origin", format: .json, text: json(task: ["\"url\": \"http://127.0.0.1:9090/x\""]),
      line: 7, column: 12, message: "url must use the base_url's origin for now"),
    Case(
      name: "empty name", format: .json, text: json(task: ["\"path\": \"/\"", "\"name\": \"  \""]), line: 8,
      column: 13, message: "name is empty"),
    Case(
      name: "control character in name", format: .json,
      text: json(task: ["\"path\": \"/\"", "\"name\": \"a\\u0007b\""]),
      line: 8, column: 13, message: "name contains a control character"),
    Case(
      name: "query with a number", format: .json, text: json(task: ["\"path\": \"/\"", "\"query\": {\"page\": 2}"]),
      line: 8, column: 23, message: "query.page must be a string, found integer"),
    Case(
      name: "users of the wrong type", format: .json,
      text: json(task: ["\"path\": \"/\""]).replacingOccurrences(of: "\"users\": 1", with: "\"users\": \"ten\""),
      line: 3, column: 21, message: "users must be a positive integer, found string"),
  ]

  // MARK: Scenario model (expect, capture, ${vu.NAME}, setup/teardown/flow, [[data]])

  static let scenarioCases: [Case] = [
    Case(
      name: "VU variable never captured", format: .toml, text: toml(task: "path = \"/items/${vu.item}\""), line: 7,
      column: 16, message: "${vu.item} is never captured in this scenario nor fed by [[data]]"),
    Case(
      name: "capture with two sources", format: .toml,
      text: toml(task: "path = \"/\"\ncapture = { t = { json = \"$.t\", regex = \"x\" } }"), line: 8, column: 33,
      message: "regex and json cannot be used together"),
    Case(
      name: "status out of range", format: .toml, text: toml(task: "path = \"/\"\nexpect = { status = 600 }"), line: 8,
      column: 21, message: "status must be between 100 and 599, got 600"),
    Case(
      name: "expected header false", format: .toml,
      text: toml(task: "path = \"/\"\nexpect = { headers = { x = false } }"), line: 8, column: 28,
      message: "expect.headers.x = false is not a check"),
    Case(
      name: "unknown data order", format: .toml,
      text: toml(task: "path = \"/\"\n[[data]]\nfile = \"users.csv\"\norder = \"randm\""), line: 10, column: 9,
      message: "unknown order \"randm\"", help: "did you mean \"random\"?"),
    Case(
      name: "ragged CSV row, located in the CSV file", format: .toml,
      text: toml(task: "path = \"/\"\n[[data]]\nfile = \"ragged.csv\""), line: 3, column: 1,
      message: "row has 1 field, expected 2 (username, password)"),
    Case(
      name: "JSONPath outside the subset", format: .toml,
      text: toml(task: "path = \"/\"\nexpect = { json = { \"$.a[*]\" = 1 } }"), line: 8, column: 21,
      message: "invalid JSONPath \"$.a[*]\": expected an array index or a quoted member name inside [ ], got \"*\""),
    Case(
      name: "VU variable in base_url", format: .toml,
      text: toml(task: "path = \"/\"", base: "http://127.0.0.1:8080/${vu.x}"), line: 1, column: 35,
      message: "VU variables are per request; base_url cannot use ${vu.x}"),
    Case(
      name: "unknown capture source", format: .yaml, text: yaml(task: ["path: /", "capture: {t: {jsn: $.t}}"]),
      line: 9, column: 23, message: "unknown key \"jsn\" in capture \"t\"", help: "did you mean \"json\"?"),
    Case(
      name: "regex that does not compile", format: .yaml,
      text: yaml(task: ["path: /", "capture: {id: {regex: \"(\"}}"]), line: 9, column: 31,
      message: "invalid regex: expected ')'"),
    Case(
      name: "regex group that does not exist", format: .yaml,
      text: yaml(task: ["path: /", "capture: {id: {regex: \"a(b)\", group: 3}}"]), line: 9, column: 46,
      message: "group 3 does not exist: the regex has 1 capture group"),
    Case(
      name: "status class misspelt", format: .yaml, text: yaml(task: ["path: /", "expect: {status: 2xy}"]), line: 9,
      column: 26, message: "invalid status \"2xy\""),
    Case(
      name: "VU variable in a header name", format: .yaml, text: yaml(task: ["path: /", "headers: {\"${vu.h}\": x}"]),
      line: 9, column: 19, message: "VU variables are per request; a header name cannot use one"),
    Case(
      name: "VU variable in a task name", format: .yaml,
      text: yaml(task: ["path: /", "name: \"a ${vu.t}\"", "capture: {t: {header: X}}"]), line: 9, column: 18,
      message: "VU variables are per request; a task name cannot use ${vu.t}"),
    Case(
      name: "data file that does not exist", format: .yaml,
      text: yaml(task: ["path: /"]) + "\ndata:\n  - file: nope.csv", line: 10, column: 11,
      message: "cannot read data file \"nope.csv\": nope.csv does not exist"),
    Case(
      name: "flow and tasks together", format: .json,
      text: json(task: ["\"path\": \"/\""]).replacingOccurrences(
        of: "\"name\": \"s\",", with: "\"name\": \"s\", \"flow\": [{\"path\": \"/\"}],"),
      line: 6, column: 5, message: "tasks and flow cannot be used together"),
    Case(
      name: "weight in setup", format: .json,
      text: json(task: ["\"path\": \"/\""]).replacingOccurrences(
        of: "\"name\": \"s\",", with: "\"name\": \"s\", \"setup\": [{\"path\": \"/\", \"weight\": 2}],"),
      line: 5, column: 42, message: "weight has no meaning in setup"),
    Case(
      name: "capture name not a variable name", format: .json,
      text: json(task: ["\"path\": \"/\"", "\"capture\": {\"a-b\": {\"json\": \"$.a\"}}"]), line: 8, column: 17,
      message: "invalid capture name \"a-b\""),
    Case(
      name: "unknown data per", format: .json,
      text: json(task: ["\"path\": \"/\""]).replacingOccurrences(
        of: "\"base_url\": ", with: "\"data\": [{\"file\": \"users.csv\", \"per\": \"user\"}],\n  \"base_url\": "),
      line: 2, column: 41, message: "unknown per \"user\""),
    Case(
      name: "unclosed quote in the CSV file", format: .json,
      text: json(task: ["\"path\": \"/\""]).replacingOccurrences(
        of: "\"base_url\": ", with: "\"data\": [{\"file\": \"unclosed.csv\"}],\n  \"base_url\": "),
      line: 2, column: 7, message: "unclosed quote: the field opened here has no closing \""),
    Case(
      name: "empty CSV file", format: .json,
      text: json(task: ["\"path\": \"/\""]).replacingOccurrences(
        of: "\"base_url\": ", with: "\"data\": [{\"file\": \"empty.csv\"}],\n  \"base_url\": "),
      line: 2, column: 21, message: "data file \"empty.csv\" is empty"),
    Case(
      name: "VU variable in an expected body", format: .json,
      text: json(task: ["\"path\": \"/\"", "\"expect\": {\"body_contains\": \"${vu.x}\"}"]), line: 8, column: 34,
      message: "VU variables are per request; body_contains cannot use ${vu.x}"),
    Case(
      name: "VU variable misspelt", format: .json,
      text: json(task: ["\"path\": \"/${vu.tokn}\"", "\"capture\": {\"token\": {\"json\": \"$.t\"}}"]), line: 7,
      column: 15, message: "${vu.tokn} is never captured in this scenario nor fed by [[data]]",
      help: "did you mean \"token\"?"),
  ]

  @Test(arguments: cases) func firstDiagnosticIsExact(_ c: Case) throws {
    let reported = Self.diagnose(c.text, c.format)
    let first = try #require(reported.first, "\(c.name) compiled without a problem")
    #expect(first.line == c.line)
    #expect(first.column == c.column)
    #expect(first.message == c.message)
    if let help = c.help { #expect(Self.firstHelp(c.text, c.format) == help) }
  }

  /// The table really covers each format, and some problems in all three.
  @Test func tableSpreadsOverTheThreeFormats() {
    let perFormat = Dictionary(grouping: Self.cases, by: \.format).mapValues(\.count)
    #expect(Self.cases.count >= 60)
    #expect(Self.scenarioCases.count >= 15)
    #expect(Set(Self.scenarioCases.map(\.format)) == Set(ConfigFormat.allCases))
    for format in ConfigFormat.allCases { #expect(perFormat[format, default: 0] >= 10, "\(format)") }
    let names = Dictionary(grouping: Self.cases, by: \.name).filter { $0.value.count == 3 }
    #expect(names.count >= 6)
  }

  /// The configs the builders make compile cleanly, so each case fails only for what it changes.
  @Test func builderBaseConfigsCompile() {
    #expect(Self.diagnose(Self.toml(task: "path = \"/\""), .toml) == [])
    #expect(Self.diagnose(Self.yaml(task: ["path: /"]), .yaml) == [])
    #expect(Self.diagnose(Self.json(task: ["\"path\": \"/\""]), .json) == [])
  }

  // MARK: - Several independent problems in one config

  struct MultiCase: Sendable, CustomTestStringConvertible {
    var name: String
    var format: ConfigFormat
    var text: String
    var expected: [Reported]
    var testDescription: String { "\(format.rawValue): \(name)" }
  }

  static func at(_ line: Int, _ column: Int, _ message: String) -> Reported {
    Reported(line: line, column: column, message: message)
  }

  static let multiCases: [MultiCase] = [
    MultiCase(
      name: "decode problems in root, load and task", format: .toml,
      text: """
        nmae = "x"
        base_url = "http://127.0.0.1:8080"
        [load]
        users = 0
        duration = 30
        [[scenarios]]
        [[scenarios.tasks]]
        method = "FETCH"
        path = "items"
        weight = -1
        """,
      expected: [
        at(1, 1, "unknown key \"nmae\" in the config file"),
        at(4, 9, "users must be between 1 and 10000000, got 0"),
        at(5, 12, "duration needs a unit"),
        at(8, 10, "unknown HTTP method \"FETCH\""),
        at(9, 8, "path must start with \"/\""),
        at(10, 10, "weight must be between 0 and 1000000, got -1"),
      ]),
    MultiCase(
      name: "decode problems in load, headers, think time and name", format: .yaml,
      text: """
        base_url: http://127.0.0.1:8080
        load:
          pattern: rmap
          duration: "-5s"
        scenarios:
          - name: s
            tasks:
              - path: /
                name: ""
                headers: {Content-Length: "3", Accept: a, accept: b}
                think_time: {mean: 1s, max: 2s}
        """,
      expected: [
        at(3, 12, "unknown pattern \"rmap\""),
        at(4, 13, "duration must be greater than 0"),
        at(9, 15, "name is empty"),
        at(10, 19, "header \"Content-Length\" cannot be set"),
        at(10, 51, "header \"accept\" is given twice (names are case-insensitive)"),
        at(11, 32, "think_time cannot have both mean and max"),
      ]),
    MultiCase(
      name: "decode problems: missing base_url, bodies, query, name, url", format: .json,
      text: """
        {
          "load": {"users": 1, "duration": "1s", "from": 1},
          "scenarios": [{"tasks": [{
            "path": "/",
            "url": "http://127.0.0.1:8080/",
            "name": "a\\u0001",
            "body": "x",
            "form": {"a": "b"},
            "query": {"page": true}
          }]}]
        }
        """,
      expected: [
        at(1, 1, "missing required key \"base_url\" in the config file"),
        at(2, 42, "key \"from\" does not apply to pattern \"constant\""),
        at(5, 5, "url and path cannot be used together"),
        at(6, 13, "name contains a control character"),
        at(8, 5, "form and body cannot be used together"),
        at(9, 23, "query.page must be a string, found boolean"),
      ]),
    MultiCase(
      name: "compile problems with an https base_url: injected header, unset variable, space in path", format: .toml,
      text: """
        base_url = "https://127.0.0.1"
        [defaults]
        headers = { "X-Token" = "${EVIL}" }
        [load]
        users = 1
        duration = "1s"
        [[scenarios]]
        [[scenarios.tasks]]
        path = "/items/${ITEM_ID}"
        [[scenarios.tasks]]
        path = "/a b"
        """,
      expected: [
        at(3, 25, "header \"X-Token\" contains a line break or control character after interpolation"),
        at(9, 16, "environment variable ITEM_ID is not set"),
        at(11, 8, "path contains a space"),
      ]),
    MultiCase(
      name: "compile problems: unset variables, other origin, injected header", format: .json,
      text: """
        {
          "base_url": "http://${HOST}",
          "load": {"users": 1, "duration": "1s"},
          "scenarios": [{"tasks": [
            {"path": "/", "headers": {"Authorization": "Bearer ${TOKEN}"}},
            {"url": "http://example.com/x"},
            {"path": "/", "headers": {"X-Evil": "${EVIL}"}}
          ]}]
        }
        """,
      expected: [
        at(5, 56, "environment variable TOKEN is not set"),
        at(6, 13, "url must use the base_url's origin for now"),
        at(7, 41, "header \"X-Evil\" contains a line break or control character after interpolation"),
      ]),
    MultiCase(
      name: "decode problems: weights, think time, method type", format: .yaml,
      text: """
        base_url: http://127.0.0.1:8080
        load: {users: ten, duration: 99999999999h}
        scenarios:
          - weight: 0
            think_time: {min: 2s, max: 1s}
            tasks:
              - {path: /, method: 7}
          - weight: 0
            tasks:
              - {path: "/${EMPTY}"}
        """,
      expected: [
        at(2, 15, "users must be a positive integer, found string"),
        at(2, 30, "duration \"99999999999h\" is too large"),
        at(4, 3, "every scenario has weight 0"),
        at(5, 17, "think_time min is greater than max"),
        at(7, 27, "method must be a string, found integer"),
      ]),
  ]

  /// The scenario model's problems, decode and compile, each reported in the same run as the others.
  static let scenarioMultiCases: [MultiCase] = [
    MultiCase(
      name: "decode problems: data order, weight in setup, capture sources, expect, flow with tasks", format: .toml,
      text: """
        base_url = "http://127.0.0.1:8080"
        [load]
        users = 1
        duration = "1s"
        [[data]]
        file = "users.csv"
        order = "randm"
        [[scenarios]]
          [[scenarios.setup]]
          path = "/login"
          weight = 2
          capture = { t = { json = "$.t", header = "X" } }
          [[scenarios.tasks]]
          path = "/"
          expect = { status = 99, headers = { x = false } }
          [[scenarios.flow]]
          path = "/b"
        """,
      expected: [
        at(7, 9, "unknown order \"randm\""),
        at(11, 3, "weight has no meaning in setup"),
        at(12, 35, "header and json cannot be used together"),
        at(15, 23, "status must be between 100 and 599, got 99"),
        at(15, 43, "expect.headers.x = false is not a check"),
        at(16, 15, "flow and tasks cannot be used together"),
      ]),
    MultiCase(
      name: "compile problems: CSV row, VU variable in a name, JSONPath, injected header", format: .json,
      text: """
        {
          "base_url": "http://127.0.0.1:8080",
          "data": [{"file": "ragged.csv"}],
          "load": {"users": 1, "duration": "1s"},
          "scenarios": [{"name": "${vu.x}", "tasks": [
            {"path": "/", "expect": {"json": {"$x": 1}}, "headers": {"X-Evil": "${EVIL}"}}
          ]}]
        }
        """,
      expected: [
        at(3, 1, "row has 1 field, expected 2 (username, password)"),
        at(5, 27, "VU variables are per request; a scenario name cannot use ${vu.x}"),
        at(6, 39, "invalid JSONPath \"$x\": expected . or [ after $"),
        at(6, 72, "header \"X-Evil\" contains a line break or control character after interpolation"),
      ]),
    MultiCase(
      name: "compile problems: unknown VU variables in path, header and body", format: .yaml,
      text: """
        base_url: http://127.0.0.1:8080
        load: {users: 1, duration: 1s}
        scenarios:
          - setup:
              - {path: /login, capture: {token: {json: $.token}}}
            flow:
              - path: "/${vu.tokn}"
                headers: {A: "${vu.nope}"}
                json: {a: "${vu.token}", b: "${vu.zzz}"}
        """,
      expected: [
        at(7, 17, "${vu.tokn} is never captured in this scenario nor fed by [[data]]"),
        at(8, 23, "${vu.nope} is never captured in this scenario nor fed by [[data]]"),
        at(9, 38, "${vu.zzz} is never captured in this scenario nor fed by [[data]]"),
      ]),
  ]

  @Test(arguments: multiCases + scenarioMultiCases) func everyProblemIsReportedInOneRun(_ c: MultiCase) {
    let reported = Self.diagnose(c.text, c.format)
    #expect(Set(reported) == Set(c.expected))
    #expect(reported.count == c.expected.count)
  }

  @Test(arguments: multiCases + scenarioMultiCases) func diagnosticsAreSortedByPosition(_ c: MultiCase) {
    let reported = Self.diagnose(c.text, c.format)
    let positions = reported.map { [$0.line, $0.column] }
    #expect(positions == positions.sorted { $0.lexicographicallyPrecedes($1) })
  }
}
