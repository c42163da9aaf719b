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
    let (lines, warnings) = try snapshotLines(
      runDirectory.appendingPathComponent(ResultsDirectory.snapshotsFileName))
    let plan =
      loadPlan(runDirectory).map(DashboardPlan.init(load:))
      ?? DashboardPlan(runInfo: runInfo, snapshots: lines.map(\.snapshot))
    let summary = try summary(runDirectory, thresholds: thresholds)

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
    hub.finish(summaryJSON: encode(summary))
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

  /// Every line of `snapshots.ndjson` that is a snapshot, as written and decoded, and a warning
  /// for each other line but an unfinished last one.
  /// - Throws: `DashboardError` when the file cannot be read.
  static func snapshotLines(
    _ url: URL
  ) throws(DashboardError) -> (lines: [(json: String, snapshot: Snapshot)], warnings: [String]) {
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
    for (number, line) in lines.enumerated() {
      let json = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if json.isEmpty { continue }
      do {
        out.append((json, try decoder.decode(Snapshot.self, from: Data(json.utf8))))
      } catch {
        // One damaged line costs its second, not the replay: each line stands alone.
        let problem = ReportRebuilder.snapshotLineProblem(error)
        warnings.append(
          "\(ResultsDirectory.snapshotsFileName) line \(number + 1) is not a valid snapshot (skipped): \(problem)")
      }
    }
    let tail = unfinished.trimmingCharacters(in: .whitespacesAndNewlines)
    if !tail.isEmpty, let snapshot = try? decoder.decode(Snapshot.self, from: Data(tail.utf8)) {
      out.append((tail, snapshot))
    }
    return (out, warnings)
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

  /// `summary.json`, else the rebuilt summary, its thresholds evaluated by `thresholds`.
  static func summary(
    _ directory: URL, thresholds: ((Summary) -> [ThresholdResult])?
  ) throws(DashboardError) -> Summary {
    let url = directory.appendingPathComponent(ResultsDirectory.summaryFileName)
    if let data = try? Data(contentsOf: url), let summary = try? JSONDecoder().decode(Summary.self, from: data) {
      return summary
    }
    do {
      return try ReportRebuilder.rebuild(directory: directory, thresholds: thresholds).summary
    } catch {
      throw DashboardError("no summary for \(directory.path): \(error)")
    }
  }
}
