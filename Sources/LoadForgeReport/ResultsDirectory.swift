import Foundation
import Histogram
import LoadForgeMetrics

#if canImport(Glibc)
  import Glibc
#endif

/// One run's results directory, `<root>/<yyyyMMdd-HHmmss>-<slug>` (DESIGN §5):
///
/// - `plan.json`: the compiled plan (`writePlanJSON(_:)`);
/// - `run.json`: `RunInfo`, written at `runStarted`;
/// - `snapshots.ndjson`: one `Snapshot` JSON object per line, each line written with its own
///   `write(2)` as it arrives, so after a crash every finished second is on disk;
/// - `latency.hlog`: every interval's latency histograms in HdrHistogram's log format
///   (`HistogramLog`), appended with one `write(2)` per interval like the snapshots;
/// - `summary.json`: `Summary`, pretty-printed with sorted keys, written at `runFinished`
///   (`schemas/results.schema.json`) unless `--format` leaves out `json`.
///
/// `snapshots.ndjson`, `latency.hlog`, `run.json` and `plan.json` are the run's raw record and are
/// always written: `loadforge report` rebuilds every other output from them (`ReportRebuilder`).
///
/// An existing directory is never reused or overwritten: a clash gets `-2`, `-3`, … appended.
/// As a `SnapshotObserver` it cannot throw; the first write error is kept in `firstError`
/// and later writes are still attempted.
public final class ResultsDirectory: SnapshotObserver {
  public static let planFileName = "plan.json"
  public static let runInfoFileName = "run.json"
  public static let snapshotsFileName = "snapshots.ndjson"
  public static let summaryFileName = "summary.json"
  public static let histogramLogFileName = HistogramLog.fileName

  /// The run's directory.
  public let url: URL
  /// The first error met while writing, if any (observer methods cannot throw).
  public private(set) var firstError: ResultsDirectoryError?

  /// Whether `runFinished` writes `summary.json` (`--format` with `json`).
  public var writesSummary = true
  /// `run.json` as `runStarted` received it.
  public private(set) var runInfo: RunInfo?
  /// Every snapshot received, in order.
  public private(set) var snapshotsSeen: [Snapshot] = []
  /// Every interval's all-endpoints latency histogram merged (µs), for the percentile curve.
  public private(set) var runLatency = LatencyHistogram.make()

  private let snapshots: FileHandle
  private var snapshotsOpen = true
  private let lineEncoder: JSONEncoder
  private let histogramLog: FileHandle
  private var histogramTags: [String] = []

  private init(url: URL, snapshots: FileHandle, histogramLog: FileHandle) {
    self.url = url
    self.snapshots = snapshots
    self.histogramLog = histogramLog
    lineEncoder = JSONEncoder()
    lineEncoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  }

  deinit {
    if snapshotsOpen {
      try? snapshots.close()
      try? histogramLog.close()
    }
  }

  /// Creates a new, empty results directory (and `root` if needed) and an empty `snapshots.ndjson`.
  /// - Parameters:
  ///   - root: parent directory, e.g. `./loadforge-results`.
  ///   - runName: the test's name; reduced to a slug (`slug(_:)`).
  ///   - now: the timestamp in the name.
  ///   - timeZone: zone of the timestamp (default: the machine's, as people read it).
  /// - Throws: `ResultsDirectoryError` when a directory or file cannot be created.
  public static func create(
    root: URL, runName: String, now: Date, timeZone: TimeZone = .current
  ) throws -> ResultsDirectory {
    try makeDirectories(root.path)
    let base = directoryName(runName: runName, now: now, timeZone: timeZone)
    var attempt = 1
    while true {
      let name = attempt == 1 ? base : "\(base)-\(attempt)"
      let dir = root.appendingPathComponent(name, isDirectory: true)
      // mkdir(2) is atomic: of two runs racing for a name, exactly one gets EEXIST.
      if mkdir(dir.path, 0o755) == 0 {
        return try open(dir, now: now)
      }
      let err = errno
      guard err == EEXIST, attempt < 10_000 else {
        throw ResultsDirectoryError(
          operation: "create results directory", path: dir.path, reason: String(cString: strerror(err)))
      }
      attempt += 1
    }
  }

  private static func open(_ dir: URL, now: Date) throws -> ResultsDirectory {
    func create(_ name: String, _ contents: Data?) throws -> FileHandle {
      let path = dir.appendingPathComponent(name).path
      guard FileManager.default.createFile(atPath: path, contents: contents),
        let handle = FileHandle(forWritingAtPath: path)
      else {
        throw ResultsDirectoryError(operation: "create", path: path, reason: String(cString: strerror(errno)))
      }
      _ = try? handle.seekToEnd()
      return handle
    }
    let snapshots = try create(snapshotsFileName, nil)
    // The log's timestamps count from the directory's creation, a few ms before the first tick.
    let log = try create(histogramLogFileName, Data(HistogramLog.header(startTime: now).utf8))
    return ResultsDirectory(url: dir, snapshots: snapshots, histogramLog: log)
  }

  /// `<yyyyMMdd-HHmmss>-<slug>` for `now` in `timeZone`.
  public static func directoryName(runName: String, now: Date, timeZone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
    func pad(_ v: Int?, _ width: Int) -> String {
      let s = String(v ?? 0)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    let stamp =
      pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "-" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2)
    return "\(stamp)-\(slug(runName))"
  }

