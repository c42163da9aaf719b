import Foundation
import Testing

/// The live dashboard of a real run on the demo target (`run --demo --dashboard`), watched in
/// headless Chromium (Debian `chromium` driven by Playwright from PyPI,
/// `browser/check_dashboard.py`): the page connects, every chart gains one point per second,
/// every live message left its second within 100 ms, the endpoint table sorts both ways, a
/// forced WebSocket drop reconnects and back-fills, the end shows as finished, no console
/// error; screenshots are kept as CI artifacts.
///
/// Fails (never skips) when Chromium or Playwright is missing: `.ci/run` installs them.
@Suite(.serialized) struct DashboardBrowserTests {
  /// 30 s on the demo shop: shoppers log in then browse four endpoints (one of them the slow
  /// search), a ramp from 2 to 6 users over 10 s then 20 s at 6 (two stages), with the demo's
  /// injected 5xx for the errors chart. Long enough that the page's checks, its forced drop and
  /// reconnection end before the run does on a loaded CI machine (the run's process, and with it
  /// the page's server, exits at the end).
  static let config = """
    name = "dashboard shop"
    base_url = "${BASE_URL}"
    [defaults]
    think_time = { min = "20ms", max = "60ms" }
    [load]
    pattern = "composite"
    stages = [
      { pattern = "ramp", from = 2, to = 6, duration = "10s" },
      { pattern = "constant", users = 6, duration = "20s" },
    ]
    [[scenarios]]
    name = "shopper"
      [[scenarios.setup]]
      name = "login"
      method = "POST"
      path = "/login"
      json = { user = "demo", password = "demo" }
      capture = { token = { json = "$.token" } }
      [[scenarios.tasks]]
      name = "products"
      weight = 4
      path = "/products"
      headers = { Authorization = "Bearer ${vu.token}" }
      [[scenarios.tasks]]
      name = "product"
      weight = 3
      path = "/products/7"
      headers = { Authorization = "Bearer ${vu.token}" }
      [[scenarios.tasks]]
      name = "search"
      weight = 1
      path = "/search"
      query = { q = "lamp" }
      headers = { Authorization = "Bearer ${vu.token}" }
      [[scenarios.tasks]]
      name = "health"
      weight = 1
      path = "/health"
    """

  /// `$LOADFORGE_TEST_ARTIFACTS/dashboard`, default `/tmp/loadforge-test-artifacts/dashboard`.
  static var artifactsDirectory: URL {
    let base = ProcessInfo.processInfo.environment["LOADFORGE_TEST_ARTIFACTS"] ?? "/tmp/loadforge-test-artifacts"
    return URL(fileURLWithPath: base).appendingPathComponent("dashboard")
  }

  @Test func liveDashboardOfADemoRunInChromium() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-dashboard-browser")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("loadtest.toml")
    try Self.config.write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let out = work.appendingPathComponent("stdout")
    let err = work.appendingPathComponent("stderr")
    for file in [out, err] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
    let run = Process()
    run.executableURL = try loadforgeBinary()
    run.arguments = [
      "run", configURL.path, "--demo", "--dashboard", "--dashboard-port", "0", "--workers", "1", "--output",
      output.path,
    ]
    run.standardOutput = try FileHandle(forWritingTo: out)
    run.standardError = try FileHandle(forWritingTo: err)
    try run.run()
    defer { if run.isRunning { kill(run.processIdentifier, SIGKILL) } }

    let port = try #require(
      waitForPrintedPort(in: out, after: "dashboard: "),
      "the run printed the dashboard's URL: \((try? String(contentsOf: out, encoding: .utf8)) ?? "")")
    let dashboardURL = "http://127.0.0.1:\(port)/"

    let screenshots = work.appendingPathComponent("screenshots")
    let check = try runPython(
      script: "Tests/IntegrationTests/browser/check_dashboard.py", arguments: [dashboardURL, screenshots.path])
    let endDeadline = Date().addingTimeInterval(30)
    while run.isRunning, Date() < endDeadline { usleep(50_000) }
    run.waitUntilExit()
    let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    #expect(run.terminationStatus == 0, "run: \(stdout)\n\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
    #expect(check.status == 0, "check_dashboard.py: \(check.stdout)\n\(check.stderr)")
    let found = try #require(
      try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any], "stdout: \(check.stdout)")
    #expect((found["problems"] as? [String])?.isEmpty == true, "\(found["problems"] ?? "")")
    #expect((found["console"] as? [String])?.isEmpty == true, "\(found["console"] ?? "")")
    let maxDelay = try #require(found["max_live_delay_ms"] as? Double)
    #expect(maxDelay < 100, "end of a second → its message on the wire")
    let finalState = try #require(found["final_state"] as? [String: Any])
    let (runDirectory, _) = try readSummary(output: output)
    let lines = try String(contentsOf: runDirectory.appendingPathComponent("snapshots.ndjson"), encoding: .utf8)
      .split(separator: "\n").count
    #expect(finalState["snapshots"] as? Int == lines, "the page holds every second of the run, the drain's too")
    // The page connected at the start and again after the forced drop.
    let connections = stdout.firstMatch(of: /dashboard: (\d+) page connections?/).flatMap { Int($0.1) }
    #expect((connections ?? 0) >= 2, "\(stdout)")
    #expect(stdout.contains("no update dropped"), "\(stdout)")

    let artifacts = Self.artifactsDirectory
    try? FileManager.default.removeItem(at: artifacts)
    try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
    for name in ["dashboard-live.png", "dashboard-reconnected.png", "dashboard-narrow.png", "dashboard-finished.png"] {
      let source = screenshots.appendingPathComponent(name)
      let size = (try? FileManager.default.attributesOfItem(atPath: source.path)[.size]) as? Int ?? 0
      #expect(size > 10_000, "\(name) saved")
      try? FileManager.default.copyItem(at: source, to: artifacts.appendingPathComponent(name))
    }
  }
}
