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
    let hello = session.objects[0]
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
    let summary = session.objects[5]["summary"] as? [String: Any]
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

  @Test func aBrokenLineBeforeTheLastIsAnError() throws {
    let run = try Self.temporaryDirectory("dash-broken")
    defer { try? FileManager.default.removeItem(at: run) }
    try Self.writeRunByHand(to: run, seconds: 2, summary: true)
    let url = run.appendingPathComponent("snapshots.ndjson")
    try Data(("{\"broken\n" + (try String(contentsOf: url, encoding: .utf8))).utf8).write(to: url)
    #expect {
      try DashboardReplay.hub(runDirectory: run)
    } throws: { error in
      (error as? DashboardError)?.description.hasPrefix("cannot read line 1 of \(url.path)") == true
    }
  }
}
