import Foundation
import Testing

/// `loadforge report RUN_DIR` against real runs on nginx: the rebuilt summary.json and
/// snapshots.csv equal the run's own byte for byte; after a kill -9 it still rebuilds a summary
/// from the raw record; `--format` picks the derived outputs; HdrHistogram's Python port reads
/// the run's latency.hlog with the summary's counts.
@Suite(.serialized) struct ReportCommandTests {
  static func config(duration: String) -> String {
    """
    name = "report rebuild"
    base_url = "${BASE_URL}"
    [defaults]
    think_time = { min = "1ms", max = "3ms" }
    [load]
    pattern = "ramp"
    from = 2
    to = 12
    duration = "\(duration)"
    [[scenarios]]
    name = "browse"
      [[scenarios.tasks]]
      name = "list products"
      weight = 3
      path = "/api/products.json"
      [[scenarios.tasks]]
      name = "missing page"
      path = "/no-such-page"
    """
  }

  /// Runs `config` against a fresh nginx; returns the work directory and the run directory.
  static func run(duration: String, extra: [String] = [], killAfter: Double? = nil) throws -> (URL, URL, Int32) {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-report")
    let configURL = work.appendingPathComponent("loadtest.toml")
    try config(duration: duration).write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(
      ["run", configURL.path, "--output", output.path, "--workers", "2"] + extra,
      environment: ["BASE_URL": nginx.baseURL], interruptAfter: killAfter, signal: SIGKILL)
    let runs = try FileManager.default.contentsOfDirectory(at: output, includingPropertiesForKeys: nil)
    guard runs.count == 1 else { throw TestFailure("expected one run directory, found \(runs)") }
    return (work, runs[0], result.status)
  }

  /// `loadforge report DIR …`; returns the regenerated directory it printed.
  static func report(_ dir: URL, _ extra: [String] = []) throws -> URL {
    try reportWithSummary(dir, extra).directory
  }

  /// `loadforge report DIR …`; returns the regenerated directory and the `run: …` line it printed.
  static func reportWithSummary(_ dir: URL, _ extra: [String] = []) throws -> (directory: URL, summary: String) {
    let result = try runLoadForge(["report", dir.path] + extra)
    let lines = result.stdout.split(separator: "\n")
    guard result.status == 0, let line = lines.first(where: { $0.hasPrefix("report: ") }),
      let summary = lines.first(where: { $0.hasPrefix("run: ") })
    else { throw TestFailure("report failed (\(result.status)): \(result.stdout) \(result.stderr)") }
    return (URL(fileURLWithPath: String(line.dropFirst("report: ".count))), String(summary))
  }

