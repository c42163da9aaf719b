import Foundation
import Testing

/// The HTML report a real run against nginx writes (`report.html`), opened in headless Chromium
/// (Debian `chromium` driven by Playwright from PyPI, `browser/check_report.py`): no console
/// error, no request beyond the file, every section, every chart drawn with one point per
/// second of the run, the verdict from the thresholds, and screenshots of its top and bottom
/// kept in the results directory and as CI artifacts.
///
/// Fails (never skips) when nginx, Chromium or Playwright is missing: `.ci/run` installs them.
@Suite(.serialized) struct HTMLReportBrowserTests {
  /// A 5 s ramp whose "old page" task answers 404: the error section has something to show,
  /// and the error-rate threshold fails while the latency one passes.
  static let config = """
    name = "shop checkout"
    base_url = "${BASE_URL}"
    [defaults]
    think_time = { min = "5ms", max = "20ms" }
    [load]
    pattern = "ramp"
    from = 2
    to = 8
    duration = "5s"
    [[scenarios]]
    name = "browse"
      [[scenarios.tasks]]
      name = "home"
      weight = 3
      path = "/"
      [[scenarios.tasks]]
      name = "products"
      weight = 3
      path = "/api/products.json"
      [[scenarios.tasks]]
      name = "old page"
      weight = 1
      path = "/no-such-page"
    [thresholds]
    "http_req_duration.p95" = "< 2s"
    error_rate = "< 1%"
    """

  /// Where the report and its screenshots are kept after the test (CI uploads this folder):
  /// `$LOADFORGE_TEST_ARTIFACTS/html-report`, default `/tmp/loadforge-test-artifacts/html-report`.
  static var artifactsDirectory: URL {
    let base = ProcessInfo.processInfo.environment["LOADFORGE_TEST_ARTIFACTS"] ?? "/tmp/loadforge-test-artifacts"
    return URL(fileURLWithPath: base).appendingPathComponent("html-report")
  }

  @Test func reportOfANginxRunOpensInChromium() throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-html")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("loadtest.toml")
    try Self.config.write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")

    let result = try runLoadForge(
      ["run", configURL.path, "--output", output.path, "--workers", "1"], environment: ["BASE_URL": nginx.baseURL])
    #expect(result.status == 99, "the error-rate threshold fails; stderr: \(result.stderr)")
    let (run, summary) = try readSummary(output: output)
    let errors = try #require(summary["errors"] as? [String: Int])
    #expect(errors["http_4xx"] ?? 0 > 0, "the 404s show in the error section")
    let snapshots = try Self.snapshotPhases(run: run)
    let seconds = snapshots.filter { $0 == "load" }.count
    #expect(seconds == 5, "a 5 s run has 5 load snapshots")

    let report = run.appendingPathComponent("report.html")
    #expect(FileManager.default.fileExists(atPath: report.path), "the run wrote report.html")
    let check = try Self.runBrowserCheck(report: report, expectedPoints: seconds, screenshots: run)
    #expect(check.status == 0, "check_report.py: \(check.stdout)\n\(check.stderr)")
    let found = try #require(
      try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any], "stdout: \(check.stdout)")
    #expect((found["problems"] as? [String])?.isEmpty == true, "\(found["problems"] ?? "")")
    #expect((found["console_errors"] as? [String])?.isEmpty == true)
    let charts = try #require(found["charts"] as? [[String: Any]])
    #expect(charts.count == 6)
    #expect(charts.filter { $0["timeseries"] as? Bool == true }.count == 4)
    let verdict = try #require(found["verdict"] as? String)
    #expect(verdict.contains("FAILED") && verdict.contains("1 of 2 thresholds failed"), "\(verdict)")
    #expect(verdict.contains("error_rate < 1%"))
    #expect(found["raw_rows"] as? Int == snapshots.count, "one table row per snapshot, the drain's too")
    #expect((found["overlaps"] as? [String])?.isEmpty == true, "no chart note in its legend's row at 760 px")
    for name in ["report-top.png", "report-bottom.png", "report-narrow-latency.png"] {
      let size = (try? FileManager.default.attributesOfItem(atPath: run.appendingPathComponent(name).path)[.size])
      #expect((size as? Int ?? 0) > 10_000, "\(name) saved in the results directory")
    }

    // Keep the report and its screenshots for CI's artifacts.
    let artifacts = Self.artifactsDirectory
    try? FileManager.default.removeItem(at: artifacts)
    try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
    for name in ["report.html", "report-top.png", "report-bottom.png", "report-narrow-latency.png"] {
      try FileManager.default.copyItem(at: run.appendingPathComponent(name), to: artifacts.appendingPathComponent(name))
    }
  }

  /// The `phase` of each line of the run's snapshots.ndjson, in order.
  static func snapshotPhases(run: URL) throws -> [String] {
    let text = try String(contentsOf: run.appendingPathComponent("snapshots.ndjson"), encoding: .utf8)
    return try text.split(separator: "\n").map { line in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return try #require(object?["phase"] as? String)
    }
  }

  /// Runs `browser/check_report.py` with the system's python3.
  static func runBrowserCheck(report: URL, expectedPoints: Int, screenshots: URL) throws -> CommandResult {
    try runPython(
      script: "Tests/IntegrationTests/browser/check_report.py",
      arguments: [report.path, String(expectedPoints), screenshots.path])
  }
}
