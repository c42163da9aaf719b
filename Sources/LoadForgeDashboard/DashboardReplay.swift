import Foundation
import LoadForgeMetrics
import LoadForgePlan
import LoadForgeReport

/// `loadforge dashboard RUN_DIR`: a finished hub from a run's results directory, served like a
/// live run (`hello` in mode `replay`, the whole history as back-fill, then `final`).
///
/// Reads only `run.json`, `snapshots.ndjson`, `plan.json` (optional) and `summary.json` (else the
/// summary `ReportRebuilder` rebuilds from `snapshots.ndjson` and `latency.hlog`).
public enum DashboardReplay {
  /// The finished hub of `runDirectory`, and what was wrong with the directory but did not stop
  /// the replay.
  ///
  /// A last line of `snapshots.ndjson` that is not whole (a killed run) is skipped silently; any
  /// other line that is not a snapshot is skipped with a warning such as `snapshots.ndjson line 5
  /// is not a valid snapshot (skipped): not valid JSON`. Without a readable `plan.json`, `hello`'s
  /// plan is derived from `run.json` and the snapshots (`DashboardPlan(runInfo:snapshots:)`).
  /// - Parameter thresholds: when `summary.json` is missing, evaluates the plan's thresholds
  ///   against the rebuilt summary (the summary's `thresholds`), as
  ///   `ReportRebuilder.rebuild(directory:thresholds:)` does; nil leaves them empty.
  /// - Throws: `DashboardError` when `run.json` is missing (`not a LoadForge run directory (no
  ///   run.json): PATH`) or unreadable, when `snapshots.ndjson` is missing, and when there is
  ///   neither a readable `summary.json` nor what `ReportRebuilder` needs.
  public static func load(
    runDirectory: URL, thresholds: ((Summary) -> [ThresholdResult])?
  ) throws(DashboardError) -> (hub: DashboardHub, warnings: [String]) {
    let runURL = runDirectory.appendingPathComponent(ResultsDirectory.runInfoFileName)
    guard FileManager.default.fileExists(atPath: runURL.path) else {
      throw DashboardError(
        "not a LoadForge run directory (no \(ResultsDirectory.runInfoFileName)): \(runDirectory.path)")
    }
    let runInfo: RunInfo
    do {
      runInfo = try JSONDecoder().decode(RunInfo.self, from: Data(contentsOf: runURL))
    } catch {
      throw DashboardError("cannot read \(runURL.path): \(error)")
    }
    var (lines, skipped, warnings) = try snapshotLines(
      runDirectory.appendingPathComponent(ResultsDirectory.snapshotsFileName))
    let plan =
      loadPlan(runDirectory).map(DashboardPlan.init(load:))
      ?? DashboardPlan(runInfo: runInfo, snapshots: lines.map(\.snapshot))
    let summary = try summary(
      runDirectory, runInfo: runInfo, snapshots: lines.map(\.snapshot), skipped: skipped, thresholds: thresholds)
    if !skipped.isEmpty, summary.rebuilt {
      warnings.append("the summary, rebuilt without summary.json, leaves out the seconds of the skipped lines")
    }

    let encoder = DashboardMessage.encoder()
    func encode(_ value: some Encodable) -> String {
      (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
    let hub = DashboardHub(mode: .replay)
    hub.start(
      runJSON: encode(runInfo), startedAtMicros: runInfo.startedAt.map(DashboardMessage.runStartMicros),
      planJSON: encode(plan))
    for line in lines {
      hub.publish(snapshotJSON: line.json, elapsedSeconds: line.snapshot.elapsedSeconds)
    }
    hub.finish(summaryJSON: encode(summary.summary))
    return (hub, warnings)
  }

  /// `load(runDirectory:thresholds:)`'s hub, its warnings ignored.
  /// - Throws: `DashboardError` as `load(runDirectory:thresholds:)`.
  public static func hub(
    runDirectory: URL, thresholds: ((Summary) -> [ThresholdResult])?
  ) throws(DashboardError) -> DashboardHub {
    try load(runDirectory: runDirectory, thresholds: thresholds).hub
  }

  /// `hub(runDirectory:thresholds:)` without thresholds (a rebuilt summary has none).
  /// - Throws: `DashboardError` as `load(runDirectory:thresholds:)`.
  public static func hub(runDirectory: URL) throws(DashboardError) -> DashboardHub {
    try hub(runDirectory: runDirectory, thresholds: nil)
  }

  /// Every line of `snapshots.ndjson` that is a snapshot, as written and decoded; the positions
  /// (0-based, among the file's non-empty complete lines: the intervals of `latency.hlog`) of the
  /// others; a warning for each of them. An unfinished last line is neither.
  /// - Throws: `DashboardError` when the file cannot be read.
  static func snapshotLines(
    _ url: URL
  ) throws(DashboardError) -> (lines: [(json: String, snapshot: Snapshot)], skipped: Set<Int>, warnings: [String]) {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw DashboardError("cannot read \(url.path): \((error as NSError).localizedDescription)")
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    // Each line is written with its newline in one write(2): what follows the last newline is a
    // line a killed run did not finish (or nothing).
    let unfinished = lines.removeLast()
    let decoder = JSONDecoder()
    var out: [(json: String, snapshot: Snapshot)] = []
    var warnings: [String] = []
    var skipped = Set<Int>()
    var position = 0
    for (number, line) in lines.enumerated() {
      let json = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if json.isEmpty { continue }
      defer { position += 1 }
      do {
        out.append((json, try decoder.decode(Snapshot.self, from: Data(json.utf8))))
      } catch {
        // One damaged line costs its second, not the replay: each line stands alone.
        let problem = ReportRebuilder.snapshotLineProblem(error)
        skipped.insert(position)
        warnings.append(
          "\(ResultsDirectory.snapshotsFileName) line \(number + 1) is not a valid snapshot (skipped): \(problem)")
      }
    }
    let tail = unfinished.trimmingCharacters(in: .whitespacesAndNewlines)
    if !tail.isEmpty, let snapshot = try? decoder.decode(Snapshot.self, from: Data(tail.utf8)) {
      out.append((tail, snapshot))
    }
    return (out, skipped, warnings)
  }

  /// `plan.json`'s load (snake_case keys, as `loadforge plan --json` writes them); nil when the
  /// file is absent or does not read.
  static func loadPlan(_ directory: URL) -> LoadPlan? {
    struct PlanFile: Decodable { var load: LoadPlan }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    guard let data = try? Data(contentsOf: directory.appendingPathComponent(ResultsDirectory.planFileName)) else {
      return nil
    }
    return try? decoder.decode(PlanFile.self, from: data).load
  }

  /// `summary.json`, else the summary rebuilt from `snapshots` and `latency.hlog` without the
  /// intervals of the `skipped` lines (as `ReportRebuilder.rebuild(directory:thresholds:)` would
  /// with every line whole), its thresholds evaluated by `thresholds`.
  /// - Returns: the summary and whether it was rebuilt.
  static func summary(
    _ directory: URL, runInfo: RunInfo, snapshots: [Snapshot], skipped: Set<Int>,
    thresholds: ((Summary) -> [ThresholdResult])?
  ) throws(DashboardError) -> (summary: Summary, rebuilt: Bool) {
    let url = directory.appendingPathComponent(ResultsDirectory.summaryFileName)
    if let data = try? Data(contentsOf: url), let summary = try? JSONDecoder().decode(Summary.self, from: data) {
      return (summary, false)
    }
    do {
      guard !skipped.isEmpty else {
        return (try ReportRebuilder.rebuild(directory: directory, thresholds: thresholds).summary, true)
      }
      let logURL = directory.appendingPathComponent(HistogramLog.fileName)
      let text: String
      do {
        text = try String(contentsOf: logURL, encoding: .utf8)
      } catch {
        throw DashboardError("cannot read \(logURL.path): \((error as NSError).localizedDescription)")
      }
      let log = try HistogramLog.parse(text)
      // Interval k of the log (an untagged line and the tagged ones after it) is line k's.
      var interval = -1
      let kept = log.filter { line in
        if line.tag == nil { interval += 1 }
        return !skipped.contains(interval)
      }
      var summary = try ReportRebuilder.summary(runInfo: runInfo, snapshots: snapshots, log: kept, original: nil)
      if let thresholds { summary.thresholds = thresholds(summary) }
      return (summary, true)
    } catch {
      throw DashboardError("no summary for \(directory.path): \(error)")
    }
  }
}
