import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

/// A summary rebuilt from run.json + snapshots.ndjson + latency.hlog equals the aggregator's,
/// in both models, and a directory without summary.json (a killed run) still rebuilds.
struct ReportRebuilderTests {
  static let endpoints = [
    EndpointInfo(name: "list products", method: "GET"), EndpointInfo(name: "login", method: "POST"),
  ]

  /// Records a deterministic run into an aggregator and writes its results directory the way
  /// `ResultsDirectory` does; returns the directory and the coordinator's summary.
  static func makeRun(openModel: Bool) throws -> (URL, Summary) {
    let dir = try temporaryDirectory()
    let started = Date(timeIntervalSince1970: 1_764_000_000.123)
    var info = RunInfo(
      name: "rebuild", pattern: "constant", durationSeconds: 3, tickSeconds: 1, gracePeriodSeconds: 5, workers: 2,
      peakVUs: 10, endpoints: endpoints)
    info.startedAt = started
    if openModel { info.peakRate = 50 }
    var aggregator = MetricsAggregator(endpoints: endpoints, isOpenModel: openModel)
    var state: UInt64 = openModel ? 11 : 5
    func next(_ bound: UInt64) -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (state >> 33) % bound
    }
    var snapshots: [Snapshot] = []
    var log = HistogramLog.header(startTime: started)
    let tags = HistogramLog.tags(for: endpoints)
    for interval in 0..<4 {
      for _ in 0..<2 {
        let worker = MetricsRecorder(endpointCount: 2)
        for _ in 0..<(200 + Int(next(300))) {
          let endpoint = Int(next(2))
          let latency = 50 + next(next(10) == 0 ? 2_000_000 : 20_000)
          let status = [200, 200, 200, 200, 302, 404, 503][Int(next(7))]
          worker.record(
            endpoint: endpoint, status: status, outcome: .classify(status: status), checksPassed: Int(next(2)),
            checksFailed: Int(next(2)), latencyMicros: latency, bytesReceived: 100 + Int(next(900)))
          if openModel {
            worker.recordService(endpoint: endpoint, micros: latency / 2 + 1)
            worker.recordIterationStarted()
          }
        }
        worker.record(endpoint: 1, outcome: .connectionRefused, latencyMicros: 1_000, bytesReceived: 0)
        if openModel { worker.recordDroppedIteration() }
        worker.recordConnectionOpened()
        aggregator.merge(worker.takeInterval())
      }
      let snapshot =
        interval < 3
        ? aggregator.closeInterval(
          elapsedSeconds: Double(interval + 1), intervalSeconds: 1, targetVUs: 10, activeVUs: 9 + interval % 2,
          inFlight: 3, targetRate: openModel ? 50 + Double(interval) : nil)
        : aggregator.closeDrain(elapsedSeconds: 3.25, intervalSeconds: 0.25, tickSeconds: 1)
      snapshots.append(snapshot)
      log += try HistogramLog.lines(for: try #require(aggregator.lastIntervalHistograms), tags: tags)
    }
    let summary = aggregator.summary(
      startedAt: started, loadDurationSeconds: 3, drainSeconds: 0.25, interrupted: false)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    try encoder.encode(info).write(to: dir.appendingPathComponent("run.json"))
    let lines = try snapshots.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }
    try lines.joined().write(to: dir.appendingPathComponent("snapshots.ndjson"), atomically: true, encoding: .utf8)
    try log.write(to: dir.appendingPathComponent("latency.hlog"), atomically: true, encoding: .utf8)
    return (dir, summary)
  }

  @Test(arguments: [false, true])
  func rebuiltSummaryEqualsTheOriginal(openModel: Bool) throws {
    let (dir, original) = try Self.makeRun(openModel: openModel)
    defer { try? FileManager.default.removeItem(at: dir) }
    let summaryJSON = try ReportWriter.summaryJSON(original)
    try summaryJSON.write(to: dir.appendingPathComponent("summary.json"))
    let inputs = try ReportRebuilder.rebuild(directory: dir)
    #expect(inputs.summary.requests.http3xx > 0)
    #expect(inputs.summary.statusCodes["503"] ?? 0 > 0)
    #expect((inputs.summary.service != nil) == openModel)
    #expect(inputs.snapshots.count == 4)
    #expect(
      String(decoding: try ReportWriter.summaryJSON(inputs.summary), as: UTF8.self)
        == String(decoding: summaryJSON, as: UTF8.self))
    #expect(inputs.latencyDistribution.last?.latencyMs == original.latency.max)
  }

  /// Without summary.json (a crash in the drain, or `--format` without json) everything the raw
  /// record holds is rebuilt; only the final reports' lists are missing.
  @Test func withoutSummaryEverythingButTheFinalReportsListsIsRebuilt() throws {
    let (dir, original) = try Self.makeRun(openModel: false)
    defer { try? FileManager.default.removeItem(at: dir) }
    let rebuilt = try ReportRebuilder.rebuild(directory: dir).summary
    #expect(!rebuilt.interrupted)
    #expect(rebuilt.errorDetails.isEmpty && rebuilt.checkDetails.isEmpty)
    // Compared as written: started_at is kept to the millisecond, as summary.json has it.
    #expect(try ReportWriter.summaryJSON(rebuilt) == (try ReportWriter.summaryJSON(original)))
    #expect(rebuilt.latency == original.latency)
    #expect(rebuilt.endpoints == original.endpoints)
  }

  @Test func aRunCutBeforeThePatternsEndIsInterrupted() throws {
    let (dir, _) = try Self.makeRun(openModel: false)
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("snapshots.ndjson")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    try (lines.prefix(2).joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    let inputs = try ReportRebuilder.rebuild(directory: dir)
    #expect(inputs.summary.interrupted)
    #expect(inputs.summary.loadDurationSeconds == 2)
    #expect(inputs.snapshots.count == 2)
  }

  @Test func aCrashMidLineKeepsEveryCompleteInterval() throws {
    let (dir, _) = try Self.makeRun(openModel: false)
    defer { try? FileManager.default.removeItem(at: dir) }
    // Cut both raw files inside their last record, as a kill -9 mid-write would.
    for name in ["snapshots.ndjson", "latency.hlog"] {
      let url = dir.appendingPathComponent(name)
      let text = try String(contentsOf: url, encoding: .utf8)
      try String(text.dropLast(40)).write(to: url, atomically: true, encoding: .utf8)
    }
    let inputs = try ReportRebuilder.rebuild(directory: dir)
    #expect(inputs.snapshots.count == 3)
    #expect(inputs.summary.requests.total == inputs.snapshots.reduce(0) { $0 + $1.requests })
    #expect(inputs.summary.loadDurationSeconds == 3)
    #expect(inputs.summary.drainSeconds == 0)
  }

  /// A damaged line before the last cannot be skipped (every later snapshot would be paired with
  /// the wrong interval of latency.hlog): the error names the file, the line and the fault.
  @Test func aDamagedLineInTheMiddleIsAPlainError() throws {
    let (dir, _) = try Self.makeRun(openModel: false)
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("snapshots.ndjson")
    var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    let whole = lines[1]
    lines[1] = "{\"phase\":\"load\",garbage"
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    #expect(
      throws: ResultsDirectoryError(
        operation: "read", path: url.path,
        reason: "line 2 is not valid JSON: the file was damaged or edited; "
          + "a truncated last line is skipped, a damaged one in the middle cannot be")
    ) {
      try ReportRebuilder.rebuild(directory: dir)
    }
    // JSON that is no snapshot names what is missing, in words without Swift's types.
    lines[1] = "{}"
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    do {
      _ = try ReportRebuilder.rebuild(directory: dir)
      Issue.record("a line without fields was read")
    } catch {
      let text = "\(error)"
      #expect(text.hasPrefix("cannot read \(url.path): line 2 is not a snapshot (no \""))
      #expect(!text.contains("DecodingError") && !text.contains("CodingKeys") && !text.contains("Debug"))
    }
    // The same line cut short as the last one (a kill mid-write) is skipped.
    lines[1] = String(whole.prefix(30))
    try lines.prefix(2).joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    #expect(try ReportRebuilder.rebuild(directory: dir).snapshots.count == 1)
  }

  @Test func missingRunJSONNamesTheFile() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect {
      try ReportRebuilder.rebuild(directory: dir)
    } throws: { error in
      "\(error)".contains("run.json")
    }
  }
}
