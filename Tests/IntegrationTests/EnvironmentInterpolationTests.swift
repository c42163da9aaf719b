import Foundation
import Testing

/// `${VAR}` in durations and counts through the CLI: the environment `plan`, `validate` and `run`
/// use (process < --env-file < --env) reaches the spec decoder.
@Suite struct EnvironmentInterpolationTests {
  static let config = """
    base_url = "http://127.0.0.1:1"
    [load]
    users = "${USERS:-3}"
    duration = "${DURATION:-30s}"
    [[scenarios]]
      [[scenarios.tasks]]
      path = "/"
      timeout = "${TIMEOUT:-5s}"
    """

  func write(_ text: String, as name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// `[load].pattern` of `loadforge plan t.toml arguments`.
  func pattern(_ arguments: [String], environment: [String: String] = [:], in dir: URL) throws -> [String: Any] {
    let result = try runLoadForge(
      ["plan", "t.toml", "--json"] + arguments, environment: environment, currentDirectory: dir)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    return try #require((plan["load"] as? [String: Any])?["pattern"] as? [String: Any])
  }

  @Test func planShowsTheDurationAndUsersFromTheEnvironment() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-envnum")
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try write(Self.config, as: "t.toml", in: dir)
    let defaults = try pattern([], in: dir)
    #expect(defaults["duration_seconds"] as? Int == 30)
    #expect(defaults["users"] as? Int == 3)
    let flagged = try pattern(["--env", "DURATION=2s"], environment: ["USERS": "4"], in: dir)
    #expect(flagged["duration_seconds"] as? Int == 2)
    #expect(flagged["users"] as? Int == 4, "the process environment is read too")
    // --duration still wins over the config, whatever the config's value came from.
    #expect(try pattern(["--env", "DURATION=2s", "--duration", "7s"], in: dir)["duration_seconds"] as? Int == 7)
  }

  @Test func validateReadsEnvFilesAndReportsTheResolvedValue() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-envnum")
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = try write(Self.config, as: "t.toml", in: dir)
    let good = try write("DURATION=1m\nUSERS=12\n", as: "good.env", in: dir)
    let bad = try write("# CI\nDURATION=90\n", as: "bad.env", in: dir)

    let ok = try runLoadForge(["validate", config, "--env-file", good])
    #expect(ok.status == 0, "stderr: \(ok.stderr)")
    #expect(ok.stdout.contains("t.toml: ok (1 scenario, 1 endpoint, constant 12 VUs for 1m)"), "\(ok.stdout)")

    let failed = try runLoadForge(["validate", config, "--env-file", bad])
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("error: invalid duration \"90\" (from ${DURATION:-30s})"), "\(failed.stderr)")
    #expect(failed.stderr.contains("t.toml:4:12"))
    #expect(failed.stderr.contains("4 | duration = \"${DURATION:-30s}\"\n  |            ^^^^^^^^^^^^^^^^^^"))

    // --env overrides the file, as for strings.
    let fixed = try runLoadForge(["validate", config, "--env-file", bad, "--env", "DURATION=90s"])
    #expect(fixed.status == 0, "stderr: \(fixed.stderr)")
  }

  @Test func unsetVariableWithoutDefaultIsLocated() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-envnum")
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = try write(
      Self.config.replacingOccurrences(of: "${DURATION:-30s}", with: "${LF_TEST_UNSET_DURATION}"), as: "t.toml",
      in: dir)
    let result = try runLoadForge(["validate", config])
    #expect(result.status == 1)
    #expect(result.stderr.contains("t.toml:4:13"), "\(result.stderr)")
    #expect(result.stderr.contains("error: environment variable LF_TEST_UNSET_DURATION is not set"))
  }
}
