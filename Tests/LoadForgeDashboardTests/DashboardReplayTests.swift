import Foundation
import LoadForgeMetrics
import LoadForgePlan
import LoadForgeReport
import Testing

@testable import LoadForgeDashboard

@Suite struct DashboardReplayTests {
  static let started = Date(timeIntervalSince1970: 1_764_450_000.25)

  static func temporaryDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// A run directory as LoadForge writes it, by hand: run.json, snapshots.ndjson (one line per
  /// second) and, when asked, summary.json; no plan.json.
  static func writeRunByHand(to directory: URL, seconds: Int, summary: Bool) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    try encoder.encode(DashboardFixtures.runInfo(startedAt: started)).write(
      to: directory.appendingPathComponent("run.json"))
    var lines = Data()
    for second in 1...seconds {
      lines += try encoder.encode(DashboardFixtures.snapshot(second: second, targetVUs: Double(second)))
      lines.append(0x0A)
    }
    try lines.write(to: directory.appendingPathComponent("snapshots.ndjson"))
    if summary {
      try ReportWriter.summaryJSON(DashboardFixtures.summary(startedAt: started, requests: 60)).write(
        to: directory.appendingPathComponent("summary.json"))
    }
  }

  /// Through the results directory writer, with the plan.json the CLI writes (snake_case keys).
  @Test func replaysAResultsDirectoryWithItsPlanAndATruncatedLastLine() async throws {
    let root = try Self.temporaryDirectory("dash-replay")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = try ResultsDirectory.create(root: root, runName: "dash test", now: Self.started)
    let load = LoadPlan(
      pattern: .composite(
        CompositePattern(stages: [
          .ramp(RampPattern(from: 0, to: 4, durationSeconds: 2)),
          .constant(ConstantPattern(users: 4, durationSeconds: 2)),
        ])))
    struct PlanFile: Encodable { var name: String; var load: LoadPlan }
    let planEncoder = JSONEncoder()
    planEncoder.keyEncodingStrategy = .convertToSnakeCase
    try results.writePlanJSON(try planEncoder.encode(PlanFile(name: "dash test", load: load)))
    results.runStarted(DashboardFixtures.runInfo(startedAt: Self.started))
    for second in 1...4 { results.record(DashboardFixtures.snapshot(second: second)) }
    results.runFinished(DashboardFixtures.summary(startedAt: Self.started, requests: 100))
    // A killed writer's half line.
    let handle = try FileHandle(forWritingTo: results.snapshotsURL)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("{\"phase\":\"load\",\"elapsed_s\":5,\"inter".utf8))
    try handle.close()

    let hub = try DashboardReplay.hub(runDirectory: results.url)
    #expect(hub.mode == .replay)
    #expect(hub.historyCount == 4)
    #expect(hub.isFinished)
    let (server, port) = try await DashboardFixtures.server(hub)
    defer { Task { await server.stop() } }
    let session = try await DashboardSession.record(port: port)
    #expect(session.types == ["hello", "snapshot", "snapshot", "snapshot", "snapshot", "final"])
    #expect(session.backfills == [true, true, true, true])
    let hello = session.object(0)
    #expect(hello["mode"] as? String == "replay")
    #expect(hello["finished"] as? Bool == true)
    #expect(hello["history_count"] as? Int == 4)
    let stages = hello["stages"] as? [[String: Any]] ?? []
    #expect(stages.compactMap { $0["summary"] as? String } == ["ramp 0→4 VUs over 2s", "constant 4 VUs for 2s"])
    #expect(stages.compactMap { $0["end_s"] as? Int } == [2, 4])
    #expect((hello["target_curve"] as? [[String: Any]])?.compactMap { $0["target"] as? Int } == [2, 4, 4, 4])
    // Each message carries the snapshots.ndjson line as written.
    let lines = try String(contentsOf: results.snapshotsURL, encoding: .utf8).split(separator: "\n").prefix(4)
    for (text, line) in zip(session.messages[1...4], lines) {
      #expect(text.hasSuffix(",\"snapshot\":\(line)}"))
    }
    let summary = session.object(5)["summary"] as? [String: Any]
    #expect((summary?["requests"] as? [String: Any])?["total"] as? Int == 100)
    #expect(summary?["started_at"] as? String == "2025-11-29T21:00:00.250Z")
  }

  @Test func withoutPlanJSONThePlanComesFromTheSnapshots() throws {
    let run = try Self.temporaryDirectory("dash-hand")
    defer { try? FileManager.default.removeItem(at: run) }
    try Self.writeRunByHand(to: run, seconds: 3, summary: true)
    let hub = try DashboardReplay.hub(runDirectory: run)
    let view = hub.view(from: 0)
    let plan = try JSONDecoder().decode(DashboardPlan.self, from: Data(view.planJSON.utf8))
    #expect(plan.model == .closed)
    #expect(
      plan.stages == [
        DashboardStage(index: 0, kind: "constant", summary: "constant 5 VUs for 3s", startSeconds: 0, endSeconds: 3)
      ])
    #expect(plan.targetCurve.map(\.target) == [1, 2, 3])
    #expect(plan.targetCurve.map(\.elapsedSeconds) == [1, 2, 3])
    #expect(view.backlog.count == 3)
    #expect(
      view.backlog.map(\.intervalEndMicros) == [1_764_450_001_250_000, 1_764_450_002_250_000, 1_764_450_003_250_000])
    #expect(view.summaryJSON?.contains("\"total\":60") == true)
  }

  @Test func withoutSummaryJSONTheSummaryIsRebuilt() throws {
    let root = try Self.temporaryDirectory("dash-rebuild")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = try ResultsDirectory.create(root: root, runName: "killed", now: Self.started)
    results.runStarted(DashboardFixtures.runInfo(startedAt: Self.started))
    results.record(DashboardFixtures.snapshot(second: 1))
    // Killed before runFinished: no summary.json.
    let hub = try DashboardReplay.hub(runDirectory: results.url)
    #expect(hub.historyCount == 1)
    let summary = try JSONDecoder().decode(Summary.self, from: Data(try #require(hub.view(from: 0).summaryJSON).utf8))
    #expect(summary.startedAt.timeIntervalSince1970 == Self.started.timeIntervalSince1970)
    #expect(summary.interrupted)
  }

  @Test func aDirectoryWithoutRunJSONIsRefused() throws {
    let dir = try Self.temporaryDirectory("dash-not-a-run")
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(throws: DashboardError("not a LoadForge run directory (no run.json): \(dir.path)")) {
      try DashboardReplay.hub(runDirectory: dir)
    }
  }

  /// A killed run (no summary.json): the caller's thresholds are evaluated against the rebuilt
  /// summary, which is what `final` carries.
  @Test func aKilledRunsSummaryGetsTheCallersThresholds() throws {
    let root = try Self.temporaryDirectory("dash-thresholds")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = try ResultsDirectory.create(root: root, runName: "killed", now: Self.started)
    results.runStarted(DashboardFixtures.runInfo(startedAt: Self.started))
    results.record(DashboardFixtures.snapshot(second: 1))
    var seen: [Summary] = []
    let hub = try DashboardReplay.hub(runDirectory: results.url) { summary in
      seen.append(summary)
      return [
        ThresholdResult(
          threshold: "http_req_failed < 1%", metric: "http_req_failed", passed: summary.interrupted, measured: 0,
          limit: 0.01, unit: "", measuredText: "0%")
      ]
    }
    let summary = try JSONDecoder().decode(Summary.self, from: Data(try #require(hub.view(from: 0).summaryJSON).utf8))
    #expect(seen.count == 1)
    #expect(summary.thresholds.map(\.threshold) == ["http_req_failed < 1%"])
    // The closure saw the rebuilt summary (interrupted: the run was cut short).
    #expect(summary.thresholds.map(\.passed) == [true])
    #expect(summary.interrupted)
    // The old entry point passes none.
    let without = try DashboardReplay.hub(runDirectory: results.url)
    #expect(without.view(from: 0).summaryJSON?.contains("\"thresholds\":[]") == true)
  }

  /// With summary.json its own thresholds are kept; the closure is not asked.
  @Test func summaryJSONsThresholdsAreKept() throws {
    let run = try Self.temporaryDirectory("dash-kept")
    defer { try? FileManager.default.removeItem(at: run) }
    try Self.writeRunByHand(to: run, seconds: 2, summary: true)
    var asked = false
    let hub = try DashboardReplay.hub(runDirectory: run) { _ in
      asked = true
      return []
    }
    #expect(!asked)
    #expect(hub.view(from: 0).summaryJSON?.contains("\"total\":60") == true)
  }

  /// Damaged lines in the middle of snapshots.ndjson are skipped, each with a plain warning; the
  /// others are replayed as written.
  @Test func damagedLinesAreSkippedWithAWarning() throws {
    let run = try Self.temporaryDirectory("dash-broken")
    defer { try? FileManager.default.removeItem(at: run) }
    try Self.writeRunByHand(to: run, seconds: 5, summary: true)
    let url = run.appendingPathComponent("snapshots.ndjson")
    var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[1] = "42"
    lines[2] = "{\"broken"
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    let (hub, warnings) = try DashboardReplay.load(runDirectory: run, thresholds: nil)
    #expect(
      warnings == [
        "snapshots.ndjson line 2 is not a valid snapshot (skipped): not a snapshot (not a JSON object)",
        "snapshots.ndjson line 3 is not a valid snapshot (skipped): not valid JSON",
      ])
    let view = hub.view(from: 0)
    #expect(view.backlog.map(\.json) == [lines[0], lines[3], lines[4]])
    #expect(
      view.backlog.map(\.intervalEndMicros) == [1_764_450_001_250_000, 1_764_450_004_250_000, 1_764_450_005_250_000])
    #expect(hub.isFinished)
    // The wrapper serves the same, warnings aside.
    #expect(try DashboardReplay.hub(runDirectory: run).historyCount == 3)
  }

  /// A line that is JSON but lacks a snapshot's field is named by that field.
  @Test func aLineWithoutASnapshotsFieldNamesIt() throws {
    let run = try Self.temporaryDirectory("dash-field")
    defer { try? FileManager.default.removeItem(at: run) }
    try Self.writeRunByHand(to: run, seconds: 2, summary: true)
    let url = run.appendingPathComponent("snapshots.ndjson")
    try Data(("{}\n" + (try String(contentsOf: url, encoding: .utf8))).utf8).write(to: url)
    let (hub, warnings) = try DashboardReplay.load(runDirectory: run, thresholds: nil)
    #expect(warnings.count == 1)
    #expect(
      warnings.first?.hasPrefix("snapshots.ndjson line 1 is not a valid snapshot (skipped): not a snapshot (no \"")
        == true)
    #expect(warnings.first?.contains("Error") == false)
    #expect(hub.historyCount == 2)
  }

  /// A killed run (no summary.json) with a damaged line: the replay still works, and the rebuilt
  /// summary counts the seconds that are left, each with its own histogram.
  @Test func aKilledRunWithADamagedLineRebuildsWithoutItsSecond() throws {
    let root = try Self.temporaryDirectory("dash-killed-broken")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = try ResultsDirectory.create(root: root, runName: "killed", now: Self.started)
    results.runStarted(DashboardFixtures.runInfo(startedAt: Self.started))
    var aggregator = MetricsAggregator(endpoints: DashboardFixtures.endpoints)
    for second in 1...3 {
      let worker = MetricsRecorder(endpointCount: 1)
      // Second s: 10 × s requests of s ms each.
      for _ in 0..<(10 * second) {
        worker.record(endpoint: 0, status: 200, latencyMicros: UInt64(second) * 1_000, bytesReceived: 100)
      }
      aggregator.merge(worker.takeInterval())
      results.record(
        aggregator.closeInterval(
          elapsedSeconds: Double(second), intervalSeconds: 1, targetVUs: 5, activeVUs: 5, inFlight: 0, targetRate: nil))
      results.recordHistograms(try #require(aggregator.lastIntervalHistograms))
    }
    let url = results.snapshotsURL
    var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[1] = "garbage"
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)

    let (hub, warnings) = try DashboardReplay.load(runDirectory: results.url) { summary in
      [
        ThresholdResult(
          threshold: "requests > 0", metric: "http_reqs", passed: true, measured: Double(summary.requests.total),
          limit: 0, unit: "", measuredText: "\(summary.requests.total)")
      ]
    }
    #expect(
      warnings == [
        "snapshots.ndjson line 2 is not a valid snapshot (skipped): not valid JSON",
        "the summary, rebuilt without summary.json, leaves out the seconds of the skipped lines",
      ])
    #expect(hub.historyCount == 2)
    let summary = try JSONDecoder().decode(Summary.self, from: Data(try #require(hub.view(from: 0).summaryJSON).utf8))
    #expect(summary.requests.total == 40)
    #expect(summary.latency.min == 1)
    #expect(summary.latency.max == 3)
    #expect(summary.thresholds.map(\.measured) == [40])
  }
}