  /// `python3 -c script argument`'s standard output (the PyPI `hdrhistogram` package is installed
  /// by `.ci/run`).
  static func runPythonScript(_ script: String, _ argument: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, argument]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw TestFailure("python3 exited \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))")
    }
    return String(decoding: data, as: UTF8.self)
  }

  @Test func rebuiltSummaryAndCSVEqualTheRunsOwn() throws {
    let (work, dir, status) = try Self.run(duration: "3s")
    defer { try? FileManager.default.removeItem(at: work) }
    #expect(status == 0)
    for name in ["run.json", "plan.json", "snapshots.ndjson", "latency.hlog", "summary.json", "snapshots.csv"] {
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name)")
    }
    let (rebuilt, line) = try Self.reportWithSummary(dir)
    #expect(line.hasPrefix("run: "))
    #expect(line.hasSuffix(" failed, no thresholds"), "\(line)")
    #expect(rebuilt.deletingLastPathComponent().standardizedFileURL == dir.standardizedFileURL)
    #expect(rebuilt.lastPathComponent.hasPrefix("report-"))
    let original = try String(contentsOf: dir.appendingPathComponent("summary.json"), encoding: .utf8)
    let again = try String(contentsOf: rebuilt.appendingPathComponent("summary.json"), encoding: .utf8)
    #expect(again == original)
    #expect(original.contains("\"404\""), "both endpoints answered")
    #expect(
      try Data(contentsOf: rebuilt.appendingPathComponent("snapshots.csv"))
        == (try Data(contentsOf: dir.appendingPathComponent("snapshots.csv"))))
    let csvRows = try String(contentsOf: dir.appendingPathComponent("snapshots.csv"), encoding: .utf8)
      .split(separator: "\r\n")
    let snapshotLines = try String(contentsOf: dir.appendingPathComponent("snapshots.ndjson"), encoding: .utf8)
      .split(separator: "\n")
    #expect(csvRows.count == snapshotLines.count + 1)

    // A second report never replaces the first.
    let second = try Self.report(dir, ["--format", "json"])
    #expect(second != rebuilt)
    #expect(!FileManager.default.fileExists(atPath: second.appendingPathComponent("snapshots.csv").path))

    // HdrHistogram's Python port reads latency.hlog: every complete response, per endpoint.
    let summary = try #require(try JSONSerialization.jsonObject(with: Data(original.utf8)) as? [String: Any])
    let endpoints = try #require(summary["endpoints"] as? [[String: Any]])
    let out = try Self.runPythonScript(
      """
      import json, sys
      from hdrh.histogram import HdrHistogram
      from hdrh.log import HistogramLogReader
      reader = HistogramLogReader(sys.argv[1], HdrHistogram(1, 3600000000, 3))
      totals = {}
      while True:
          h = reader.get_next_interval_histogram()
          if h is None:
              break
          totals[h.get_tag() or ""] = totals.get(h.get_tag() or "", 0) + h.get_total_count()
      print(json.dumps(totals))
      """, dir.appendingPathComponent("latency.hlog").path)
    let counts = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Int])
    #expect(counts["list%20products"] == endpoints[0]["requests"] as? Int)
    #expect(counts["missing%20page"] == endpoints[1]["requests"] as? Int)
    let requests = try #require(summary["requests"] as? [String: Any])
    #expect(counts[""] == requests["total"] as? Int)
    #expect((counts[""] ?? 0) > 100)
  }

  @Test func killedRunStillRebuildsASummary() throws {
    let (work, dir, status) = try Self.run(duration: "30s", killAfter: 3.5)
    defer { try? FileManager.default.removeItem(at: work) }
    #expect(status == SIGKILL, "killed by the signal")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("summary.json").path))
    let (rebuilt, line) = try Self.reportWithSummary(dir)
    #expect(line.contains(" failed, no thresholds; interrupted after "), "\(line)")
    #expect(line.hasSuffix(" of 30.0s"), "\(line)")
    let data = try Data(contentsOf: rebuilt.appendingPathComponent("summary.json"))
    let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(summary["interrupted"] as? Bool == true)
    let snapshots = try String(contentsOf: dir.appendingPathComponent("snapshots.ndjson"), encoding: .utf8)
      .split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
    #expect(snapshots.count >= 2)
    let total = try #require((summary["requests"] as? [String: Any])?["total"] as? Int)
    let perSecond = snapshots.compactMap { $0["requests"] as? Int }
    #expect(total > 0)
    // Every whole interval on disk, or all but the last when its histograms did not make it.
    #expect(total == perSecond.reduce(0, +) || total == perSecond.dropLast().reduce(0, +))
    let latency = try #require(summary["latency_ms"] as? [String: Double])
    #expect((latency["p50"] ?? 0) > 0)
    #expect((latency["p99"] ?? 0) >= (latency["p50"] ?? 0))
    let loadSeconds = try #require(summary["load_duration_s"] as? Double)
    #expect(loadSeconds >= 2 && loadSeconds <= 4)
    #expect(FileManager.default.fileExists(atPath: rebuilt.appendingPathComponent("snapshots.csv").path))
  }

  /// A parent folder, a `report-*` folder or a typo gets a plain message naming the run meant,
  /// not Foundation's error for the missing run.json.
  @Test func wrongDirectoryNamesTheLatestRun() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-report-wrong")
    defer { try? FileManager.default.removeItem(at: work) }
    // Standardised as the messages name them ($TMPDIR may end in a slash: `/tmp//…`).
    let results = work.appendingPathComponent("loadforge-results").standardizedFileURL
    for name in ["20261129-100000-a", "20261129-110000-b"] {
      let run = results.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
      try Data("{}".utf8).write(to: run.appendingPathComponent("run.json"))
    }
    let latest = results.appendingPathComponent("20261129-110000-b")
    let report = latest.appendingPathComponent("report-20261129-120000")
    try FileManager.default.createDirectory(at: report, withIntermediateDirectories: false)

    let parent = try runLoadForge(["report", results.path])
    #expect(parent.status == 1)
    #expect(
      parent.stderr
        == "error: \(results.path) is not a LoadForge run directory (no run.json); latest run here: \(latest.path)\n")
    let inside = try runLoadForge(["report", report.path])
    #expect(inside.status == 1)
    #expect(
      inside.stderr.contains("is not a LoadForge run directory (no run.json); it is inside the run \(latest.path)"))
    let typo = results.appendingPathComponent("20261129-11000-b")
    let mistyped = try runLoadForge(["report", typo.path])
    #expect(mistyped.status == 1)
    #expect(
      mistyped.stderr.contains(
        "\(typo.path) is not a LoadForge run directory (no such directory); latest run in \(results.path): \(latest.path)"
      ))
    for result in [parent, inside, mistyped] { #expect(!result.stderr.contains("NSCocoaErrorDomain")) }
  }

  @Test func formatChoosesTheDerivedOutputs() throws {
    let (work, dir, status) = try Self.run(duration: "2s", extra: ["--format", "csv"])
    defer { try? FileManager.default.removeItem(at: work) }
    #expect(status == 0)
    let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
    #expect(names == ["run.json", "plan.json", "snapshots.ndjson", "latency.hlog", "snapshots.csv"])
    let bad = try runLoadForge(["report", dir.path, "--format", "pdf"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--format takes html, json and csv"))
  }
}
