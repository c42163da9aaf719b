import LoadForgeConfig
import LoadForgeSpec
import Testing

/// Diagnostics underline exactly the value (or key) they are about, as written, in all three
/// formats: quotes when there are quotes, none for a plain YAML scalar, the whole of an inline
/// array or table, the value of a type error, columns counted in Unicode scalars.
@Suite struct CaretWidthTests {
  /// One problem in one format: `load` replaces line 4 (`users = 1`), `task` line 8 (TOML,
  /// YAML) or 6 (JSON); the diagnostic whose message contains `message` must be at
  /// `line:column:length` and underline `underlined` in the rendered excerpt.
  struct Case: CustomTestStringConvertible, Sendable {
    var format: ConfigFormat
    var load: String?
    var task: String?
    var message: String
    var at: String
    var underlined: String
    var testDescription: String { "\(format) \(load ?? task ?? ""): \(at)" }
  }

  static func toml(load: String? = nil, task: String? = nil, _ message: String, _ at: String, _ underlined: String)
    -> Case
  {
    Case(format: .toml, load: load, task: task, message: message, at: at, underlined: underlined)
  }

  static func yaml(load: String? = nil, task: String? = nil, _ message: String, _ at: String, _ underlined: String)
    -> Case
  {
    Case(format: .yaml, load: load, task: task, message: message, at: at, underlined: underlined)
  }

  static func json(load: String? = nil, task: String? = nil, _ message: String, _ at: String, _ underlined: String)
    -> Case
  {
    Case(format: .json, load: load, task: task, message: message, at: at, underlined: underlined)
  }

  static func document(_ c: Case) -> String {
    switch c.format {
    case .toml:
      """
      base_url = "http://127.0.0.1:1"
      [load]
      duration = "1s"
      \(c.load ?? "users = 1")
      [[scenarios]]
      [[scenarios.tasks]]
      path = "/"
      \(c.task ?? "name = \"t\"")
      """
    case .yaml:
      """
      base_url: http://127.0.0.1:1
      load:
        duration: 1s
        \(c.load ?? "users: 1")
      scenarios:
        - tasks:
            - path: /
              \(c.task ?? "name: t")
      """
    case .json:
      """
      {
        "base_url": "http://127.0.0.1:1",
        "load": {"duration": "1s",
        \(c.load ?? "\"users\": 1")},
        "scenarios": [{"tasks": [{"path": "/",
        \(c.task ?? "\"name\": \"t\"")}]}]
      }
      """
    }
  }