  /// A file-name-safe form of a run name: ASCII letters and digits lowercased, every other run of
  /// characters one `-`, no leading or trailing `-`, at most 48 characters; `run` if nothing is left.
  public static func slug(_ name: String) -> String {
    var out = ""
    var pendingDash = false
    for scalar in name.unicodeScalars {
      let isAlnum = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
      if isAlnum {
        if pendingDash && !out.isEmpty { out.append("-") }
        pendingDash = false
        out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        if out.count >= 48 { break }
      } else {
        pendingDash = true
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "run" : out
  }

  public var planURL: URL { url.appendingPathComponent(Self.planFileName) }
  public var runInfoURL: URL { url.appendingPathComponent(Self.runInfoFileName) }
  public var snapshotsURL: URL { url.appendingPathComponent(Self.snapshotsFileName) }
  public var summaryURL: URL { url.appendingPathComponent(Self.summaryFileName) }
  public var histogramLogURL: URL { url.appendingPathComponent(Self.histogramLogFileName) }

  /// Writes the compiled plan (already encoded; secrets masked by the caller) to `plan.json`.
  /// - Throws: `ResultsDirectoryError` when the file cannot be written.
  public func writePlanJSON(_ data: Data) throws {
    try writeFile(data, to: planURL)
  }

  public func runStarted(_ info: RunInfo) {
    runInfo = info
    histogramTags = HistogramLog.tags(for: info.endpoints)
    keep { try writeFile(try Self.prettyEncoder().encode(info), to: runInfoURL) }
  }

  public func record(_ snapshot: Snapshot) {
    guard snapshotsOpen else { return }
    snapshotsSeen.append(snapshot)
    keep {
      var line: Data
      do {
        line = try lineEncoder.encode(snapshot)
      } catch {
        throw ResultsDirectoryError(operation: "encode snapshot for", path: snapshotsURL.path, reason: "\(error)")
      }
      line.append(0x0A)
      do {
        try snapshots.write(contentsOf: line)
      } catch {
        throw ResultsDirectoryError(operation: "append to", path: snapshotsURL.path, reason: Self.reason(error))
      }
    }
  }

  public func recordHistograms(_ histograms: IntervalHistograms) {
    guard snapshotsOpen else { return }
    if histograms.all.latency.totalCount > 0 { runLatency.add(histograms.all.latency) }
    keep {
      let text: String
      do {
        text = try HistogramLog.lines(for: histograms, tags: histogramTags)
      } catch {
        throw ResultsDirectoryError(operation: "encode histograms for", path: histogramLogURL.path, reason: "\(error)")
      }
      do {
        try histogramLog.write(contentsOf: Data(text.utf8))
      } catch {
        throw ResultsDirectoryError(operation: "append to", path: histogramLogURL.path, reason: Self.reason(error))
      }
    }
  }

  public func runFinished(_ summary: Summary) {
    if snapshotsOpen {
      snapshotsOpen = false
      try? snapshots.close()
      try? histogramLog.close()
    }
    guard writesSummary else { return }
    keep { try writeFile(try ReportWriter.summaryJSON(summary), to: summaryURL) }
  }

  /// What the reports render from, at the end of the run: this directory's run info, snapshots
  /// and merged histogram with the coordinator's `summary`.
  /// - Precondition: `runStarted` was called.
  public func reportInputs(summary: Summary, thresholds: [ThresholdResult] = []) -> ReportInputs {
    ReportInputs(
      runInfo: runInfo!, summary: summary, snapshots: snapshotsSeen,
      latencyDistribution: PercentilePoint.distribution(runLatency), thresholds: thresholds)
  }

  private static func prettyEncoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return e
  }

  /// Whole-file writes go through a temporary file and a rename, so a reader never sees half a file.
  private func writeFile(_ data: Data, to file: URL) throws {
    var contents = data
    if contents.last != 0x0A { contents.append(0x0A) }
    do {
      try contents.write(to: file, options: .atomic)
    } catch {
      throw ResultsDirectoryError(operation: "write", path: file.path, reason: Self.reason(error))
    }
  }

  private func keep(_ body: () throws -> Void) {
    do {
      try body()
    } catch let error as ResultsDirectoryError {
      if firstError == nil { firstError = error }
    } catch {
      if firstError == nil {
        firstError = ResultsDirectoryError(operation: "write", path: url.path, reason: "\(error)")
      }
    }
  }

  /// `mkdir -p` with mkdir(2), so a failure names the system's reason ("Not a directory",
  /// "Permission denied") rather than a Foundation error number.
  static func makeDirectories(_ path: String) throws {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      prefix += "/" + component
      if mkdir(prefix, 0o755) == 0 { continue }
      let err = errno
      var status = stat()
      if err == EEXIST, stat(prefix, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { continue }
      throw ResultsDirectoryError(
        operation: "create results root", path: path,
        reason: err == EEXIST ? "\(prefix) is not a directory" : String(cString: strerror(err)))
    }
  }

  private static func reason(_ error: any Error) -> String {
    if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(posix.code)))
    }
    return (error as NSError).localizedDescription
  }
}
