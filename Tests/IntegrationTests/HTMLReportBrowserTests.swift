import Foundation
import LoadForgeMetrics
import LoadForgeReport
import Testing

/// The HTML report of a real run against nginx, opened in headless Chromium (Debian `chromium`
/// driven by Playwright from PyPI, `browser/check_report.py`): no console error, no request
/// beyond the file, every section, every chart drawn with one point per second of the run, and
/// screenshots of its top and bottom kept as CI artifacts.
///
/// Fails (never skips) when nginx, Chromium or Playwright is missing: `.ci/run` installs them.
@Suite(.serialized) struct HTMLReportBrowserTests {
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
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let (run, _) = try readSummary(output: output)

    let inputs = try Self.reportInputs(run: run)
    let seconds = inputs.snapshots.filter { $0.phase == .load }.count
    #expect(seconds == 5, "a 5 s run has 5 load snapshots")
    #expect(inputs.summary.errors["http_4xx"] ?? 0 > 0, "the 404s show in the error section")
    let report = run.appendingPathComponent("report.html")
    try HTMLReport.render(inputs).write(to: report, atomically: true, encoding: .utf8)

    let check = try Self.runBrowserCheck(report: report, expectedPoints: seconds, screenshots: run)
    #expect(check.status == 0, "check_report.py: \(check.stdout)\n\(check.stderr)")
    let found = try #require(
      try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any], "stdout: \(check.stdout)")
    #expect((found["problems"] as? [String])?.isEmpty == true, "\(found["problems"] ?? "")")
    #expect((found["console_errors"] as? [String])?.isEmpty == true)
    let charts = try #require(found["charts"] as? [[String: Any]])
    #expect(charts.count == 6)
    #expect(charts.filter { $0["timeseries"] as? Bool == true }.count == 4)
    #expect((found["verdict"] as? String)?.contains("No thresholds set") == true)
    #expect(found["raw_rows"] as? Int == inputs.snapshots.count)
    for name in ["report-top.png", "report-bottom.png"] {
      let size = (try? FileManager.default.attributesOfItem(atPath: run.appendingPathComponent(name).path)[.size])
      #expect((size as? Int ?? 0) > 10_000, "\(name) saved in the results directory")
    }

    // Keep the report and its screenshots for CI's artifacts.
    let artifacts = Self.artifactsDirectory
    try? FileManager.default.removeItem(at: artifacts)
    try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
    for name in ["report.html", "report-top.png", "report-bottom.png"] {
      try FileManager.default.copyItem(at: run.appendingPathComponent(name), to: artifacts.appendingPathComponent(name))
    }
  }

  /// `ReportInputs` from a run's files: run.json, summary.json, snapshots.ndjson. The latency
  /// distribution is built from the summary's percentiles (the run's stored histograms are not
  /// read here).
  static func reportInputs(run: URL) throws -> ReportInputs {
    let decoder = JSONDecoder()
    let runInfo = try decoder.decode(RunInfo.self, from: Data(contentsOf: run.appendingPathComponent("run.json")))
    let summary = try decoder.decode(Summary.self, from: Data(contentsOf: run.appendingPathComponent("summary.json")))
    let lines = try String(contentsOf: run.appendingPathComponent("snapshots.ndjson"), encoding: .utf8)
      .split(separator: "\n")
    let snapshots = try lines.map { try decoder.decode(Snapshot.self, from: Data($0.utf8)) }
    let l = summary.latency
    let distribution = [(0, l.min), (50, l.p50), (90, l.p90), (95, l.p95), (99, l.p99), (99.9, l.p999), (100, l.max)]
      .map { PercentilePoint(percentile: $0.0, latencyMs: $0.1) }
    return ReportInputs(
      runInfo: runInfo, summary: summary, snapshots: snapshots, latencyDistribution: distribution)
  }

  /// Runs `browser/check_report.py` with the system's python3.
  static func runBrowserCheck(report: URL, expectedPoints: Int, screenshots: URL) throws -> CommandResult {
    let script = repositoryRoot.appendingPathComponent("Tests/IntegrationTests/browser/check_report.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, report.path, String(expectedPoints), screenshots.path]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting so a full pipe cannot block the script.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}
