import Foundation
import Histogram
import LoadForgeMetrics

/// Rebuilds a run's `ReportInputs` from its results directory (`loadforge report RUN_DIR`),
/// also after the run was killed before writing `summary.json`.
///
/// Sources: `run.json` (names, plan order, start time), `snapshots.ndjson` (counts, errors, bytes,
/// checks, connections, exact per-interval min latency, load timeline) and `latency.hlog`
/// (per-interval histograms with their exact sums, status codes and `http_3xx` counts). Run
/// percentiles come from the merged interval histograms, never from averaged per-second values,
/// so the rebuilt summary equals the coordinator's field by field, except what only the workers'
/// final reports hold: `errors_detail` and `checks.details` are taken from `summary.json` when it
/// exists and are empty otherwise; `thresholds` likewise (else the caller's). After a crash the
/// run ends with the last interval present in both files, `interrupted` when that is before the
/// pattern's end.
public enum ReportRebuilder {
  /// Reads `directory` and rebuilds everything the reports render from.
  /// - Parameter thresholds: used when `summary.json` is missing (evaluated by the caller).
  /// - Throws: `ResultsDirectoryError` naming the file that is missing or unreadable.
  public static func rebuild(
    directory: URL, thresholds: ((Summary) -> [ThresholdResult])? = nil
  ) throws -> ReportInputs {
    let runInfo: RunInfo = try decode(directory, ResultsDirectory.runInfoFileName)
    let snapshots = try readSnapshots(directory.appendingPathComponent(ResultsDirectory.snapshotsFileName))
    let logURL = directory.appendingPathComponent(HistogramLog.fileName)
    let log: [HistogramLogLine]
    do {
      log = try HistogramLog.parse(try readText(logURL))
    } catch let error as HdrHistogramEncodingError {
      throw ResultsDirectoryError(operation: "read", path: logURL.path, reason: "\(error)")
    }
    let summaryURL = directory.appendingPathComponent(ResultsDirectory.summaryFileName)
    let original: Summary? =
      FileManager.default.fileExists(atPath: summaryURL.path)
      ? try decode(directory, ResultsDirectory.summaryFileName) : nil
    let (used, latency) = try rebuildTotals(runInfo: runInfo, snapshots: snapshots, log: log)
    var summary = try summary(runInfo: runInfo, snapshots: used, log: log, original: original)
    if original == nil, let thresholds { summary.thresholds = thresholds(summary) }
    return ReportInputs(
      runInfo: runInfo, summary: summary, snapshots: used,
      latencyDistribution: PercentilePoint.distribution(latency), thresholds: summary.thresholds)
  }

