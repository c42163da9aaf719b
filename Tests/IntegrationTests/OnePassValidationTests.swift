import Foundation
import Testing

/// `loadforge validate` finds every problem of a config in one run, across the decoder and the
/// plan compiler, and reports nothing that is only a consequence of another problem.
@Suite struct OnePassValidationTests {
  /// A config value, rendered as TOML, YAML or JSON by the emitters below.
  indirect enum Value {
    case string(String)
    case integer(Int)
    case strings([String])
    case table([(String, Value)])
    case tables([[(String, Value)]])
  }

  /// One independent mistake: the config with `problem` on differs from a valid one only there,
  /// and `validate` reports exactly one diagnostic whose message contains `message`.
  struct Problem: CustomStringConvertible {
    var name: String
    var message: String
    var description: String { name }
  }

  static let problems: [Problem] = [
    // "in [defaults]" in TOML, "in defaults" in YAML and JSON (SpecDecoderEdgeTests).
    Problem(name: "unknown key", message: "unknown key \"header\" in "),
    Problem(name: "bad duration", message: "invalid duration \"5 s\""),
    Problem(name: "missing CSV file", message: "cannot read data file"),
    Problem(name: "ragged CSV row", message: "row has 1 field, expected 2 (region, zone)"),
    Problem(name: "bad JSONPath", message: "invalid JSONPath \"$.tok[en\""),
    Problem(name: "unset ${VAR}", message: "environment variable LOADFORGE_TEST_UNSET is not set"),
    Problem(name: "misspelt ${vu.NAME}", message: "${vu.tokn} is never captured"),
    Problem(name: "flow and tasks", message: "tasks and flow cannot be used together"),
    Problem(name: "weight in setup", message: "weight has no meaning in setup"),
    Problem(name: "weight as a word", message: "weight must be a non-negative integer, found string"),
  ]

  /// The config with the problems named in `on`; valid when `on` is empty.
  static func config(_ on: Set<String>) -> [(String, Value)] {
    func has(_ name: String) -> Bool { on.contains(name) }
    let login: [(String, Value)] =
      [("name", .string("login")), ("method", .string("POST")), ("path", .string("/login"))]
      + (has("weight in setup") ? [("weight", .integer(2))] : [])
      + [
        ("json", .table([("user", .string("${vu.user}"))])),
        ("capture", .table([("token", .table([("json", .string(has("bad JSONPath") ? "$.tok[en" : "$.token"))]))])),
      ]
    let items: [(String, Value)] = [
      ("name", .string("items")), ("path", .string("/items")),
      ("query", .table([("region", .string("${vu.region}"))])),
      (
        "headers",
        .table([
          ("Authorization", .string(has("misspelt ${vu.NAME}") ? "Bearer ${vu.tokn}" : "Bearer ${vu.token}")),
          ("X-Env", .string(has("unset ${VAR}") ? "${LOADFORGE_TEST_UNSET}" : "${LOADFORGE_TEST_UNSET:-x}")),
        ])
      ),
    ]
    var authed: [(String, Value)] = [
      ("name", .string("authed")), ("setup", .tables([login])), ("flow", .tables([items])),
    ]
    if has("flow and tasks") { authed.append(("tasks", .tables([[("path", .string("/other"))]]))) }
    let weight: Value = has("weight as a word") ? .string("high") : .integer(3)
    let browse: [(String, Value)] = [
      ("name", .string("browse")), ("tasks", .tables([[("path", .string("/")), ("weight", weight)]])),
    ]
    return [
      ("name", .string("one-pass")), ("base_url", .string("http://127.0.0.1:18555")),
      (
        "defaults",
        .table([
          (has("unknown key") ? "header" : "headers", .table([("Accept", .string("application/json"))])),
          ("timeout", .string(has("bad duration") ? "5 s" : "5s")),
        ])
      ),
      ("load", .table([("users", .integer(2)), ("duration", .string("5s"))])),
      ("thresholds", .table([("http_req_duration{name:login}.p95", .string("< 300ms"))])),
      (
        "data",
        .tables([
          [
            ("file", .string(has("missing CSV file") ? "nope.csv" : "users.csv")),
            ("columns", .strings(["user", "pass"])),
          ],
          [("file", .string(has("ragged CSV row") ? "ragged.csv" : "regions.csv"))],
        ])
      ),
      ("scenarios", .tables([authed, browse])),
    ]
  }

  enum Format: String, CaseIterable { case toml, yaml, json }

