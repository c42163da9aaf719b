import LoadForgeConfig
import Testing

@testable import LoadForgeSpec

/// Problems a newcomer hit: each reported once, precisely, with every other problem.
@Suite struct SpecDecoderEdgeTests {
  func messages(_ toml: String) -> [String] {
    guard case .failure(let list) = decode(toml) else { return [] }
    return list.diagnostics.map(\.message)
  }

  @Test func zeroUsersIsAnError() {
    #expect(
      messages(
        """
        base_url = "http://127.0.0.1:1"
        [load]
        users = 0
        duration = "1s"
        \(minimalTasks)
        """) == ["users must be between 1 and 10000000, got 0"])
    #expect(
      messages(
        """
        base_url = "http://127.0.0.1:1"
        [load]
        pattern = "ramp"
        from = 0
        to = 0
        duration = "1s"
        \(minimalTasks)
        """) == ["a ramp from 0 to 0 users sends no requests"])
  }

  @Test func unknownPatternDoesNotHideOtherProblems() {
    #expect(
      messages(
        """
        base_url = "http://127.0.0.1:1"
        [load]
        pattern = "constnt"
        users = "two"
        duration = 5
        \(minimalTasks)
        """) == [
          "unknown pattern \"constnt\"", "users must be a non-negative integer, found string", "duration needs a unit",
        ])
  }

  @Test func misspeltKeyIsReportedOnce() {
    #expect(
      messages(
        """
        base_url = "http://127.0.0.1:1"
        [load]
        userz = 3
        duration = "1s"
        \(minimalTasks)
        """) == ["unknown key \"userz\" in [load]"])
  }

  @Test func framingHeadersCannotBeSet() {
    let result = decode(
      """
      base_url = "http://127.0.0.1:1"
      [defaults]
      headers = { "content-length" = "5", "Transfer-Encoding" = "chunked", Connection = "close" }
      [load]
      users = 1
      duration = "1s"
      \(minimalTasks)
      """)
    guard case .failure(let list) = result else {
      Issue.record("expected diagnostics")
      return
    }
    #expect(
      list.diagnostics.map(\.message) == [
        "header \"content-length\" cannot be set", "header \"Transfer-Encoding\" cannot be set",
      ])
    #expect(list.diagnostics[0].help == "LoadForge sets Content-Length from the body")
  }

  @Test func durationMessages() {
    let base = """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = "1s"
      \(minimalTasks)
      """
    #expect(messages(base + "\n[defaults]\ntimeout = \"9999999999h\"") == ["duration \"9999999999h\" is too large"])
    #expect(messages(base + "\n[defaults]\ntimeout = -1") == ["timeout must be greater than 0"])
    #expect(messages(base + "\n[defaults]\ntimeout = \"-1s\"") == ["timeout must be greater than 0"])
    // Without an environment (SpecDecoder.decode's default) ${VAR} cannot be resolved.
    #expect(
      messages(base + "\n[defaults]\ntimeout = \"${T:-1s}\"") == [
        "timeout uses ${T:-1s}, but no environment was given to resolve it"
      ])
  }

  @Test func namesMustBePrintable() {
    let base = """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
      """
    #expect(messages(base + "\n  name = \"esc\\u001b[31mred\"") == ["name contains a control character"])
    #expect(messages(base + "\n  name = \"  \"") == ["name is empty"])
  }

  @Test func headerValuesAreCheckedAndNamesAreUnique() {
    let base = """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
      """
    #expect(
      messages(base + "\n  headers = { A = \"x\\u0001y\" }") == [
        "header \"A\" contains a line break or control character"
      ])
    #expect(messages(base + "\n  headers = { A = \"tab\\there\" }").isEmpty)
    #expect(
      messages(base + "\n  headers = { accept = \"a\", Accept = \"b\" }") == [
        "header \"Accept\" is given twice (names are case-insensitive)"
      ])
  }

  @Test func numericThinkTimeNeedsAUnit() {
    #expect(
      messages(
        """
        base_url = "http://127.0.0.1:1"
        [defaults]
        think_time = 5
        [load]
        users = 1
        duration = "1s"
        \(minimalTasks)
        """) == ["think_time needs a unit"])
  }

  /// Sections are named as the file's own format writes them: `[load]` and `[[data]]` in TOML,
  /// `load` and `data` in YAML and JSON.
  @Test(arguments: [
    (
      "t.toml", "base_url = \"http://h\"\n[load]\nuserz = 1\n[[data]]\nfiel = \"a.csv\"\n",
      ["unknown key \"userz\" in [load]", "unknown key \"fiel\" in [[data]] #1", "missing [[scenarios]]"]
    ),
    (
      "t.yaml", "base_url: http://h\nload:\n  userz: 1\ndata:\n  - fiel: a.csv\n",
      ["unknown key \"userz\" in load", "unknown key \"fiel\" in data #1", "missing scenarios"]
    ),
    (
      "t.json", #"{"base_url": "http://h", "load": {"userz": 1}, "data": [{"fiel": "a.csv"}]}"#,
      ["unknown key \"userz\" in load", "unknown key \"fiel\" in data #1", "missing scenarios"]
    ),
  ])
  func sectionNamesFollowTheFormat(file: String, text: String, expected: [String]) throws {
    let format = try #require(ConfigFormat(path: file))
    let root = try format.parse(Array(text.utf8), file: file)
    let messages = SpecDecoder.decodeAll(root).diagnostics.map(\.message)
    for message in expected {
      #expect(messages.contains(message), "\(messages)")
    }
  }
}
