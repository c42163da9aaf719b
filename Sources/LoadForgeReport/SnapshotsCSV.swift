import Foundation
import LoadForgeMetrics

/// `snapshots.csv`: one row per snapshot (one per second of the load phase, then the drain's),
/// for spreadsheets and scripts; columns in the fixed order of `columns`, documented in
/// `schemas/snapshots-csv.md`. RFC 4180: a header row, CRLF line ends, a field quoted (quotes
/// doubled) when it holds a comma, quote, CR or LF. Numbers use `.` and no exponent; an empty
/// field means "not applicable" (open-model columns in a closed-model run, `open_fds` unknown).
public enum SnapshotsCSV {
  /// The header row, in order.
  public static let columns: [String] =
    [
      "elapsed_s", "phase", "interval_s", "target_vus", "active_vus", "in_flight", "requests", "failed", "rps",
      "p50_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms", "mean_ms", "min_ms",
    ] + RequestOutcome.failureClasses.map(\.rawValue)
    + [
      "connections_opened", "bytes_received", "checks_passed", "checks_failed", "retried", "dropped_iterations",
      "open_fds", "target_rate", "achieved_rate", "service_p50_ms", "service_p99_ms",
    ]

  /// The whole file.
  public static func render(_ snapshots: [Snapshot]) -> String {
    var out = columns.map(field).joined(separator: ",") + "\r\n"
    for s in snapshots {
      var row: [String] = [
        number(s.elapsedSeconds), s.phase.rawValue, number(s.intervalSeconds), number(s.targetVUs),
        String(s.activeVUs), String(s.inFlight), String(s.requests), String(s.failed), number(s.rps),
        number(s.latency.p50), number(s.latency.p90), number(s.latency.p95), number(s.latency.p99),
        number(s.latency.p999), number(s.latency.max), number(s.latency.mean), number(s.latency.min),
      ]
      row += RequestOutcome.failureClasses.map { String(s.errors[$0.rawValue] ?? 0) }
      row += [
        String(s.connectionsOpened), String(s.bytesReceived), String(s.checks.passed), String(s.checks.failed),
        String(s.retried), String(s.droppedIterations), s.openFileDescriptors.map(String.init) ?? "",
        s.targetRate.map(number) ?? "", s.achievedRate.map(number) ?? "", s.service.map { number($0.p50) } ?? "",
        s.service.map { number($0.p99) } ?? "",
      ]
      out += row.map(field).joined(separator: ",") + "\r\n"
    }
    return out
  }

  /// RFC 4180 §2: quoted when it holds a comma, a double quote, CR or LF; quotes doubled.
  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A whole number without decimals, else up to 6 decimals without trailing zeros (µs precision
  /// for ms values), never in exponent notation.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
