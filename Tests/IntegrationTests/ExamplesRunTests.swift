import Foundation
import Testing

/// Every example config runs against a real nginx serving `examples/nginx`: exit 0, no failed
/// request of any class, every check passed, every endpoint of the plan reached, and exactly the
/// requests counted reached nginx. The quick start runs against the built-in demo target
/// (`--demo`), which fails 1 % of requests on purpose: there at most 5 % fail, all of them 5xx/429.
@Suite struct ExamplesRunTests {
  /// Each example and the flags it runs with. `--duration` shortens the examples whose pattern
  /// takes it; step and composite examples are run in full (their stages set the length, ≤ 60 s).
  static let examples: [String: [String]] = [
    "quickstart.toml": demoFlags,
    "quickstart.yaml": demoFlags,
    "quickstart.json": demoFlags,
    "thresholds.toml": ["--duration", "3s"],
    "api-auth.toml": ["--duration", "3s"],
    "api-auth.yaml": ["--duration", "3s"],
    "api-auth.json": ["--duration", "3s"],
    "data-feeder.toml": ["--duration", "3s"],
    "data-feeder.yaml": ["--duration", "3s"],
    "data-feeder.json": ["--duration", "3s"],
    "patterns/spike.toml": ["--duration", "32s"],
    "patterns/diurnal.toml": ["--duration", "8s"],
    "patterns/arrival-rate.toml": ["--duration", "3s"],
    "patterns/step.toml": [],
    "patterns/composite.yaml": [],
  ]

  /// The quick start's 20 s composite, shortened by the load flags, against the demo target.
  static let demoFlags = ["--demo", "--pattern", "ramp", "--users", "2", "--ramp-to", "10", "--duration", "3s"]

  static var examplesDirectory: URL { repositoryRoot.appendingPathComponent("examples") }

  /// Config files under examples/, outside invalid/ and nginx/ (which are not runnable examples).
  static func exampleFiles() throws -> [String] {
    let root = examplesDirectory.standardizedFileURL.path + "/"
    let enumerator = FileManager.default.enumerator(atPath: root)
    var found: [String] = []
    while let relative = enumerator?.nextObject() as? String {
      if relative.hasPrefix("invalid/") || relative.hasPrefix("nginx/") { continue }
      if ["toml", "yaml", "yml", "json"].contains((relative as NSString).pathExtension) { found.append(relative) }
    }
    return found.sorted()
  }

  @Test func everyExampleIsListed() throws {
    #expect(try Self.exampleFiles() == Self.examples.keys.sorted(), "add new examples to ExamplesRunTests.examples")
  }

  @Test(arguments: examples.keys.sorted())
  func exampleRunsCleanly(_ example: String) throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-example")
    defer { try? FileManager.default.removeItem(at: work) }
    let output = work.appendingPathComponent("results")
    let config = Self.examplesDirectory.appendingPathComponent(example).path
    let flags = Self.examples[example] ?? []

    let result = try runLoadForge(
      ["run", config, "--output", output.path, "--workers", "1"] + flags, environment: ["BASE_URL": nginx.baseURL],
      timeout: 120)
    #expect(result.status == 0, "\(example): stderr \(result.stderr)")

    let (run, summary) = try readSummary(output: output)
    let requests = try #require(summary["requests"] as? [String: Any])
    let total = try #require(requests["total"] as? Int)
    #expect(total > 0, "\(example) sent requests")
    let errors = try #require(summary["errors"] as? [String: Int])
    let againstDemo = flags.contains("--demo")
    if againstDemo {
      let failed = try #require(requests["failed"] as? Int)
      #expect(Double(failed) <= Double(total) * 0.05, "\(example): \(failed) of \(total) failed: \(errors)")
      let statuses = try #require(summary["status_codes"] as? [String: Int])
      #expect(Set(statuses.keys).isSubset(of: ["200", "429", "500", "503"]), "\(example): \(statuses)")
      #expect(result.stdout.contains("demo target: http://127.0.0.1:"), "\(example): \(result.stdout)")
    } else {
      #expect(requests["failed"] as? Int == 0, "\(example): \(summary["errors"] ?? "?")")
      #expect(errors.values.allSatisfy { $0 == 0 }, "\(example): \(errors)")
      if let checks = summary["checks"] as? [String: Any] {
        #expect(checks["failed"] as? Int == 0, "\(example): \(checks)")
      }
    }
    if try String(contentsOfFile: config, encoding: .utf8).contains("expect") {
      let checks = try #require(summary["checks"] as? [String: Any], "\(example) has checks")
      #expect((checks["passed"] as? Int ?? 0) > 0, "\(example): checks ran")
    }

    // Every endpoint of the plan (setup, tasks, flow, teardown) was reached.
    let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("plan.json")))
    let planned = try #require((plan as? [String: Any])?["endpoints"] as? [[String: Any]]).compactMap {
      $0["name"] as? String
    }
    let endpoints = try #require(summary["endpoints"] as? [[String: Any]])
    for name in planned {
      let row = endpoints.first { $0["name"] as? String == name }
      #expect((row?["requests"] as? Int ?? 0) > 0, "\(example): endpoint \(name) received requests")
    }
    if againstDemo {
      #expect(nginx.accessLogLines() == 0, "\(example): --demo overrides BASE_URL, nothing reached nginx")
    } else {
      #expect(nginx.accessLogLines() == total, "\(example): nginx saw exactly the requests counted")
    }
  }

  /// The data feeder's rows reach the server: each VU takes its own row (per = "vu", sequential),
  /// so with 10 VUs and 10 rows every username appears in the access log.
  @Test func dataFeederSendsEveryRow() throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-feeder")
    defer { try? FileManager.default.removeItem(at: work) }
    let result = try runLoadForge(
      [
        "run", Self.examplesDirectory.appendingPathComponent("data-feeder.toml").path, "--output",
        work.appendingPathComponent("results").path, "--duration", "2s",
      ],
      environment: ["BASE_URL": nginx.baseURL])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let csv = try String(
      contentsOf: Self.examplesDirectory.appendingPathComponent("data/users.csv"), encoding: .utf8)
    let usernames = csv.split(whereSeparator: \.isNewline).dropFirst().compactMap {
      $0.split(separator: ",").first.map(String.init)
    }
    #expect(usernames.count == 10)
    _ = nginx.accessLogLines()  // waits until the log is complete
    let log = try String(contentsOf: nginx.directory.appendingPathComponent("access.log"), encoding: .utf8)
    for name in usernames {
      #expect(log.contains("/api/items?user=\(name) "), "row \(name) was used")
    }
  }
}