  /// The rebuilt summary (see the type's documentation).
  /// - Parameters:
  ///   - snapshots: in order; only as many as the log has intervals are used.
  ///   - log: `latency.hlog`'s lines.
  ///   - original: `summary.json` when it exists.
  /// - Throws: `ResultsDirectoryError` when a histogram has another layout than LoadForge's.
  public static func summary(
    runInfo: RunInfo, snapshots: [Snapshot], log: [HistogramLogLine], original: Summary?
  ) throws -> Summary {
    let intervals = Array(group(log).prefix(snapshots.count))
    let snapshots = Array(snapshots.prefix(intervals.count))
    let tags = HistogramLog.tags(for: runInfo.endpoints)
    let isOpen = snapshots.contains { $0.targetRate != nil }
    let load = snapshots.filter { $0.phase == .load }
    let loadDuration = load.last?.elapsedSeconds ?? 0
    let drain = snapshots.first { $0.phase == .drain }?.intervalSeconds ?? 0

    func merged(_ tag: String?, minMs: (Snapshot) -> Double?) throws -> (LatencyStats, Histogram<UInt64>) {
      var histogram = LatencyHistogram.make()
      var sum: UInt64 = 0
      for (interval, snapshot) in zip(intervals, snapshots) {
        guard let line = interval.line(tag), line.histogram.totalCount > 0 else { continue }
        let h = try histogramOf(line, minMicros: minMs(snapshot).map { UInt64(($0 * 1000).rounded()) })
        histogram.add(h)
        sum &+= line.sumMicros ?? 0
      }
      return (LatencyStats(histogram: histogram, sumMicros: sum), histogram)
    }
    func statusCodes(_ tag: String?) -> [String: Int] {
      var codes: [Int: Int] = [:]
      for interval in intervals {
        for (code, n) in interval.line(tag)?.statusCodes ?? [:] { codes[code, default: 0] += n }
      }
      return Dictionary(uniqueKeysWithValues: codes.map { (String($0.key), $0.value) })
    }

    var endpoints: [EndpointSummary] = []
    for (i, info) in runInfo.endpoints.enumerated() {
      let parts = snapshots.compactMap { i < $0.endpoints.count ? $0.endpoints[i] : nil }
      let requests = parts.reduce(0) { $0 + $1.requests }
      var checks = CheckCounts()
      for p in parts { checks.add(p.checks) }
      var endpoint = EndpointSummary(
        name: info.name, method: info.method, requests: requests, failed: parts.reduce(0) { $0 + $1.failed },
        rps: rate(requests, loadDuration),
        latency: try merged(tags[i]) { i < $0.endpoints.count ? $0.endpoints[i].latency.min : nil }.0,
        errors: sumErrors(parts.map(\.errors)), bytesReceived: parts.reduce(0) { $0 + $1.bytesReceived },
        statusCodes: statusCodes(tags[i]), checks: checks)
      if isOpen {
        endpoint.service = try merged("service/" + tags[i]) {
          i < $0.endpoints.count ? $0.endpoints[i].service?.min : nil
        }.0
      }
      endpoints.append(endpoint)
    }

    let total = snapshots.reduce(0) { $0 + $1.requests }
    let failed = snapshots.reduce(0) { $0 + $1.failed }
    var checks = CheckCounts()
    for s in snapshots { checks.add(s.checks) }
    let startedAt = runInfo.startedAt ?? original?.startedAt ?? Date(timeIntervalSince1970: 0)
    var summary = Summary(
      startedAt: startedAt, loadDurationSeconds: loadDuration, drainSeconds: drain,
      // As the coordinator decides it: the load phase ended before the pattern did (a stop, or
      // a crash; a crash during the drain leaves it false, as a stop there would).
      interrupted: loadDuration < runInfo.durationSeconds - 1e-6,
      requests: RequestTotals(
        total: total, succeeded: total - failed, failed: failed,
        http3xx: intervals.reduce(0) { $0 + ($1.line(nil)?.http3xx ?? 0) }),
      rps: rate(total, loadDuration), latency: try merged(nil) { $0.latency.min }.0,
      errors: sumErrors(snapshots.map(\.errors)), statusCodes: statusCodes(nil),
      connectionsOpened: snapshots.reduce(0) { $0 + $1.connectionsOpened },
      bytesReceived: snapshots.reduce(0) { $0 + $1.bytesReceived }, checks: checks,
      checkDetails: original?.checkDetails ?? [], endpoints: endpoints)
    summary.droppedIterations = snapshots.reduce(0) { $0 + $1.droppedIterations }
    summary.retried = snapshots.reduce(0) { $0 + $1.retried }
    summary.errorDetails = original?.errorDetails ?? []
    summary.maxDeviation = maxDeviation(load, isOpen: isOpen)
    summary.thresholds = original?.thresholds ?? []
    if isOpen {
      summary.service = try merged("service") { $0.service?.min }.0
      let started = snapshots.reduce(0) { total, s in
        let seconds = s.phase == .drain ? max(s.intervalSeconds, runInfo.tickSeconds) : s.intervalSeconds
        return total + Int(((s.achievedRate ?? 0) * seconds).rounded())
      }
      summary.scheduledIterations = started + summary.droppedIterations
    }
    return summary
  }

  /// The snapshots the log covers and the run's merged all-endpoints histogram (µs).
  static func rebuildTotals(
    runInfo: RunInfo, snapshots: [Snapshot], log: [HistogramLogLine]
  ) throws -> ([Snapshot], Histogram<UInt64>) {
    let intervals = Array(group(log).prefix(snapshots.count))
    var histogram = LatencyHistogram.make()
    for (interval, snapshot) in zip(intervals, snapshots) {
      guard let line = interval.line(nil), line.histogram.totalCount > 0 else { continue }
      histogram.add(try histogramOf(line, minMicros: UInt64((snapshot.latency.min * 1000).rounded())))
    }
    return (Array(snapshots.prefix(intervals.count)), histogram)
  }

  /// Same comparison as `MetricsAggregator.closeInterval`: the first largest gap wins.
  static func maxDeviation(_ load: [Snapshot], isOpen: Bool) -> LoadDeviation? {
    var best: LoadDeviation?
    for s in load where s.intervalSeconds > 0 {
      let d =
        isOpen
        ? LoadDeviation(
          value: abs((s.achievedRate ?? 0) - (s.targetRate ?? 0)), unit: "it/s", elapsedSeconds: s.elapsedSeconds)
        : LoadDeviation(value: abs(Double(s.activeVUs) - s.targetVUs), unit: "vus", elapsedSeconds: s.elapsedSeconds)
      if d.value > (best?.value ?? -1) { best = d }
    }
    return best
  }

