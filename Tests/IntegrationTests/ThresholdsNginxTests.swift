import Foundation
import Testing

/// Thresholds as a CI gate, end to end: `loadforge run` against a real nginx, its exit code,
/// summary.json's `thresholds` and the `--junit` file.
@Suite(.serialized) struct ThresholdsNginxTests {
  static func config(path: String = "/health", duration: String = "2s", thresholds: String) -> String {
    """
    name = "gate"
    base_url = "${BASE_URL}"
    [defaults]
    think_time = "5ms"
    [load]
    pattern = "constant"
    users = 4
    duration = "\(duration)"
    [[scenarios]]
    name = "s"
      [[scenarios.tasks]]
      name = "health"
      path = "\(path)"
    [thresholds]
    \(thresholds)
    """
  }

  struct Run {
    var result: CommandResult
    var summary: [String: Any]
    var thresholds: [[String: Any]]
    var junit: String?
    var seconds: Double
  }

  /// Runs `config` against a fresh nginx with `--junit`; returns what it left behind.
  func run(_ config: String, _ flags: [String] = [], timeout: Double = 60) throws -> Run {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-thresholds")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("loadtest.toml")
    try config.write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let junit = work.appendingPathComponent("junit.xml")
    let started = Date()
    let result = try runLoadForge(
      ["run", configURL.path, "--output", output.path, "--workers", "1", "--junit", junit.path] + flags,
      environment: ["BASE_URL": nginx.baseURL], timeout: timeout)
    let seconds = Date().timeIntervalSince(started)
    let (_, summary) = try readSummary(output: output)
    let thresholds = try #require(summary["thresholds"] as? [[String: Any]])
    return Run(
      result: result, summary: summary, thresholds: thresholds,
      junit: try? String(contentsOf: junit, encoding: .utf8), seconds: seconds)
  }

