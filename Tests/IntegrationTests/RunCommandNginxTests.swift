import Foundation
import Testing

/// End to end: `loadforge run` against a real nginx on loopback.
@Suite(.serialized) struct RunCommandNginxTests {
  static let config = """
    name = "integration"
    base_url = "${BASE_URL}"
    [defaults]
    think_time = { min = "1ms", max = "5ms" }
    [load]
    pattern = "constant"
    users = 24
    duration = "3s"
    [[scenarios]]
    name = "browse"
    weight = 3
      [[scenarios.tasks]]
      name = "home"
      weight = 1
      path = "/"
      [[scenarios.tasks]]
      name = "products"
      weight = 3
      path = "/api/products.json"
    [[scenarios]]
    name = "monitor"
    weight = 1
      [[scenarios.tasks]]
      name = "health"
      method = "HEAD"
      path = "/health"
    """

  @Test func runsAgainstNginxAndCountsEveryRequest() throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-it")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("loadtest.toml")
    try Self.config.write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")

    let result = try runLoadForge(
      ["run", configURL.path, "--output", output.path, "--workers", "2"], environment: ["BASE_URL": nginx.baseURL])
    #expect(result.status == 0, "stderr: \(result.stderr)")

    let (run, summary) = try readSummary(output: output)
    #expect(result.stdout.contains(run.path), "the run directory is printed")
    let requests = try #require(summary["requests"] as? [String: Any])
    let total = try #require(requests["total"] as? Int)
    #expect(total > 100)
    #expect(requests["failed"] as? Int == 0)
    #expect(requests["succeeded"] as? Int == total)
    let errors = try #require(summary["errors"] as? [String: Int])
    #expect(
      Set(errors.keys) == [
        "http_4xx", "http_5xx", "check_failed", "connect_timeout", "response_timeout", "connection_refused",
        "connection_reset", "dns_failure", "tls_error", "protocol_error", "client_limit", "aborted",
      ])
    #expect(errors.values.allSatisfy { $0 == 0 })

    let latency = try #require(summary["latency_ms"] as? [String: Double])
    let p50 = try #require(latency["p50"]), p95 = try #require(latency["p95"])
    let p99 = try #require(latency["p99"]), max = try #require(latency["max"])
    #expect(p50 > 0)
    #expect(p50 <= p95 && p95 <= p99 && p99 <= max)

    let endpoints = try #require(summary["endpoints"] as? [[String: Any]])
    #expect(Set(endpoints.compactMap { $0["name"] as? String }) == ["home", "products", "health"])
    for endpoint in endpoints {
      #expect((endpoint["requests"] as? Int ?? 0) > 0, "\(endpoint["name"] ?? "?") received requests")
      #expect(endpoint["failed"] as? Int == 0)
    }
    #expect(endpoints.compactMap { $0["requests"] as? Int }.reduce(0, +) == total)

    // Every request we counted is one nginx logged, and nothing else.
    #expect(nginx.accessLogLines() == total)

    // One snapshot line per second, each valid JSON.
    let lines = try String(contentsOf: run.appendingPathComponent("snapshots.ndjson"), encoding: .utf8)
      .split(separator: "\n")
    #expect(lines.count >= 3)
    for line in lines {
      #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any])
    }
    #expect(result.stdout.contains("products"), "summary table lists endpoints")
  }

  @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
  func signalStopsGracefullyAndStillWritesResults(signal: Int32, exitStatus: Int32) throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-it")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("loadtest.toml")
    try Self.config.replacingOccurrences(of: "duration = \"3s\"", with: "duration = \"60s\"")
      .write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")

    let started = Date()
    let result = try runLoadForge(
      ["run", configURL.path, "--output", output.path, "--workers", "2"], environment: ["BASE_URL": nginx.baseURL],
      interruptAfter: 2.5, signal: signal, timeout: 30)
    #expect(Date().timeIntervalSince(started) < 15, "stopped well before the 60 s pattern ended")
    #expect(result.status == exitStatus, "stderr: \(result.stderr)")
    #expect(result.stderr.contains("stopping: in-flight requests get up to 5s to finish"))
    let (_, summary) = try readSummary(output: output)
    #expect(summary["interrupted"] as? Bool == true)
    let total = try #require((summary["requests"] as? [String: Any])?["total"] as? Int)
    #expect(total > 0)
    #expect(nginx.accessLogLines() == total, "in-flight requests finished and were counted")
  }

  /// The quick start against the built-in demo target: `--demo` serves it in-process and its URL
  /// beats the environment's BASE_URL (here an nginx that must see no request).
  @Test(arguments: ["quickstart.toml", "quickstart.yaml", "quickstart.json"])
  func quickstartRunsInEveryFormat(example: String) throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-it")
    defer { try? FileManager.default.removeItem(at: work) }
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(
      [
        "run", repositoryRoot.appendingPathComponent("examples/\(example)").path, "--demo", "--pattern", "constant",
        "--users", "5", "--duration", "2s", "--output", output.path,
      ], environment: ["BASE_URL": nginx.baseURL])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let (run, summary) = try readSummary(output: output)
    let requests = try #require(summary["requests"] as? [String: Any])
    let total = try #require(requests["total"] as? Int)
    let failed = try #require(requests["failed"] as? Int)
    #expect(total > 20)
    #expect(Double(failed) <= Double(total) * 0.05, "\(failed) of \(total) failed: \(summary["errors"] ?? "?")")
    #expect(result.stdout.hasPrefix("demo target: http://127.0.0.1:"), "\(result.stdout)")
    #expect(result.stdout.contains("results: \(run.path)"))
    #expect(nginx.accessLogLines() == 0, "BASE_URL from the environment was overridden")
  }

  /// The README's first command, shortened: the quick start as written (its composite pattern
  /// and thresholds) on the demo target prints the summary, passes and names the report.
  @Test func quickstartAsWrittenPassesItsThresholdsOnTheDemoTarget() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-it")
    defer { try? FileManager.default.removeItem(at: work) }
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(
      [
        "run", repositoryRoot.appendingPathComponent("examples/quickstart.toml").path, "--demo", "--output",
        output.path,
      ],
      environment: ["BASE_URL": "http://127.0.0.1:1"], timeout: 90)
    #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
    let (run, summary) = try readSummary(output: output)
    let requests = try #require(summary["requests"] as? [String: Any])
    let total = try #require(requests["total"] as? Int)
    let failed = try #require(requests["failed"] as? Int)
    #expect(total > 200)
    #expect(Double(failed) <= Double(total) * 0.05, "\(failed) of \(total) failed: \(summary["errors"] ?? "?")")
    let endpoints = try #require(summary["endpoints"] as? [[String: Any]]).compactMap { $0["name"] as? String }
    #expect(Set(endpoints) == ["login", "list products", "product detail", "health"])
    #expect(result.stdout.contains("thresholds: all 2 passed"), "\(result.stdout)")
    #expect(result.stdout.contains("results: \(run.path)"))
    #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("report.html").path))
  }

  /// Ctrl-C during a `--demo` run still writes the results and stops the demo target with it.
  @Test func demoRunStopsOnInterrupt() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-it")
    defer { try? FileManager.default.removeItem(at: work) }
    let output = work.appendingPathComponent("results")
    let started = Date()
    let result = try runLoadForge(
      [
        "run", repositoryRoot.appendingPathComponent("examples/quickstart.toml").path, "--demo", "--output",
        output.path,
      ],
      interruptAfter: 2.5, timeout: 30)
    #expect(Date().timeIntervalSince(started) < 12, "stopped well before the 20 s pattern ended")
    #expect(result.status == 130, "stderr: \(result.stderr)")
    let (_, summary) = try readSummary(output: output)
    #expect(summary["interrupted"] as? Bool == true)
    #expect(((summary["requests"] as? [String: Any])?["total"] as? Int ?? 0) > 0)
  }

  @Test func configErrorsExitOneWithLocation() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-it")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("bad.toml")
    try """
    base_url = "http://127.0.0.1:1"
    [load]
    users = 2
    duration = "1s"
    [[scenarios]]
      [[scenarios.tasks]]
      pth = "/"
    """.write(to: configURL, atomically: true, encoding: .utf8)
    let result = try runLoadForge(["run", configURL.path, "--output", work.appendingPathComponent("r").path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("bad.toml:7:3"), "stderr: \(result.stderr)")
    #expect(result.stderr.contains("did you mean \"path\"?"))
    #expect(
      !FileManager.default.fileExists(atPath: work.appendingPathComponent("r").path), "no results for a config error")
  }

  @Test func usageErrorsExitTwo() throws {
    for arguments in [
      ["run", "examples/quickstart.toml", "--users", "0"], ["run"], ["bogus"], ["run", "x.toml", "--workers", "0"],
    ] {
      let result = try runLoadForge(arguments)
      #expect(result.status == 2, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains("Usage: loadforge"))
    }
  }
}
