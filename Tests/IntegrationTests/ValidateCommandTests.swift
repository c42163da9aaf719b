import Foundation
import Testing

/// `loadforge validate` as a PR check: formats, exit codes, several files at once.
@Suite struct ValidateCommandTests {
  static let broken = """
    base_url: "http://127.0.0.1:1"
    load:
      users: 2
      durations: 1s
    scenarios:
      - tasks:
          - pth: /
    """

  func write(_ text: String, as name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func githubAnnotationsPointAtEveryProblem() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-validate")
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = try write(Self.broken, as: "bad.yaml", in: dir)
    let good = repositoryRoot.appendingPathComponent("examples/quickstart.toml").path
    let result = try runLoadForge(["validate", good, bad, "--format", "github"])
    #expect(result.status == 1)
    #expect(
      result.stdout.split(separator: "\n") == [
        "::error file=\(bad),line=4,col=3,title=loadforge validate::unknown key \"durations\" in load — did you mean \"duration\"?",
        "::error file=\(bad),line=7,col=9,title=loadforge validate::unknown key \"pth\" in task #1 of \"scenario 1\" — did you mean \"path\"?",
      ])
  }

  @Test func jsonListsEachFileWithItsDiagnostics() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-validate")
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = try write(Self.broken, as: "bad.yaml", in: dir)
    let good = repositoryRoot.appendingPathComponent("examples/quickstart.json").path
    let result = try runLoadForge([
      "validate", good, bad, dir.appendingPathComponent("missing.toml").path, "--format", "json",
    ])
    #expect(result.status == 1)
    let files = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(files.map { $0["valid"] as? Bool } == [true, false, false])
    let diagnostics = try #require(files[1]["diagnostics"] as? [[String: Any]])
    // A misspelt required key is one problem (the unknown key with its suggestion), not two.
    #expect(diagnostics.count == 2)
    #expect(diagnostics[0]["line"] as? Int == 4)
    #expect(diagnostics[0]["column"] as? Int == 3)
    #expect(diagnostics[0]["help"] as? String == "did you mean \"duration\"?")
    let missing = try #require(files[2]["diagnostics"] as? [[String: Any]])
    #expect(
      missing.first?["message"] as? String
        == "config file \(dir.appendingPathComponent("missing.toml").path) does not exist")
    #expect(missing.first?["line"] == nil)
  }

  @Test func validFilesExitZeroWithOneLineEach() throws {
    let files = ["quickstart.toml", "quickstart.yaml", "quickstart.json"].map {
      repositoryRoot.appendingPathComponent("examples/\($0)").path
    }
    let result = try runLoadForge(["validate"] + files)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.split(separator: "\n").count == 3)
    #expect(result.stdout.contains("quickstart.yaml: ok (1 scenario, 4 endpoints, composite: 2 stages over 20s)"))
    #expect(result.stderr.isEmpty)
  }

  @Test func textFormatRendersCaretsOnStderr() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-validate")
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = try write(Self.broken, as: "bad.yaml", in: dir)
    let result = try runLoadForge(["validate", bad])
    #expect(result.status == 1)
    #expect(result.stderr.contains("4 |   durations: 1s\n  |   ^^^^^^^^^\n  = help: did you mean \"duration\"?"))
    #expect(result.stderr.hasSuffix("2 problems found\n"))
    #expect(result.stdout.isEmpty)
  }

  @Test func warningsPassUnlessStrict() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-validate")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try write(
      """
      base_url = "http://127.0.0.1:1"
      [defaults]
      think_time = "2m"
      [load]
      users = 2
      duration = "1m"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
      """, as: "slow.toml", in: dir)
    let lenient = try runLoadForge(["validate", path])
    #expect(lenient.status == 0)
    #expect(lenient.stdout == "\(path): ok (1 scenario, 1 endpoint, constant 2 VUs for 1m, 1 warning)\n")
    #expect(lenient.stderr.hasPrefix("warning: think time (mean 2m) is as long as the test (1m)"))
    let strict = try runLoadForge(["validate", path, "--strict", "--format", "github"])
    #expect(strict.status == 1)
    #expect(strict.stdout.hasPrefix("::warning file=\(path),line=8,col="))
    let strictText = try runLoadForge(["validate", path, "--strict"])
    #expect(strictText.status == 1)
    #expect(strictText.stderr.hasSuffix("\n\n1 warning, an error under --strict\n"))
    #expect(strictText.stdout.isEmpty)
  }

  /// A config whose second `[[data]]` file has a short row (line 3 of the CSV).
  func raggedData(in dir: URL) throws -> (config: String, csv: String) {
    let csv = try write("user,pass\nann,pw1\nben\n", as: "users.csv", in: dir)
    let config = try write(
      """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = "1s"
      [[data]]
      file = "users.csv"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/?u=${vu.user}"
      """, as: "data.toml", in: dir)
    return (config, csv)
  }

  @Test func problemsInADataFileNameThatFileInEveryFormat() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-validate")
    defer { try? FileManager.default.removeItem(at: dir) }
    let (config, csv) = try raggedData(in: dir)
    let message = "row has 1 field, expected 2 (user, pass)"
    let note = "\(csv) is read by the [[data]] at \(config):6:8"

    let github = try runLoadForge(["validate", config, "--format", "github"])
    #expect(github.status == 1)
    let encodedNote = note.replacingOccurrences(of: "%", with: "%25")
    #expect(
      github.stdout
        == "::error file=\(csv),line=3,col=1,title=loadforge validate::\(message) — every row has one value per "
        + "column; quote values that contain commas (\(encodedNote))\n")

    let json = try runLoadForge(["validate", config, "--format", "json"])
    let files = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(files.first?["file"] as? String == config)
    let diagnostic = try #require((files.first?["diagnostics"] as? [[String: Any]])?.first)
    #expect(diagnostic["file"] as? String == csv)
    #expect(diagnostic["line"] as? Int == 3)
    #expect(diagnostic["message"] as? String == message)
    #expect(diagnostic["note"] as? String == note)
    let from = try #require(diagnostic["included_from"] as? [String: Any])
    #expect(from["file"] as? String == config)
    #expect(from["line"] as? Int == 6)
    #expect(from["column"] as? Int == 8)

    let text = try runLoadForge(["validate", config])
    #expect(
      text.stderr.hasPrefix(
        "error: \(message)\n --> \(csv):3:1\n  |\n3 | ben\n  | ^\n"
          + "  = help: every row has one value per column; quote values that contain commas\n  = note: \(note)\n"))
  }

  @Test func configDiagnosticsCarryTheConfigFileInJSON() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-validate")
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = try write(Self.broken, as: "bad.yaml", in: dir)
    let json = try runLoadForge(["validate", bad, "--format", "json"])
    let files = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    let diagnostics = try #require(files.first?["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.map { $0["file"] as? String } == [bad, bad])
    #expect(diagnostics.allSatisfy { $0["included_from"] == nil })
  }

  /// `[tls] ca_file` must be a PEM file with a certificate: a key, a directory or a missing file
  /// is a located config error, not a tls_error on every request; `[tls]` on an http:// base_url
  /// is a warning (it would do nothing).
  @Test func tlsSectionIsCheckedBeforeTheRun() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-validate-tls")
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try write("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", as: "server.key", in: dir)
    _ = try write("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", as: "ca.pem", in: dir)
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("certs"), withIntermediateDirectories: true)
    func config(base: String, tls: String) -> String {
      """
      base_url = "\(base)"
      [tls]
      \(tls)
      [load]
      pattern = "constant"
      users = 1
      duration = "1s"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
      """
    }
    let cases: [(String, String)] = [
      ("ca_file = \"server.key\"", "holds no certificate (no -----BEGIN CERTIFICATE----- line)"),
      ("ca_file = \"certs\"", "is a directory, not a PEM file"),
      ("ca_file = \"missing.pem\"", "does not exist"),
    ]
    for (tls, message) in cases {
      let file = try write(config(base: "https://127.0.0.1:8443", tls: tls), as: "t.toml", in: dir)
      let result = try runLoadForge(["validate", file])
      #expect(result.status == 1, "\(tls): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(tls): \(result.stderr)")
      #expect(result.stderr.contains("t.toml:3:11"), "\(tls): \(result.stderr)")
    }
    let good = try write(config(base: "https://127.0.0.1:8443", tls: "ca_file = \"ca.pem\""), as: "ok.toml", in: dir)
    #expect(try runLoadForge(["validate", good]).status == 0)
    let plain = try write(config(base: "http://127.0.0.1:8080", tls: "insecure = true"), as: "plain.toml", in: dir)
    let warned = try runLoadForge(["validate", plain])
    #expect(warned.status == 0)
    #expect(warned.stderr.contains("[tls] has no effect: base_url is http://, so no TLS is used"), "\(warned.stderr)")
    #expect(try runLoadForge(["validate", "--strict", plain]).status == 1)
  }
}
