import ArgumentParser
import Foundation
import LoadForgeMetrics
import LoadForgePlan
import LoadForgeReport

/// `loadforge report RUN_DIR`: regenerates a run's outputs from its raw record.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Regenerate a run's reports from its results directory.",
    discussion: """
      Rebuilds summary.json, snapshots.csv and report.html from the run's run.json, \
      snapshots.ndjson and latency.hlog, also after the run was killed before writing its \
      summary (then it covers every interval recorded, and is marked interrupted). The files go \
      to a new RUN_DIR/report-<timestamp> directory: nothing in the run's directory is replaced.
      """)

  @Argument(help: "The run's results directory (loadforge-results/<timestamp>-<name>).")
  var runDirectory: String

  @OptionGroup var reportFormat: ReportFormatOptions

  func run() throws {
    let directory = URL(fileURLWithPath: runDirectory, isDirectory: true)
    if let problem = Self.notARunDirectory(directory, as: runDirectory) {
      FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
      throw ExitCode.failure
    }
    do {
      let inputs = try ReportRebuilder.rebuild(directory: directory) { summary in
        // No summary.json (the run was killed): evaluate plan.json's thresholds on the rebuild.
        ThresholdGate(thresholds: Self.planThresholds(directory)).results(for: summary)
      }
      let target = try ReportWriter.makeRegeneratedDirectory(in: directory, now: Date())
      try ReportWriter.write(inputs, formats: reportFormat.formats, to: target)
      print("report: \(target.path)")
      print(Self.summaryLine(inputs))
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode.failure
    }
  }

  /// Why `directory` (spelled `shown` as the user typed it) is not a run's results directory,
  /// nil when it holds a `run.json`; names the run it most likely meant: the latest run
  /// directory inside it (a `loadforge-results` folder), in its parent (a typo), or the run a
  /// `report-*` folder was regenerated from.
  static func notARunDirectory(_ typed: URL, as shown: String) -> String? {
    let files = FileManager.default
    // `a//b/../c` → `a/c`, so the paths named read as the user's own.
    let directory = typed.standardizedFileURL
    guard !isRunDirectory(directory) else { return nil }
    var isDirectory: ObjCBool = false
    let exists = files.fileExists(atPath: directory.path, isDirectory: &isDirectory)
    var message =
      "\(shown) is not a LoadForge run directory ("
      + (!exists ? "no such directory" : isDirectory.boolValue ? "no run.json" : "not a directory") + ")"
    let parent = directory.deletingLastPathComponent()
    if exists, isRunDirectory(parent) {
      message += "; it is inside the run \(parent.path)"
    } else if exists, isDirectory.boolValue, let latest = latestRun(in: directory) {
      message += "; latest run here: \(latest.path)"
    } else if let latest = latestRun(in: parent) {
      message += "; latest run in \(parent.path): \(latest.path)"
    }
    return message
  }

  /// Whether `directory` holds a run's `run.json`.
  static func isRunDirectory(_ directory: URL) -> Bool {
    FileManager.default.fileExists(atPath: directory.appendingPathComponent(ResultsDirectory.runInfoFileName).path)
  }

  /// The run directory in `directory` whose name sorts last: names start with the run's local
  /// start time (`20261129-184543-quickstart`, `ResultsDirectory.directoryName`), so that is the
  /// latest. Nil when none holds a `run.json`.
  static func latestRun(in directory: URL) -> URL? {
    let entries = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
    return entries.filter(isRunDirectory).max { $0.lastPathComponent < $1.lastPathComponent }
  }

  /// One line on the rebuilt run, e.g. `run: 3878 requests, 0 (0.00%) failed, thresholds: all 2
  /// passed` or `run: 812 requests, 3 (0.37%) failed, no thresholds; interrupted after 3.0s of
  /// 30.0s`.
  static func summaryLine(_ inputs: ReportInputs) -> String {
    let summary = inputs.summary
    let r = summary.requests
    let results = inputs.thresholds
    let failed = results.count(where: { !$0.passed })
    let verdict =
      results.isEmpty
      ? "no thresholds"
      : failed == 0
        ? "thresholds: \(results.count == 1 ? "passed" : "all \(results.count) passed")"
        : "thresholds: \(failed) of \(results.count) failed"
    let percent = r.total == 0 ? 0 : Double(r.failed) * 100 / Double(r.total)
    var line = "run: \(r.total) requests, \(r.failed) (\(String(format: "%.2f", percent))%) failed, \(verdict)"
    if summary.interrupted {
      line += "; interrupted after \(TerminalView.formatDuration(summary.loadDurationSeconds))"
      if inputs.runInfo.durationSeconds > 0 {
        line += " of \(TerminalView.formatDuration(inputs.runInfo.durationSeconds))"
      }
    }
    return line
  }

  /// `thresholds` of the run's `plan.json` (empty when absent or unreadable).
  static func planThresholds(_ directory: URL) -> [ThresholdPlan] {
    struct Thresholds: Decodable { var thresholds: [ThresholdPlan]? }
    let url = directory.appendingPathComponent(ResultsDirectory.planFileName)
    // plan.json's keys are snake_case (`Plan.jsonEncoder`).
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    guard let data = try? Data(contentsOf: url), let plan = try? decoder.decode(Thresholds.self, from: data)
    else { return [] }
    return plan.thresholds ?? []
  }
}