  static let cases: [Case] = [
    // Strings: quoted (quotes underlined too) and plain.
    toml(task: #"method = "GTE""#, "unknown HTTP method", "8:10:5", #""GTE""#),
    yaml(task: "method: GTE", "unknown HTTP method", "8:17:3", "GTE"),
    yaml(task: "method: 'GTE'", "unknown HTTP method", "8:17:5", "'GTE'"),
    json(task: #""method": "GTE""#, "unknown HTTP method", "6:13:5", #""GTE""#),
    toml(load: #"pattern = "rmap""#, "unknown pattern", "4:11:6", #""rmap""#),
    yaml(load: "pattern: rmap", "unknown pattern", "4:12:4", "rmap"),
    // Type errors: the whole value, whatever its type.
    toml(task: "name = 12345", "name must be a string, found integer", "8:8:5", "12345"),
    yaml(task: "name: 12345", "name must be a string, found integer", "8:15:5", "12345"),
    json(task: #""name": 12345"#, "name must be a string, found integer", "6:11:5", "12345"),
    toml(task: "name = true", "found boolean", "8:8:4", "true"),
    yaml(task: "name: true", "found boolean", "8:15:4", "true"),
    json(task: #""name": false"#, "found boolean", "6:11:5", "false"),
    toml(load: "users = 1.5", "found float", "4:9:3", "1.5"),
    yaml(load: "users: 1.5", "found float", "4:10:3", "1.5"),
    json(load: #""users": 1.5"#, "found float", "4:12:3", "1.5"),
    toml(load: #"users = "four""#, "users must be", "4:9:6", #""four""#),
    yaml(load: "users: four", "users must be", "4:10:4", "four"),
    json(load: #""users": "four""#, "users must be", "4:12:6", #""four""#),
    toml(load: #"users = "3""#, "found string", "4:9:3", #""3""#),
    yaml(load: #"users: "3""#, "found string", "4:10:3", #""3""#),
    // Inline arrays and tables, bracket to bracket.
    toml(task: "headers = [1, 2]", "headers must be", "8:11:6", "[1, 2]"),
    yaml(task: "headers: [1, 2]", "headers must be", "8:18:6", "[1, 2]"),
    json(task: #""headers": [1, 2]"#, "headers must be", "6:14:6", "[1, 2]"),
    toml(task: "name = { a = 1 }", "found table", "8:8:9", "{ a = 1 }"),
    yaml(task: "name: {a: 1}", "found table", "8:15:6", "{a: 1}"),
    json(task: #""name": {"a": 1}"#, "found table", "6:11:8", #"{"a": 1}"#),
    // An array over several lines: its opening bracket.
    toml(task: "headers = [\n  1,\n]", "headers must be", "8:11:1", "["),
    // Unknown keys: the key as written.
    toml(task: #"methd = "GET""#, #"unknown key "methd""#, "8:1:5", "methd"),
    toml(task: #""methd" = "GET""#, #"unknown key "methd""#, "8:1:7", #""methd""#),
    yaml(task: "methd: GET", #"unknown key "methd""#, "8:9:5", "methd"),
    json(task: #""methd": "GET""#, #"unknown key "methd""#, "6:3:7", #""methd""#),
    // Unicode: columns and widths in scalars (é is one, so is 中).
    toml(task: #"method = "GÉT中""#, "unknown HTTP method", "8:10:6", #""GÉT中""#),
    yaml(task: "method: GÉT中", "unknown HTTP method", "8:17:4", "GÉT中"),
    json(task: #""method": "GÉT中""#, "unknown HTTP method", "6:13:6", #""GÉT中""#),
    toml(task: #""mé" = 1"#, #"unknown key "mé""#, "8:1:4", #""mé""#),
    yaml(task: "mé: 1", #"unknown key "mé""#, "8:9:2", "mé"),
    // ${UNSET}: the reference itself, placed after the opening quote only when there is one.
    toml(load: #"users = "${UNSET}""#, "UNSET is not set", "4:10:8", "${UNSET}"),
    yaml(load: "users: ${UNSET}", "UNSET is not set", "4:10:8", "${UNSET}"),
    yaml(load: #"users: "${UNSET}""#, "UNSET is not set", "4:11:8", "${UNSET}"),
    json(load: #""users": "${UNSET}""#, "UNSET is not set", "4:13:8", "${UNSET}"),
    yaml(load: "users: é${UNSET}", "UNSET is not set", "4:11:8", "${UNSET}"),
    toml(load: #"users = "中${UNSET}""#, "UNSET is not set", "4:11:8", "${UNSET}"),
  ]

  @Test(arguments: cases) func underlinesExactlyTheValue(_ c: Case) throws {
    let text = Self.document(c)
    let file = "t.\(c.format.rawValue)"
    let root = try c.format.parse(Array(text.utf8), file: file)
    let diagnostics = SpecDecoder.decodeAll(root, environment: [:]).diagnostics
    let found = try #require(
      diagnostics.first { $0.message.contains(c.message) },
      "no \"\(c.message)\" in \(diagnostics.map(\.message))")
    let location = try #require(found.location)
    #expect("\(location.line):\(location.column):\(found.length)" == c.at)
    // The excerpt's caret line sits under the source line: the carets cover `underlined`.
    let lines = found.rendered(source: SourceText(file: file, bytes: Array(text.utf8))).split(separator: "\n")
    let source = try #require(lines.firstIndex { $0.hasPrefix("\(location.line) | ") })
    let shown = Array(lines[source].dropFirst("\(location.line) | ".count).unicodeScalars)
    let carets = Array(lines[source + 1].unicodeScalars.drop { $0 != "|" }.dropFirst(2))
    let start = try #require(carets.firstIndex(of: "^"))
    let underlined = String(String.UnicodeScalarView(shown[start..<min(shown.count, carets.count)]))
    #expect(underlined == c.underlined)
  }

  /// `--format json` and the renderer read `Diagnostic.length`; a whole-value caret never
  /// reaches past the end of its line.
  @Test func aMultiLineStringIsUnderlinedToTheEndOfItsFirstLine() throws {
    let text = """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = \"\"\"30
      s\"\"\"
      [[scenarios]]
      [[scenarios.tasks]]
      path = "/"
      """
    let root = try TOMLParser.parse(Array(text.utf8), file: "t.toml")
    let d = try #require(SpecDecoder.decodeAll(root).diagnostics.first { $0.message.contains("duration") })
    #expect(d.location?.line == 4 && d.location?.column == 12 && d.length == 5)
  }
}
