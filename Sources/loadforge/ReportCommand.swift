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
    do {
      let inputs = try ReportRebuilder.rebuild(directory: directory) { summary in
        // No summary.json (the run was killed): evaluate plan.json's thresholds on the rebuild.
        ThresholdGate(thresholds: Self.planThresholds(directory)).results(for: summary)
      }
      let target = try ReportWriter.makeRegeneratedDirectory(in: directory, now: Date())
      try ReportWriter.write(inputs, formats: reportFormat.formats, to: target)
      print("report: \(target.path)")
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode.failure
    }
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
