import Foundation
import LoadForgeMetrics

/// Pure text rendering for `TerminalView`: same input, same string (golden-tested).
extension TerminalView {
  /// `running NAME: PATTERN for DURATION, peak N VUs, W workers, E endpoints`; in the open
  /// model `…, peak R it/s, max N VUs, …`.
  public static func startLine(_ info: RunInfo) -> String {
    let endpoints = info.endpoints.count == 1 ? "1 endpoint" : "\(info.endpoints.count) endpoints"
    let workers = info.workers == 1 ? "1 worker" : "\(info.workers) workers"
    if let rate = info.peakRate {
      return "running \(info.name): \(info.pattern),"
        + " peak \(formatRate(rate)) it/s, max \(formatCount(info.peakVUs)) VUs, \(workers), \(endpoints)"
    }
    return "running \(info.name): \(info.pattern),"
      + " peak \(formatCount(info.peakVUs)) VUs, \(workers), \(endpoints)"
  }

  /// One line per snapshot, e.g.
  /// `  12s/30s  VUs 20/20  RPS 8123  p50 1.20ms  p95 3.40ms  p99 5.60ms  errors 0 (0.00%)`.
  /// Every number is the snapshot's interval (RPS, percentiles, errors of that second).
  /// - Parameter total: planned run length, s.
  ///
  /// Open model: `  12s/30s  it/s 199/200  dropped 0  VUs 3/20  RPS …`: the achieved and
  /// target iteration rate, the iterations dropped in the interval, busy VUs of the pool.
  public static func statusLine(_ s: Snapshot, total: Double) -> String {
    let elapsed = "\(Int(max(0, s.elapsedSeconds).rounded()))s/\(Int(max(0, total).rounded()))s"
    var load = ""
    if let target = s.targetRate {
      load = "  it/s \(formatRate(s.achievedRate ?? 0))/\(formatRate(target))  dropped \(s.droppedIterations)"
    }
    return "  \(elapsed)\(load)  VUs \(s.activeVUs)/\(formatCount(s.targetVUs))  RPS \(formatRate(s.rps))"
      + "  p50 \(latencyCell(s.latency.p50, of: s.latency))  p95 \(latencyCell(s.latency.p95, of: s.latency))"
      + "  p99 \(latencyCell(s.latency.p99, of: s.latency))  errors \(errorCell(failed: s.failed, total: s.requests))"
  }

  /// The notice that the load phase ended with requests in flight, e.g.
  /// `  finishing 4 in-flight requests (up to 5s)…`.
  /// - Parameter graceSeconds: the longest the drain can take, s.
  public static func drainNotice(inFlight: Int, graceSeconds: Double) -> String {
    let requests = inFlight == 1 ? "1 in-flight request" : "\(inFlight) in-flight requests"
    return "  finishing \(requests) (up to \(formatGrace(graceSeconds)))…"
  }

  /// The drain snapshot as one line, e.g. `  drain 1.2s: 4 finished, 0 aborted`, or
  /// `  drain 5.0s: 3 finished (1 failed), 1 aborted` when finished requests failed (timeouts,
  /// errors): "finished" counts every request that ended by itself, "aborted" the ones cut off.
  public static func drainLine(_ s: Snapshot) -> String {
    let aborted = s.errors[RequestOutcome.aborted.rawValue] ?? 0
    let finished = s.requests - aborted
    let failed = s.failed - aborted
    let failures = failed > 0 ? " (\(failed) failed)" : ""
    return "  drain \(formatSpan(s.intervalSeconds)): \(finished) finished\(failures), \(aborted) aborted"
  }

