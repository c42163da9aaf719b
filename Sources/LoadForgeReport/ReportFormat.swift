import Foundation

/// A derived output of a run (`--format html,json,csv`); the raw record (`run.json`, `plan.json`,
/// `snapshots.ndjson`, `latency.hlog`) is always written.
public enum ReportFormat: String, CaseIterable, Sendable, Comparable {
  /// `report.html`, the self-contained HTML report.
  case html
  /// `summary.json` (`schemas/results.schema.json`).
  case json
  /// `snapshots.csv` (`schemas/snapshots-csv.md`).
  case csv

  /// The file each format writes.
  public var fileName: String {
    switch self {
    case .html: "report.html"
    case .json: "summary.json"
    case .csv: "snapshots.csv"
    }
  }

  /// Parses a comma-separated list such as `html,json` (case-insensitive, spaces ignored).
  /// - Returns: the formats, or nil when an entry is unknown or the list is empty.
  public static func parseList(_ text: String) -> Set<ReportFormat>? {
    var out: Set<ReportFormat> = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let name = part.trimmingCharacters(in: .whitespaces).lowercased()
      guard let format = ReportFormat(rawValue: name) else { return nil }
      out.insert(format)
    }
    return out.isEmpty ? nil : out
  }

  public static func < (a: ReportFormat, b: ReportFormat) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