  /// The messages `validate --format json` reports for `config` written as `format`.
  static func messages(_ config: [(String, Value)], _ format: Format, in dir: URL) throws -> [String] {
    let text =
      switch format {
      case .toml: toml(config)
      case .yaml: yaml(config, indent: "")
      case .json: json(.table(config), indent: "") + "\n"
      }
    let path = dir.appendingPathComponent("loadtest.\(format.rawValue)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try runLoadForge(["validate", path, "--format", "json"])
    let files = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    let diagnostics = try #require(files.first?["diagnostics"] as? [[String: Any]])
    #expect(result.status == (diagnostics.isEmpty ? 0 : 1), "\(text)")
    return diagnostics.compactMap { $0["message"] as? String }
  }

  static func dataDirectory() throws -> URL {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-onepass")
    let files = [
      "users.csv": "ann,pw1\nben,pw2\n",
      "regions.csv": "region,zone\neu,a\nus,b\n",
      "ragged.csv": "region,zone\neu,a\nus\n",
    ]
    for (name, text) in files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir
  }

  /// Whether `messages` are exactly one per problem of `problems`, in any order.
  static func matches(_ messages: [String], _ problems: [Problem]) -> Bool {
    var left = messages
    for problem in problems {
      guard let i = left.firstIndex(where: { $0.contains(problem.message) }) else { return false }
      left.remove(at: i)
    }
    return left.isEmpty
  }

  @Test(arguments: Format.allCases)
  func everyProblemIsReportedInOneRun(_ format: Format) throws {
    let dir = try Self.dataDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try Self.messages(Self.config([]), format, in: dir).isEmpty)
    let all = try Self.messages(Self.config(Set(Self.problems.map(\.name))), format, in: dir)
    #expect(Self.matches(all, Self.problems), "\(all)")
  }

  /// Removing any one problem removes exactly its diagnostic: none was a follow-on of another.
  @Test(arguments: Format.allCases)
  func removingAProblemRemovesOnlyItsDiagnostic(_ format: Format) throws {
    let dir = try Self.dataDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for removed in Self.problems {
      let rest = Self.problems.filter { $0.name != removed.name }
      let messages = try Self.messages(Self.config(Set(rest.map(\.name))), format, in: dir)
      #expect(Self.matches(messages, rest), "without \(removed): \(messages)")
    }
  }

  /// Each problem alone gives its one diagnostic.
  @Test(arguments: problems)
  func eachProblemAloneIsOneDiagnostic(_ problem: Problem) throws {
    let dir = try Self.dataDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let messages = try Self.messages(Self.config([problem.name]), .toml, in: dir)
    #expect(Self.matches(messages, [problem]), "\(messages)")
  }

  // MARK: - Emitters

  static func quoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  static func json(_ value: Value, indent: String) -> String {
    let inner = indent + "  "
    switch value {
    case .string(let s): return quoted(s)
    case .integer(let i): return String(i)
    case .strings(let items): return "[" + items.map(quoted).joined(separator: ", ") + "]"
    case .table(let entries):
      let body = entries.map { "\(inner)\(quoted($0.0)): \(json($0.1, indent: inner))" }
      return "{\n" + body.joined(separator: ",\n") + "\n\(indent)}"
    case .tables(let tables):
      let body = tables.map { inner + json(.table($0), indent: inner) }
      return "[\n" + body.joined(separator: ",\n") + "\n\(indent)]"
    }
  }

  static func yaml(_ entries: [(String, Value)], indent: String) -> String {
    var out = ""
    for (key, value) in entries {
      let name = key.contains("{") ? quoted(key) : key
      switch value {
      case .string(let s): out += "\(indent)\(name): \(quoted(s))\n"
      case .integer(let i): out += "\(indent)\(name): \(i)\n"
      case .strings(let items): out += "\(indent)\(name): [\(items.map(quoted).joined(separator: ", "))]\n"
      case .table(let inner): out += "\(indent)\(name):\n" + yaml(inner, indent: indent + "  ")
      case .tables(let tables):
        out += "\(indent)\(name):\n"
        for table in tables {
          let body = yaml(table, indent: indent + "    ")
          out += indent + "  - " + body.dropFirst(indent.count + 4)
        }
      }
    }
    return out
  }

  /// Root tables as `[name]`, arrays of tables as `[[path]]` sections, other tables inline.
  static func toml(_ entries: [(String, Value)], path: String = "") -> String {
    var out = ""
    var sections: [(String, Value)] = []
    for (key, value) in entries {
      let name = key.contains("{") || key.contains("-") ? quoted(key) : key
      switch value {
      case .tables: sections.append((key, value))
      case .table where path.isEmpty: sections.append((key, value))
      default: out += "\(name) = \(tomlInline(value))\n"
      }
    }
    for (key, value) in sections {
      let full = path.isEmpty ? key : "\(path).\(key)"
      switch value {
      case .table(let inner): out += "\n[\(full)]\n" + toml(inner, path: full)
      case .tables(let tables):
        for table in tables { out += "\n[[\(full)]]\n" + toml(table, path: full) }
      default: break
      }
    }
    return out
  }

  static func tomlInline(_ value: Value) -> String {
    switch value {
    case .string(let s): return quoted(s)
    case .integer(let i): return String(i)
    case .strings(let items): return "[" + items.map(quoted).joined(separator: ", ") + "]"
    case .table(let entries):
      let body = entries.map { (key: String, value: Value) in
        let name = key.contains("{") || key.contains("-") ? quoted(key) : key
        return "\(name) = \(tomlInline(value))"
      }
      return "{ " + body.joined(separator: ", ") + " }"
    case .tables(let tables): return "[" + tables.map { tomlInline(.table($0)) }.joined(separator: ", ") + "]"
    }
  }
}
