import Foundation
import Testing

/// `loadforge demo-target` as a process: it prints its URL, serves, and Ctrl-C stops it with
/// exit 0; bad flags are usage errors; `run --demo` beats `--env BASE_URL=…`.
@Suite struct DemoTargetCommandTests {
  @Test func servesUntilCtrlC() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-demo")
    defer { try? FileManager.default.removeItem(at: work) }
    let out = work.appendingPathComponent("stdout")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let process = Process()
    process.executableURL = try loadforgeBinary()
    process.arguments = ["demo-target", "--port", "0", "--error-rate", "0.2", "--latency-scale", "0"]
    process.standardOutput = try FileHandle(forWritingTo: out)
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    let bound = try #require(waitForPrintedPort(in: out), "the URL was printed")
    #expect(canConnect(port: bound))
    #expect(try String(contentsOf: out, encoding: .utf8).contains("(error rate 20.0 %, latency scale 0.0)"))

    kill(process.processIdentifier, SIGINT)
    let stopDeadline = Date().addingTimeInterval(10)
    while process.isRunning, Date() < stopDeadline { usleep(20_000) }
    #expect(!process.isRunning, "Ctrl-C stopped it")
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(try String(contentsOf: out, encoding: .utf8).hasSuffix("demo target stopped\n"))
    #expect(!canConnect(port: bound), "the port is closed")
  }

  @Test(arguments: [["--error-rate", "1.5"], ["--latency-scale=-1"], ["--port", "70000"]])
  func badFlagsAreUsageErrors(flags: [String]) throws {
    let result = try runLoadForge(["demo-target"] + flags)
    #expect(result.status == 2)
    #expect(result.stderr.contains("must be"), "\(result.stderr)")
  }

  @Test func helpSaysItIsNotPartOfTheMeasurement() throws {
    let result = try runLoadForge(["demo-target", "--help"])
    #expect(result.status == 0)
    #expect(
      result.stdout.contains("running it on the same\ncores as the load generator halves both"), "\(result.stdout)")
  }

  /// `--demo` sets BASE_URL over `--env BASE_URL=…` (and the environment): every request
  /// reaches the demo target, none the unreachable address. 5 VUs for 2 s send ~100 requests,
  /// so the quick start's `error_rate < 5%` threshold does not trip on one injected error.
  @Test func demoBeatsAnEnvFlag() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-demo")
    defer { try? FileManager.default.removeItem(at: work) }
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(
      [
        "run", repositoryRoot.appendingPathComponent("examples/quickstart.yaml").path, "--demo", "--env",
        "BASE_URL=http://127.0.0.1:1", "--pattern", "constant", "--users", "5", "--duration", "2s", "--output",
        output.path,
      ], environment: ["BASE_URL": "http://127.0.0.1:1"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let (_, summary) = try readSummary(output: output)
    let errors = try #require(summary["errors"] as? [String: Int])
    #expect(errors["connection_refused"] == 0, "\(errors)")
    #expect(!result.stderr.contains("warning: --demo"), "\(result.stderr)")
    #expect(((summary["requests"] as? [String: Any])?["total"] as? Int ?? 0) > 5)
  }

  /// A config whose base_url ignores ${BASE_URL} cannot reach the demo target: say so.
  @Test func demoWarnsWhenBaseURLIgnoresIt() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-demo")
    defer { try? FileManager.default.removeItem(at: work) }
    let config = work.appendingPathComponent("fixed.toml")
    try """
    base_url = "http://127.0.0.1:1"
    [load]
    users = 1
    duration = "200ms"
    [[scenarios]]
      [[scenarios.tasks]]
      path = "/health"
    """.write(to: config, atomically: true, encoding: .utf8)
    let result = try runLoadForge(
      ["run", config.path, "--demo", "--output", work.appendingPathComponent("results").path])
    #expect(
      result.stderr.contains(
        "warning: --demo: base_url is http://127.0.0.1:1, not the demo target; write base_url = \"${BASE_URL:-…}\""),
      "\(result.stderr)")
  }
}
