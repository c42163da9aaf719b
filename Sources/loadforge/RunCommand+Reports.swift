import ArgumentParser
import Foundation
import LoadForgeMetrics
import LoadForgeReport

extension RunCommand {
  /// Writes the derived outputs other than `summary.json` (which the results directory wrote as
  /// the run finished) into the run's directory.
  /// - Throws: `ExitCode.failure` after printing the error when a file cannot be written.
  func writeReports(_ results: ResultsDirectory, summary: Summary) throws {
    do {
      try ReportWriter.write(
        results.reportInputs(summary: summary, thresholds: summary.thresholds),
        formats: reportFormat.formats.subtracting([.json]), to: results.url)
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode.failure
    }
  }
}
