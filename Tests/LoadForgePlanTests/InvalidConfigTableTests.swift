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

  /// Every diagnostic of `text` read as `format`; the parse error alone when it does not parse,
  /// decode errors when it does not decode, compile errors otherwise; empty when it compiles.
  static func diagnose(_ text: String, _ format: ConfigFormat) -> [Reported] {
    let diagnostics: [Diagnostic]
    do {
      let root = try format.parse(Array(text.utf8), file: "t.\(format.rawValue)")
      let spec = try SpecDecoder.decode(root)
      _ = try PlanCompiler.compile(spec, environment: environment)
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
      _ = try PlanCompiler.compile(try SpecDecoder.decode(root), environment: environment)
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

  static let cases: [Case] = tomlCases + yamlCases + jsonCases

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
      name: "https base_url", format: .toml, text: toml(task: "path = \"/\"", base: "https://127.0.0.1"), line: 1,
      column: 12, message: "https:// targets are not supported yet"),
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
    #expect(Self.cases.count >= 40)
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
      name: "compile problems: https, injected header, unset variable, space in path", format: .toml,
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
        at(1, 12, "https:// targets are not supported yet"),
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

  @Test(arguments: multiCases) func everyProblemIsReportedInOneRun(_ c: MultiCase) {
    let reported = Self.diagnose(c.text, c.format)
    #expect(Set(reported) == Set(c.expected))
    #expect(reported.count == c.expected.count)
  }

  @Test(arguments: multiCases) func diagnosticsAreSortedByPosition(_ c: MultiCase) {
    let reported = Self.diagnose(c.text, c.format)
    let positions = reported.map { [$0.line, $0.column] }
    #expect(positions == positions.sorted { $0.lexicographicallyPrecedes($1) })
  }
}