  private static func histogramOf(_ line: HistogramLogLine, minMicros: UInt64?) throws -> Histogram<UInt64> {
    do {
      return try line.histogram.latencyHistogram(
        min: minMicros, max: UInt64((line.maxMilliseconds * 1000).rounded()))
    } catch {
      throw ResultsDirectoryError(operation: "read", path: HistogramLog.fileName, reason: "\(error)")
    }
  }

  private static func sumErrors(_ parts: [[String: Int]]) -> [String: Int] {
    var out: [String: Int] = [:]
    for outcome in RequestOutcome.failureClasses { out[outcome.rawValue] = 0 }
    for part in parts { for (k, v) in part { out[k, default: 0] += v } }
    return out
  }

  private static func rate(_ count: Int, _ seconds: Double) -> Double {
    seconds > 0 && seconds.isFinite ? Double(count) / seconds : 0
  }

  /// One interval of the log: its untagged line and its tagged ones.
  struct Interval {
    var all: HistogramLogLine
    var tagged: [String: HistogramLogLine] = [:]

    func line(_ tag: String?) -> HistogramLogLine? { tag.map { tagged[$0] } ?? all }
  }

  /// Lines grouped per interval: each untagged line starts one (tagged lines before the first
  /// are ignored).
  static func group(_ log: [HistogramLogLine]) -> [Interval] {
    var out: [Interval] = []
    for line in log {
      if let tag = line.tag {
        if !out.isEmpty { out[out.count - 1].tagged[tag] = line }
      } else {
        out.append(Interval(all: line))
      }
    }
    return out
  }

  /// Every complete line of `snapshots.ndjson`; a last line cut short by a crash (no newline
  /// after it) is ignored.
  /// - Throws: `ResultsDirectoryError` when the file cannot be read or a complete line is no
  ///   snapshot: skipping it would pair every later snapshot with the wrong interval of
  ///   `latency.hlog`, so the error names the line and what is wrong with it instead.
  static func readSnapshots(_ url: URL) throws -> [Snapshot] {
    let text = try readText(url)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { ($0 + 1, $1) }
    // What follows the last newline was never finished (each line is written with its newline).
    lines.removeLast()
    let decoder = JSONDecoder()
    return try lines.compactMap { number, line in
      if line.allSatisfy(\.isWhitespace) { return nil }
      do {
        return try decoder.decode(Snapshot.self, from: Data(line.utf8))
      } catch {
        throw ResultsDirectoryError(
          operation: "read", path: url.path,
          reason: "line \(number) is \(snapshotLineProblem(error)): the file was damaged or edited; "
            + "a truncated last line is skipped, a damaged one in the middle cannot be")
      }
    }
  }

  /// What is wrong with a `snapshots.ndjson` line that did not decode, in plain words:
  /// `not valid JSON`, `not a snapshot (no "elapsed_s")`.
  public static func snapshotLineProblem(_ error: any Error) -> String {
    func field(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
      let names = (path + (key.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }
      return "\"" + names.joined(separator: ".") + "\""
    }
    guard let decoding = error as? DecodingError else { return "not a snapshot" }
    switch decoding {
    case .dataCorrupted(let context) where context.codingPath.isEmpty:
      return "not valid JSON"
    case .dataCorrupted(let context):
      return "not a snapshot (\(field(context.codingPath)) has an invalid value)"
    case .keyNotFound(let key, let context):
      return "not a snapshot (no \(field(context.codingPath, key)))"
    case .typeMismatch(_, let context) where context.codingPath.isEmpty:
      return "not a snapshot (not a JSON object)"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "not a snapshot (\(field(context.codingPath)) has the wrong type)"
    @unknown default:
      return "not a snapshot"
    }
  }

  private static func readText(_ url: URL) throws -> String {
    do {
      return try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw ResultsDirectoryError(operation: "read", path: url.path, reason: (error as NSError).localizedDescription)
    }
  }

  private static func decode<T: Decodable>(_ directory: URL, _ name: String) throws -> T {
    let url = directory.appendingPathComponent(name)
    do {
      return try JSONDecoder().decode(T.self, from: try Data(contentsOf: url))
    } catch {
      throw ResultsDirectoryError(operation: "read", path: url.path, reason: "\(error)")
    }
  }
}
