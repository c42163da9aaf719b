import Foundation
import Testing

@testable import loadforge

/// HTTP-CASES E3: built-in defaults < config file < environment < command line.
@Suite struct SettingsPrecedenceTests {
  static let config = """
    base_url = "http://127.0.0.1:1/${SEGMENT:-default}"
    [load]
    users = 3
    duration = "5s"
    [[scenarios]]
      [[scenarios.tasks]]
      path = "/"
    """

  func plan(_ arguments: [String], environment: [String: String] = [:], in dir: URL) throws -> [String: Any] {
    let result = try runLoadForge(
      ["plan", "t.toml", "--json"] + arguments, environment: environment, currentDirectory: dir)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  func users(_ plan: [String: Any]) -> Int? {
    ((plan["load"] as? [String: Any])?["pattern"] as? [String: Any])?["users"] as? Int
  }

  func timeout(_ plan: [String: Any]) -> Int? {
    let scenario = (plan["scenarios"] as? [[String: Any]])?.first
    let task = (scenario?["tasks"] as? [[String: Any]])?.first
    return (task?["request"] as? [String: Any])?["timeout_micros"] as? Int
  }

  @Test func loadSettings() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-precedence")
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.config.write(to: dir.appendingPathComponent("t.toml"), atomically: true, encoding: .utf8)
    let fromFile = try plan([], in: dir)
    #expect(users(fromFile) == 3)
    #expect(timeout(fromFile) == 10_000_000, "built-in default timeout, 10 s")
    #expect(users(try plan([], environment: ["LOADFORGE_USERS": "5"], in: dir)) == 5)
    #expect(users(try plan(["--users", "7"], environment: ["LOADFORGE_USERS": "5"], in: dir)) == 7)
    let bad = try runLoadForge(["plan", "t.toml"], environment: ["LOADFORGE_USERS": "lots"], currentDirectory: dir)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("LOADFORGE_USERS must be a whole number ≥ 1, got \"lots\""))
  }

  @Test func interpolationVariables() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-precedence")
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.config.write(to: dir.appendingPathComponent("t.toml"), atomically: true, encoding: .utf8)
    try "# comment\nexport SEGMENT=file\n".write(
      to: dir.appendingPathComponent("e.env"), atomically: true, encoding: .utf8)
    // plan masks strings from the environment, so the precedence shows in the environment itself …
    func segment(_ args: [String], _ env: [String: String] = [:]) throws -> String? {
      let options = try EnvironmentOptions.parse(args.map { $0 == "e.env" ? dir.appendingPathComponent($0).path : $0 })
      return try options.environment(base: env)["SEGMENT"]
    }
    #expect(try segment([]) == nil)
    #expect(try segment([], ["SEGMENT": "process"]) == "process")
    #expect(try segment(["--env-file", "e.env"], ["SEGMENT": "process"]) == "file")
    #expect(try segment(["--env-file", "e.env", "--env", "SEGMENT=flag"], ["SEGMENT": "process"]) == "flag")
    // … and in a count, which plan shows as resolved: process < --env-file < --env.
    try Self.config.replacingOccurrences(of: "users = 3", with: "users = \"${LF_TEST_VUS:-3}\"").write(
      to: dir.appendingPathComponent("t.toml"), atomically: true, encoding: .utf8)
    try "LF_TEST_VUS=5\n".write(to: dir.appendingPathComponent("v.env"), atomically: true, encoding: .utf8)
    #expect(users(try plan([], in: dir)) == 3)
    #expect(users(try plan([], environment: ["LF_TEST_VUS": "4"], in: dir)) == 4)
    #expect(users(try plan(["--env-file", "v.env"], environment: ["LF_TEST_VUS": "4"], in: dir)) == 5)
    #expect(users(try plan(["--env-file", "v.env", "--env", "LF_TEST_VUS=6"], in: dir)) == 6)
    // The base URL's variable is masked whatever its source; unset, the default shows.
    #expect(try plan(["--env", "SEGMENT=flag"], in: dir)["base_url"] as? String == "http://127.0.0.1:1/${SEGMENT}")
    #expect(try plan([], in: dir)["base_url"] as? String == "http://127.0.0.1:1/default")
  }

  @Test func envFileFollowsDotenvRules() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-precedence")
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
        body = "${A}|${B}|${C}|${D}|${E}"
      """
    try config.write(to: dir.appendingPathComponent("t.toml"), atomically: true, encoding: .utf8)
    try """
    # values as python-dotenv reads them
    A="abc def"   # a comment after a quoted value
    B=abc # a comment after an unquoted value
    C = spaced
    D='lit # not a comment'
    export E="q\\"q"
    """.write(to: dir.appendingPathComponent("e.env"), atomically: true, encoding: .utf8)
    let values = try EnvFile.read(path: dir.appendingPathComponent("e.env").path)
    #expect(values.map(\.0) == ["A", "B", "C", "D", "E"])
    #expect(values.map(\.1) == ["abc def", "abc", "spaced", "lit # not a comment", #"q"q"#])
    let result = try runLoadForge(["plan", "t.toml", "--json", "--env-file", "e.env"], currentDirectory: dir)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.contains(#""body" : "${A}|${B}|${C}|${D}|${E}""#), "plan masks what the file set")

    try "OK=1\nG=\"unclosed\nH=\"x\" junk\n".write(
      to: dir.appendingPathComponent("bad.env"), atomically: true, encoding: .utf8)
    let bad = try runLoadForge(["plan", "t.toml", "--env-file", "bad.env"], currentDirectory: dir)
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("bad.env:2:1"))
    #expect(bad.stderr.contains("bad.env:3:1"))
    #expect(bad.stderr.contains("expected KEY=VALUE"))
  }
}
