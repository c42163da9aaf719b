import Foundation
import LoadForgeMetrics

/// Writes a run's derived outputs (`ReportFormat`) from `ReportInputs`, at the end of a run and
/// in `loadforge report`; each file is created exclusively, so nothing is ever overwritten.
public enum ReportWriter {
  /// `summary.json`'s bytes: pretty-printed, keys sorted (a stable field order for diffs and
  /// golden tests), slashes unescaped, newline-terminated.
  /// - Throws: `EncodingError` (not expected for a `Summary`).
  public static func summaryJSON(_ summary: Summary) throws -> Data {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try e.encode(summary)
    data.append(0x0A)
    return data
  }

  /// Writes each of `formats` into `directory` (`ReportFormat.fileName`).
  /// - Returns: the files written, in `ReportFormat` order.
  /// - Throws: `ResultsDirectoryError` when a file exists already or cannot be written.
  @discardableResult
  public static func write(_ inputs: ReportInputs, formats: Set<ReportFormat>, to directory: URL) throws -> [URL] {
    var written: [URL] = []
    for format in formats.sorted() {
      let url = directory.appendingPathComponent(format.fileName)
      let data: Data
      switch format {
      case .json: data = try summaryJSON(inputs.summary)
      case .csv: data = Data(SnapshotsCSV.render(inputs.snapshots).utf8)
      case .html: data = Data(HTMLReport.render(inputs).utf8)
      }
      do {
        try data.write(to: url, options: .withoutOverwriting)
      } catch {
        throw ResultsDirectoryError(operation: "write", path: url.path, reason: (error as NSError).localizedDescription)
      }
      written.append(url)
    }
    return written
  }

  /// Creates `<runDirectory>/report-<yyyyMMdd-HHmmss>` (then `-2`, `-3`, … on a clash) for the
  /// outputs `loadforge report` regenerates, so the run's own files are never replaced.
  /// - Throws: `ResultsDirectoryError` when it cannot be created.
  public static func makeRegeneratedDirectory(in runDirectory: URL, now: Date, timeZone: TimeZone = .current) throws
    -> URL
  {
    let stamp = String(ResultsDirectory.directoryName(runName: "x", now: now, timeZone: timeZone).dropLast(2))
    var attempt = 1
    while true {
      let name = attempt == 1 ? "report-\(stamp)" : "report-\(stamp)-\(attempt)"
      let url = runDirectory.appendingPathComponent(name, isDirectory: true)
      if mkdir(url.path, 0o755) == 0 { return url }
      let err = errno
      guard err == EEXIST, attempt < 10_000 else {
        throw ResultsDirectoryError(
          operation: "create report directory", path: url.path, reason: String(cString: strerror(err)))
      }
      attempt += 1
    }
  }
}
