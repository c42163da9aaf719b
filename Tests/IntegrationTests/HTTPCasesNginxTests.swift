import Foundation
import Testing

/// HTTP-CASES cases shown end to end: the built `loadforge` against a real nginx on loopback
/// (C1, C12), under a low open-file limit (C11), and `loadforge validate` (C6).
/// The engine-level tests of every C id are in LoadForgeEngineTests/HTTPCasesConnectionTests.
@Suite(.serialized) struct HTTPCasesNginxTests {
  /// A closed-model run of `users` VUs on `path`, no think time.
  static func config(path: String, users: Int, duration: String, defaults: String = "") -> String {
    """
    name = "http-cases"
    base_url = "${BASE_URL}"
    [defaults]
    \(defaults)
    [load]
    pattern = "constant"
    users = \(users)
    duration = "\(duration)"
    [[scenarios]]
    name = "main"
      [[scenarios.tasks]]
      name = "task"
      path = "\(path)"
    """
  }

  /// The load-phase lines of snapshots.ndjson, parsed.
  static func loadSnapshots(_ run: URL) throws -> [[String: Any]] {
    let text = try String(contentsOf: run.appendingPathComponent("snapshots.ndjson"), encoding: .utf8)
    return text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }.filter { $0["phase"] as? String == "load" }
  }

  /// Must-show of issue 5: 30 s, 50 VUs, every response `Connection: close`, no think time.
  @Test("C1 30 s at 50 VUs against Connection: close: 0 errors, one connection per request, open fds flat")
  func c1ConnectionCloseChurnIsFlat() throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-c1")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("c1.toml")
    try Self.config(path: "/close", users: 50, duration: "30s").write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(
      ["run", configURL.path, "--output", output.path], environment: ["BASE_URL": nginx.baseURL], timeout: 45)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let (run, summary) = try readSummary(output: output)
    let requests = try #require(summary["requests"] as? [String: Any])
    let total = try #require(requests["total"] as? Int)
    let connections = try #require(summary["connections_opened"] as? Int)
    let errors = try #require(summary["errors"] as? [String: Int])
    #expect(total > 10_000)
    #expect(requests["failed"] as? Int == 0, "errors: \(errors), detail: \(summary["errors_detail"] ?? [])")
    #expect(errors.values.allSatisfy { $0 == 0 })
    #expect(Double(connections) >= 0.9 * Double(total))
    #expect(connections <= total)
    #expect(nginx.accessLogLines() == total)

    let snapshots = try Self.loadSnapshots(run)
    let fds = snapshots.compactMap { $0["open_fds"] as? Int }
    #expect(snapshots.count >= 29)
    #expect(fds.count == snapshots.count, "every snapshot carries open_fds")
    let low = try #require(fds.min()), high = try #require(fds.max())
    // ≤ one fd per VU of jitter (a VU between connections holds none) plus headroom. A leak of
    // even one fd per 10,000 connections would add ≥ 30 over the run's ≥ 300,000 connections on
    // an idle machine (≥ 10,000 on a loaded CI one: the total is asserted above), so the margins
    // below leave room for scheduling noise without hiding one.
    #expect(high - low <= 70, "open_fds \(fds)")
    let early = fds.dropFirst(1).prefix(5), late = fds.suffix(5)
    let earlyMean = Double(early.reduce(0, +)) / Double(max(1, early.count))
    let lateMean = Double(late.reduce(0, +)) / Double(max(1, late.count))
    #expect(lateMean - earlyMean <= 15, "no leak: seconds 2–6 mean \(earlyMean), last 5 s mean \(lateMean)")
    let rps = summary["rps"] as? Double ?? 0
    print(
      "C1 figures: requests \(total), rps \(String(format: "%.0f", rps)), connections_opened \(connections), "
        + "open_fds min \(low) max \(high), seconds 2–6 mean \(earlyMean), last 5 s mean \(lateMean)")
  }

  /// `prlimit --nofile=256:256`: the hard limit caps what the run can raise the soft one to.
  @Test("C11 1,000 VUs under a 256 open-file limit: refused before sending, the numbers named, exit 1")
  func c11RefusesWhenTheFileLimitIsTooLow() throws {
    let prlimit = try #require(
      ["/usr/bin/prlimit", "/bin/prlimit"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "prlimit (util-linux) is not installed")
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-c11")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("c11.toml")
    try Self.config(path: "/health", users: 1_000, duration: "5s").write(
      to: configURL, atomically: true, encoding: .utf8)
    let started = Date()
    let result = try runProcess(
      prlimit,
      [
        "--nofile=256:256", try loadforgeBinary().path, "run", configURL.path, "--workers", "2", "--output",
        work.appendingPathComponent("results").path,
      ], environment: ["BASE_URL": nginx.baseURL])
    #expect(result.status == 1, "stderr: \(result.stderr)")
    #expect(
      result.stderr.contains("1000 virtual users need about 1068 open files, but the limit is 256"),
      "stderr: \(result.stderr)")
    #expect(result.stderr.contains("ulimit -n"))
    #expect(Date().timeIntervalSince(started) < 5)
    #expect(nginx.accessLogLines() == 0, "nothing was sent")
  }

  @Test(
    "C6 a zero or negative timeout is rejected by validate with its location",
    arguments: [
      ("timeout = \"0s\"", "", 4),
      ("timeout = \"-1s\"", "", 4),
      ("connect_timeout = \"0s\"", "", 4),
      ("", "timeout = \"0ms\"", 14),
      ("", "timeout = \"-500ms\"", 14),
    ])
  func c6NonPositiveTimeoutIsRejected(defaults: String, taskLine: String, line: Int) throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-c6")
    defer { try? FileManager.default.removeItem(at: work) }
    var text = Self.config(path: "/", users: 1, duration: "1s", defaults: defaults)
    if !taskLine.isEmpty { text += "\n  \(taskLine)\n" }
    let configURL = work.appendingPathComponent("c6.toml")
    try text.write(to: configURL, atomically: true, encoding: .utf8)
    let result = try runLoadForge(["validate", configURL.path], environment: ["BASE_URL": "http://127.0.0.1:1"])
    #expect(result.status == 1, "stdout: \(result.stdout) stderr: \(result.stderr)")
    #expect(result.stderr.contains("c6.toml:\(line):"), "stderr: \(result.stderr)")
    #expect(result.stderr.contains("timeout"), "stderr: \(result.stderr)")
  }

  @Test("C12 a 302 chain with follow_redirects unset: every request http_3xx with status 302, not a failure")
  func c12RedirectsAreNotFollowedByDefault() throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-c12")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("c12.toml")
    try Self.config(path: "/redirect/2", users: 4, duration: "2s").write(
      to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(
      ["run", configURL.path, "--output", output.path, "--workers", "1"], environment: ["BASE_URL": nginx.baseURL])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let (_, summary) = try readSummary(output: output)
    let requests = try #require(summary["requests"] as? [String: Any])
    let total = try #require(requests["total"] as? Int)
    #expect(total > 100)
    #expect(requests["http_3xx"] as? Int == total)
    #expect(requests["failed"] as? Int == 0)
    #expect(requests["succeeded"] as? Int == total)
    #expect(summary["status_codes"] as? [String: Int] == ["302": total])
    // Only the first hop was requested.
    #expect(nginx.accessLogLines() == total)
  }

  @Test("C12 follow_redirects = 3 follows /redirect/2 → /redirect/1 → /redirect/0 → /health: 204 classifies")
  func c12RedirectsAreFollowedWhenAsked() throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-c12f")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("c12.toml")
    try Self.config(path: "/redirect/2", users: 4, duration: "2s", defaults: "follow_redirects = 3").write(
      to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(
      ["run", configURL.path, "--output", output.path, "--workers", "1"], environment: ["BASE_URL": nginx.baseURL])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let (_, summary) = try readSummary(output: output)
    let requests = try #require(summary["requests"] as? [String: Any])
    let total = try #require(requests["total"] as? Int)
    #expect(total > 50)
    #expect(requests["http_3xx"] as? Int == 0)
    #expect(requests["failed"] as? Int == 0)
    // The final status classifies; each request is the chain of 4 hops nginx logged.
    #expect(summary["status_codes"] as? [String: Int] == ["204": total])
    #expect(nginx.accessLogLines() == 4 * total)
    // Two hops allowed where three are needed: the last 302 is final.
    try Self.config(path: "/redirect/2", users: 2, duration: "1s", defaults: "follow_redirects = 2").write(
      to: configURL, atomically: true, encoding: .utf8)
    let cappedOutput = work.appendingPathComponent("capped")
    let capped = try runLoadForge(
      ["run", configURL.path, "--output", cappedOutput.path, "--workers", "1"],
      environment: ["BASE_URL": nginx.baseURL])
    #expect(capped.status == 0, "stderr: \(capped.stderr)")
    let (_, second) = try readSummary(output: cappedOutput)
    let secondTotal = try #require((second["requests"] as? [String: Any])?["total"] as? Int)
    #expect(second["status_codes"] as? [String: Int] == ["302": secondTotal])
  }
}

/// Runs `executable` with `arguments` (stdout and stderr captured), killed after `timeout` s.
private func runProcess(
  _ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 30
) throws -> CommandResult {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  var env = ProcessInfo.processInfo.environment
  for (k, v) in environment { env[k] = v }
  process.environment = env
  let dir = try makeTemporaryDirectory(prefix: "loadforge-proc")
  defer { try? FileManager.default.removeItem(at: dir) }
  let outURL = dir.appendingPathComponent("stdout")
  let errURL = dir.appendingPathComponent("stderr")
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  process.standardOutput = try FileHandle(forWritingTo: outURL)
  process.standardError = try FileHandle(forWritingTo: errURL)
  try process.run()
  let started = Date()
  while process.isRunning {
    if Date().timeIntervalSince(started) > timeout {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw TestFailure("\(executable) \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
    }
    usleep(20_000)
  }
  return CommandResult(
    status: process.terminationStatus,
    stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
    stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}
