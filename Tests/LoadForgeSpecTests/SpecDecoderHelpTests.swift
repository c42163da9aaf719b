import LoadForgeConfig
import LoadForgeSpec
import Testing

/// Help lines that say the fix in the user's own terms.
@Suite struct SpecDecoderHelpTests {
  @Test func aQuotedIntegerSaysToDropTheQuotes() {
    let found = problems(
      """
      base_url = "http://127.0.0.1:1"
      [load]
      users = "3"
      duration = "1s"
      \(minimalTasks)
      """)
    #expect(found == ["3:9 users must be a positive integer, found string [write it without quotes: 3]"])
  }

  @Test func aQuotedWordKeepsThePlainTypeMessage() {
    let found = problems(
      """
      base_url = "http://127.0.0.1:1"
      [load]
      users = "three"
      duration = "1s"
      \(minimalTasks)
      """)
    #expect(found == ["3:9 users must be a positive integer, found string"])
  }

  /// The regex help shows the quoting of the file's own format.
  @Test(arguments: [
    ("t.toml", "in TOML write it in single quotes: '\"id\":(\\d+)'"),
    ("t.yaml", "in YAML write it in single quotes: '\"id\":(\\d+)'"),
    ("t.json", "in JSON double each backslash: \"\\\"id\\\":(\\\\d+)\""),
  ])
  func regexHelpMatchesTheFormat(file: String, quoting: String) throws {
    let json = """
      {"base_url": "http://127.0.0.1:1", "load": {"users": 1, "duration": "1s"},
       "scenarios": [{"tasks": [{"path": "/", "capture": {"id": {"regex": "(\\\\d+"}}}]}]}
      """
    // JSON is valid YAML; TOML gets the same config written its way.
    let toml = """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
        capture = { id = { regex = '(\\d+' } }
      """
    let format = try #require(ConfigFormat(path: file))
    let root = try format.parse(Array((format == .toml ? toml : json).utf8), file: file)
    let (_, diagnostics) = SpecDecoder.decodeAll(root)
    #expect(diagnostics.map(\.help) == ["Swift Regex syntax (like PCRE); \(quoting)"])
  }
}