  @Test("a latency threshold no server meets: exit 99, a JUnit failure with the measured value")
  func failingThresholdExits99() throws {
    let run = try run(Self.config(thresholds: #""http_req_duration.p95" = "< 0.001ms""#))
    #expect(run.result.status == 99, "stderr: \(run.result.stderr)")
    let threshold = try #require(run.thresholds.first)
    #expect(run.thresholds.count == 1)
    #expect(threshold["threshold"] as? String == "http_req_duration.p95 < 0.001ms")
    #expect(threshold["passed"] as? Bool == false)
    #expect(threshold["statistic"] as? String == "p95")
    #expect(threshold["limit"] as? Double == 0.001)
    let measured = try #require(threshold["measured"] as? Double)
    let p95 = try #require((run.summary["latency_ms"] as? [String: Double])?["p95"])
    #expect(measured == p95 && measured > 0.001)
    let measuredText = try #require(threshold["measured_text"] as? String)
    #expect(run.result.stdout.contains("✗ http_req_duration.p95 < 0.001ms  p95 \(measuredText)"))
    #expect(run.result.stdout.contains("thresholds: 1 of 1 failed"))

    let junit = try #require(run.junit)
    #expect(junit.contains(#"<testsuite name="loadforge thresholds" tests="1" failures="1""#))
    #expect(junit.contains(#"<testcase classname="gate" name="http_req_duration.p95 &lt; 0.001ms" time="0">"#))
    #expect(junit.contains(#"<failure message="measured p95 \#(measuredText), limit 0.001ms" type="threshold">"#))
  }

  @Test("thresholds the run meets: exit 0, every JUnit testcase passing")
  func passingThresholdsExit0() throws {
    let run = try run(
      Self.config(
        thresholds: """
          "http_req_duration.p95" = "< 10s"
          error_rate = "< 1%"
          """))
    #expect(run.result.status == 0, "stderr: \(run.result.stderr)")
    #expect(run.thresholds.map { $0["passed"] as? Bool } == [true, true])
    #expect(run.thresholds.map { $0["threshold"] as? String } == ["http_req_duration.p95 < 10s", "error_rate < 1%"])
    #expect(run.thresholds[1]["measured"] as? Double == 0)
    #expect(run.result.stdout.contains("✓ error_rate < 1%"))
    #expect(run.result.stdout.contains("thresholds: all 2 passed"))
    let junit = try #require(run.junit)
    #expect(junit.contains(#"tests="2" failures="0""#))
    #expect(!junit.contains("<failure"))
  }

  @Test("--fail-on-error-rate 0 against a path that 404s: exit 99")
  func failOnErrorRate() throws {
    let run = try run(Self.config(path: "/no-such-page", thresholds: ""), ["--fail-on-error-rate", "0"])
    #expect(run.result.status == 99, "stderr: \(run.result.stderr)")
    let threshold = try #require(run.thresholds.first)
    #expect(threshold["threshold"] as? String == "error_rate <= 0% (from --fail-on-error-rate)")
    #expect(threshold["measured"] as? Double == 100)
    #expect(threshold["measured_text"] as? String == "100.00%")
    #expect(run.junit?.contains(#"<failure message="measured 100.00%, limit 0%""#) == true)
  }

  @Test("--fail-on-error-rate 1% on a clean run passes")
  func failOnErrorRatePasses() throws {
    let run = try run(Self.config(thresholds: ""), ["--fail-on-error-rate", "1%"])
    #expect(run.result.status == 0, "stderr: \(run.result.stderr)")
    #expect(run.thresholds.first?["threshold"] as? String == "error_rate <= 1% (from --fail-on-error-rate)")
    #expect(run.thresholds.first?["passed"] as? Bool == true)
  }

  @Test("abort_on_fail with a delay stops a 20 s run soon after the delay: exit 99")
  func abortOnFail() throws {
    let run = try run(
      Self.config(
        duration: "20s",
        thresholds: #""http_req_duration.p95" = { threshold = "< 0.001ms", abort_on_fail = true, delay = "2s" }"#),
      timeout: 40)
    #expect(run.result.status == 99, "stderr: \(run.result.stderr)")
    #expect(run.seconds < 10, "stopped after \(run.seconds) s")
    #expect(run.summary["interrupted"] as? Bool == true)
    let loadSeconds = try #require(run.summary["load_duration_s"] as? Double)
    #expect(loadSeconds >= 2 && loadSeconds < 5)
    #expect(run.result.stderr.contains("threshold http_req_duration.p95 < 0.001ms failed after"))
    #expect(run.result.stderr.contains("stopping the run (abort_on_fail)"))
    let threshold = try #require(run.thresholds.first)
    #expect(threshold["aborted_run"] as? Bool == true)
    #expect(threshold["abort_on_fail"] as? Bool == true)
    #expect(threshold["passed"] as? Bool == false)
    #expect(run.result.stdout.contains("(stopped the run)"))
    #expect(run.junit?.contains("it stopped the run (abort_on_fail)") == true)
    #expect(run.junit?.contains(#"<property name="interrupted" value="run interrupted after "#) == true)
    #expect(run.junit?.contains(" of 20.0s: the thresholds cover only that part</system-out>") == true)
  }

  @Test("a bad --fail-on-error-rate is a usage error (exit 2)", arguments: ["5", "-1", "abc", "150%", "1", "1.0"])
  func badRate(_ value: String) throws {
    let result = try runLoadForge(["run", "nonexistent.toml", "--fail-on-error-rate", value])
    #expect(result.status == 2, "stderr: \(result.stderr)")
    #expect(result.stderr.contains("--fail-on-error-rate"))
  }

  /// A bare 1 is 100 % (a gate that never fails): surely meant as 1 %, so it is refused with
  /// both spellings that say one percent.
  @Test("--fail-on-error-rate 1 is refused: it would mean 100 %")
  func bareOneIsRefused() throws {
    let result = try runLoadForge(["run", "nonexistent.toml", "--fail-on-error-rate", "1"])
    #expect(result.status == 2, "stderr: \(result.stderr)")
    #expect(result.stderr.contains("1 means 100 %: write 1% for one percent, or a fraction below 1 (0.01)"))
    let five = try runLoadForge(["run", "nonexistent.toml", "--fail-on-error-rate", "5"])
    #expect(five.stderr.contains("write 5% for 5 percent, or a fraction below 1 (0.05)"), "\(five.stderr)")
  }

  /// A `--junit` path in a directory that does not exist fails before the load starts: exit 1
  /// at once (the run is 30 s), no results directory, a message naming the file.
  @Test("an unwritable --junit path: exit 1 before the load starts")
  func unwritableJUnitFailsFirst() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-junit")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("loadtest.toml")
    try Self.config(duration: "30s", thresholds: "").write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let junit = work.appendingPathComponent("no-such-dir/junit.xml")
    let started = Date()
    let result = try runLoadForge(
      ["run", configURL.path, "--output", output.path, "--junit", junit.path],
      environment: ["BASE_URL": "http://127.0.0.1:\(try freeLoopbackPort())"], timeout: 20)
    #expect(result.status == 1, "stderr: \(result.stderr)")
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(result.stderr.contains("error: cannot write the JUnit file \(junit.path): No such file or directory"))
    #expect(result.stderr.contains("nothing was sent"))
    #expect(!FileManager.default.fileExists(atPath: output.path))

    // A directory in place of the file: the same early exit.
    let directory = work.appendingPathComponent("a-directory")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    let onDirectory = try runLoadForge(
      ["run", configURL.path, "--output", output.path, "--junit", directory.path],
      environment: ["BASE_URL": "http://127.0.0.1:1"], timeout: 20)
    #expect(onDirectory.status == 1, "stderr: \(onDirectory.stderr)")
    #expect(onDirectory.stderr.contains("Is a directory"))
  }

  /// Nothing listens: every request fails with connection_refused. The summary says so, and
  /// without a threshold the run still exits 0 (README's exit-code table).
  @Test("every request refused: a plain warning, exit 0 without thresholds")
  func everyRequestRefused() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-refused")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("loadtest.toml")
    try Self.config(duration: "1s", thresholds: "").write(to: configURL, atomically: true, encoding: .utf8)
    let result = try runLoadForge(
      ["run", configURL.path, "--output", work.appendingPathComponent("results").path, "--workers", "1"],
      environment: ["BASE_URL": "http://127.0.0.1:\(try freeLoopbackPort())"], timeout: 30)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let warning = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("warning: every request") })
    #expect(warning.hasPrefix("warning: every request failed (connection_refused "))
    #expect(warning.hasSuffix("): no response was received from the server"))
  }

  /// The accepted spellings get past option parsing: the run then fails on the missing config
  /// (exit 1), not on the flag (exit 2).
  @Test("0.01, 1% and 100% are accepted", arguments: ["0.01", "1%", "100%", "0"])
  func goodRate(_ value: String) throws {
    let result = try runLoadForge(["run", "nonexistent.toml", "--fail-on-error-rate", value])
    #expect(result.status == 1, "stderr: \(result.stderr)")
    #expect(!result.stderr.contains("--fail-on-error-rate"))
  }
}