  /// The end-of-run report: a totals line (`1000 requests in 30.0s (+0.2s drain), 33.3 RPS, …`:
  /// the load phase, the drain after it, RPS over the load phase), a table with one row per endpoint and a TOTAL row
  /// (NAME, METHOD, REQS, RPS, P50, P90, P95, P99, MAX, ERRORS), errors by class, status codes, and,
  /// when any task had `expect` checks or captures, a checks line (`checks: 99.20% passed (12 failed)`)
  /// followed by one line per check (`checkDetailLines`), then the warnings (dropped
  /// iterations, every request failed).
  /// Text columns are left-aligned, numbers right-aligned. Ends with a newline.
  /// - Parameter info: the run's header; in the open model its peak rate and pool size turn a
  ///   dropped-iterations warning into advice (`droppedWarning`).
  public static func summaryTable(_ summary: Summary, info: RunInfo? = nil) -> String {
    var lines: [String] = []
    let r = summary.requests
    // The load phase and its RPS, as the rps denominator; the drain after it apart.
    let drain = summary.drainSeconds > 0 ? " (+\(formatSpan(summary.drainSeconds)) drain)" : ""
    var head =
      "\(r.total) requests in \(formatDuration(summary.loadDurationSeconds))\(drain),"
      + " \(formatRate(summary.rps)) RPS,"
      + " \(errorCell(failed: r.failed, total: r.total)) failed;"
      + " \(summary.connectionsOpened) \(summary.connectionsOpened == 1 ? "connection" : "connections") opened,"
      + " \(formatBytes(summary.bytesReceived)) received"
    if r.http3xx > 0 { head += "; \(r.http3xx) 3xx not followed" }
    if summary.retried > 0 {
      head += "; \(summary.retried) retried (sent again after a stale keep-alive connection)"
    }
    if summary.interrupted { head += " (interrupted)" }
    lines.append(head)
    lines.append("")

    let header = ["NAME", "METHOD", "REQS", "RPS", "P50", "P90", "P95", "P99", "MAX", "ERRORS"]
    func row(_ name: String, _ method: String, _ requests: Int, _ rps: Double, _ l: LatencyStats, _ failed: Int)
      -> [String]
    {
      [
        name, method, String(requests), formatRate(rps), latencyCell(l.p50, of: l), latencyCell(l.p90, of: l),
        latencyCell(l.p95, of: l), latencyCell(l.p99, of: l), latencyCell(l.max, of: l),
        errorCell(failed: failed, total: requests),
      ]
    }
    var rows = [header]
    for e in summary.endpoints {
      rows.append(row(e.name, e.method, e.requests, e.rps, e.latency, e.failed))
    }
    rows.append(row("TOTAL", "", r.total, summary.rps, summary.latency, r.failed))

    let leftAligned: Set<Int> = [0, 1]
    var widths = Array(repeating: 0, count: header.count)
    for cells in rows {
      for (i, cell) in cells.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    for cells in rows {
      var line = ""
      for (i, cell) in cells.enumerated() {
        if i > 0 { line += "  " }
        let padding = String(repeating: " ", count: widths[i] - cell.count)
        line += leftAligned.contains(i) ? cell + padding : padding + cell
      }
      while line.hasSuffix(" ") { line.removeLast() }
      lines.append(line)
    }

    lines.append("")
    lines += errorLines(summary)
    if !summary.statusCodes.isEmpty {
      let codes = summary.statusCodes.sorted { (Int($0.key) ?? 0, $0.key) < (Int($1.key) ?? 0, $1.key) }
      lines.append("status codes: " + codes.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
    if let checks = checksLine(summary.checks) {
      lines.append(checks)
      lines += checkDetailLines(summary.checkDetails)
    }
    lines += loadAccuracyLines(summary)
    if let warning = droppedWarning(summary, info: info) { lines.append(warning) }
    if let warning = everyRequestFailedWarning(summary) { lines.append(warning) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// When every request failed, a warning that says so plainly (the table only shows `-` for
  /// each latency), e.g. `warning: every request failed (connection_refused 142): no response
  /// was received from the server`; the last clause only when no response head arrived at all
  /// (no status code), as when nothing listens. Nil when a request succeeded or none was sent.
  /// The exit code stays 0 without a threshold: README's exit-code table says how to gate.
  static func everyRequestFailedWarning(_ summary: Summary) -> String? {
    let r = summary.requests
    guard r.total > 0, r.failed >= r.total else { return nil }
    let classes = RequestOutcome.failureClasses
      .map { ($0.rawValue, summary.errors[$0.rawValue] ?? 0) }
      .filter { $0.1 > 0 }
      .sorted { $0.1 > $1.1 }
      .map { "\($0.0) \($0.1)" }
    let counts = classes.isEmpty ? "" : " (\(classes.joined(separator: ", ")))"
    let cause = summary.statusCodes.isEmpty ? ": no response was received from the server" : ""
    return "warning: every request failed\(counts)\(cause)"
  }

  /// The failure classes that occurred, highest count first, then up to
  /// `reasonsShownPerClass` reasons of each with their counts, e.g.
  /// `errors by class: protocol_error 12, response_timeout 3` and
  /// `  protocol_error    12  invalid chunk size "5x"`. `errors by class: none` when nothing failed.
  static func errorLines(_ summary: Summary) -> [String] {
    let classes = RequestOutcome.failureClasses
      .map { ($0.rawValue, summary.errors[$0.rawValue] ?? 0) }
      .filter { $0.1 > 0 }
      .sorted { $0.1 > $1.1 }
    guard !classes.isEmpty else { return ["errors by class: none"] }
    var lines = ["errors by class: " + classes.map { "\($0.0) \($0.1)" }.joined(separator: ", ")]
    let nameWidth = classes.map(\.0.count).max() ?? 0
    let countWidth = summary.errorDetails.map { String($0.count).count }.max() ?? 0
    for (name, _) in classes {
      let reasons = summary.errorDetails.filter { $0.errorClass == name }
      for detail in reasons.prefix(reasonsShownPerClass) {
        let count = String(detail.count)
        lines.append(
          "  " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            + String(repeating: " ", count: countWidth - count.count) + count + "  " + detail.reason)
      }
      if reasons.count > reasonsShownPerClass {
        let rest = reasons.dropFirst(reasonsShownPerClass).reduce(0) { $0 + $1.count }
        lines.append(
          "  " + String(repeating: " ", count: nameWidth) + "  "
            + String(repeating: " ", count: max(0, countWidth - String(rest).count)) + "\(rest)  "
            + "(\(reasons.count - reasonsShownPerClass) more reasons in summary.json errors_detail)")
      }
    }
    return lines
  }

  /// Reasons listed under each failure class in the terminal summary (all are in summary.json).
  static let reasonsShownPerClass = 3

  /// The open model's service time and iterations, and the largest deviation from the pattern
  /// in either model, e.g. `service time (from send): p50 1.20ms  p95 …`,
  /// `iterations: 500 scheduled, 101 started, 399 dropped (79.80%)`, `max deviation: 2.5 it/s
  /// at 14s` (`max deviation: 0 (the number of active VUs always matched the pattern)` when
  /// the load always matched). Each only when known.
  static func loadAccuracyLines(_ summary: Summary) -> [String] {
    var lines: [String] = []
    if let s = summary.service {
      lines.append(
        "service time (from send): p50 \(latencyCell(s.p50, of: s))  p95 \(latencyCell(s.p95, of: s))"
          + "  p99 \(latencyCell(s.p99, of: s))  max \(latencyCell(s.max, of: s))"
          + "  (latency counts from each iteration's scheduled start)")
    }
    let dropped = summary.droppedIterations
    if let scheduled = summary.scheduledIterations {
      lines.append(
        "iterations: \(scheduled) scheduled, \(scheduled - dropped) started, \(dropped) dropped"
          + " (\(percent(dropped, of: scheduled)))")
    } else if summary.service != nil || dropped > 0 {
      // A summary.json written before scheduled_iterations existed.
      lines.append("dropped iterations: \(dropped)")
    }
    if let d = summary.maxDeviation {
      let value =
        d.unit == "vus" ? formatCount(d.value) + (d.value == 1 ? " VU" : " VUs") : formatRate(d.value) + " it/s"
      // A zero deviation happened everywhere; its time says nothing.
      let what = d.unit == "vus" ? "the number of active VUs" : "the rate of started iterations"
      lines.append(
        abs(d.value) < 0.05
          ? "max deviation: 0 (\(what) always matched the pattern)"
          : "max deviation: \(value) at \(formatSpan(d.elapsedSeconds))")
    }
    return lines
  }

  /// When the open model dropped iterations, a warning that says how many and what to do, e.g.
  /// `warning: 399 of 500 scheduled iterations (79.80%) were dropped: no free VU. max_vus 1 is
  /// too small for 50 it/s at a p95 latency of ~91 ms; try max_vus ≥ 5 (rate × iteration time,
  /// Little's law)`. The advice needs `info` (peak rate, pool) and a latency; it estimates an
  /// iteration's time as p95 latency × requests per started iteration, so it undercounts
  /// flows with think time. Nil when nothing was dropped.
  static func droppedWarning(_ summary: Summary, info: RunInfo?) -> String? {
    let dropped = summary.droppedIterations
    guard dropped > 0 else { return nil }
    let scheduled = summary.scheduledIterations ?? 0
    var line = "warning: \(dropped) iterations were dropped: no free VU."
    if scheduled > 0 {
      line =
        "warning: \(dropped) of \(scheduled) scheduled iterations (\(percent(dropped, of: scheduled)))"
        + " were dropped: no free VU."
    }
    let started = scheduled - dropped
    guard let info, let rate = info.peakRate, rate > 0, summary.latency.max > 0, started > 0 else {
      return line + " Raise max_vus or lower the rate."
    }
    let maxVUs = formatCount(info.peakVUs)
    let perIteration = Double(summary.requests.total) / Double(started)
    let iterationMillis = summary.latency.p95 * max(1, perIteration)
    let needed = Int((rate * iterationMillis / 1000).rounded(.up))
    let at =
      perIteration < 1.5
      ? "at a p95 latency of ~\(formatMillis(iterationMillis))"
      : "at ~\(formatMillis(iterationMillis)) per iteration (\(formatRate(perIteration)) requests at p95"
        + " \(formatMillis(summary.latency.p95)))"
    guard Double(needed) > info.peakVUs else {
      return line + " max_vus \(maxVUs) was too small at times for \(formatCount(rate)) it/s \(at);"
        + " latency spikes hold VUs longer: raise max_vus."
    }
    return line + " max_vus \(maxVUs) is too small for \(formatCount(rate)) it/s \(at);"
      + " try max_vus ≥ \(needed) (rate × iteration time, Little's law)"
  }

  /// `79.80%`: `part` as a share of `whole`, 2 decimals (0 % when `whole` is 0).
  static func percent(_ part: Int, of whole: Int) -> String {
    String(format: "%.2f%%", whole == 0 ? 0 : Double(part) * 100 / Double(whole))
  }

  /// One line per check (and capture), in plan order, as k6 lists its checks:
  /// `  ✗ item   status 2xx or 304   28 / 40   e.g. got 404` — `✓` when it never failed, `✗`
  /// with the first failure seen when it did, `-` when it was never evaluated (every request
  /// of the task failed before a response, or the task never ran). Columns aligned; counts are
  /// passed / evaluated. The example drops the check's own description (`CheckDetail.exampleReason`).
  static func checkDetailLines(_ details: [CheckDetail]) -> [String] {
    let counts = details.map { "\($0.passed) / \($0.total)" }
    let nameWidth = details.map(\.endpoint.count).max() ?? 0
    let checkWidth = details.map(\.check.count).max() ?? 0
    let countWidth = counts.map(\.count).max() ?? 0
    return zip(details, counts).map { detail, count in
      let mark = detail.failed > 0 ? "✗" : detail.total == 0 ? "-" : "✓"
      var line =
        "  \(mark) " + pad(detail.endpoint, to: nameWidth) + "  " + pad(detail.check, to: checkWidth) + "  "
        + String(repeating: " ", count: countWidth - count.count) + count
      if detail.failed > 0, let reason = detail.exampleReason {
        line += "   e.g. " + reason
      } else if detail.total == 0 {
        line += "   not evaluated"
      }
      return line
    }
  }

  /// `text` followed by spaces up to `width` characters.
  private static func pad(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  /// `checks: 99.20% passed (12 failed)`, nil when no check ran. The percentage is truncated, not
  /// rounded, so a single failure never shows as `100.00% passed`.
  static func checksLine(_ checks: CheckCounts) -> String? {
    guard checks.total > 0 else { return nil }
    let hundredths = checks.passed * 10_000 / checks.total
    let pct = "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))"
    return "checks: \(pct)% passed (\(checks.failed) failed)"
  }

  /// A percentile of `stats` for display, or `-` when no response completed (then every field
  /// of `stats` is 0, and `0.00ms` would claim an impossibly fast answer).
  static func latencyCell(_ ms: Double, of stats: LatencyStats) -> String {
    stats.max > 0 ? formatMillis(ms) : "-"
  }

  /// A latency in ms: 2 decimals below 10 ms (`1.23ms`), 1 below 1 s (`123.4ms`), else seconds
  /// with 2 decimals (`1.23s`). Chosen after rounding, so 9.999 ms shows as `10.0ms`, not `10.00ms`.
  public static func formatMillis(_ ms: Double) -> String {
    guard ms.isFinite else { return "-" }
    if ms < 9.995 { return String(format: "%.2fms", ms) }
    if ms < 999.95 { return String(format: "%.1fms", ms) }
    return String(format: "%.2fs", ms / 1000)
  }

  /// Requests per second: whole numbers from 100 up (`8123`), one decimal below (`33.3`).
  public static func formatRate(_ rps: Double) -> String {
    guard rps.isFinite else { return "-" }
    return rps >= 99.95 ? String(format: "%.0f", rps) : String(format: "%.1f", rps)
  }

  /// A duration: `12.5s` below a minute, then `2m05s`, then `1h02m05s` (whole seconds).
  public static func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "-" }
    if seconds < 59.95 { return String(format: "%.1fs", max(0, seconds)) }
    let total = Int(seconds.rounded())
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
    return h > 0 ? String(format: "%dh%02dm%02ds", h, m, s) : String(format: "%dm%02ds", m, s)
  }

  /// A short span of time: whole ms below 0.095 s (`30ms`), else as `formatDuration` (`0.2s`,
  /// `5.0s`), so a drain of a few ms does not read `0.0s`.
  public static func formatSpan(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "-" }
    if seconds < 0.095 { return String(format: "%.0fms", max(0, seconds) * 1000) }
    return formatDuration(seconds)
  }

  /// A configured grace period: whole seconds as such (`5s`), anything else as `formatSpan`.
  static func formatGrace(_ seconds: Double) -> String {
    if seconds >= 1, seconds < 60, seconds == seconds.rounded() { return "\(Int(seconds))s" }
    return formatSpan(seconds)
  }

  /// Bytes in decimal units: `512 B`, `1.5 kB`, `12.3 MB`, `4.20 GB`.
  public static func formatBytes(_ bytes: Int) -> String {
    let b = Double(bytes)
    if bytes < 1_000 { return "\(bytes) B" }
    if b < 999_950 { return String(format: "%.1f kB", b / 1e3) }
    if b < 999_950_000 { return String(format: "%.1f MB", b / 1e6) }
    return String(format: "%.2f GB", b / 1e9)
  }

  /// `3 (0.30%)`: failed requests and their share of `total` (0 % when there were none).
  static func errorCell(failed: Int, total: Int) -> String {
    let pct = total == 0 ? 0 : Double(failed) * 100 / Double(total)
    return "\(failed) (\(String(format: "%.2f", pct))%)"
  }

  /// A VU count or target: whole when it is one (`20`), else one decimal (`12.5`).
  static func formatCount(_ value: Double) -> String {
    guard value.isFinite else { return "-" }
    let rounded = value.rounded()
    return abs(value - rounded) < 0.05 ? String(Int(rounded)) : String(format: "%.1f", value)
  }
}
