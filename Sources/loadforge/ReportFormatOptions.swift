import ArgumentParser
import LoadForgeReport

/// `--format html,json,csv`: the derived outputs a run (or `loadforge report`) writes.
struct ReportFormatOptions: ParsableArguments {
  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(
      "Outputs to write: any of html, json, csv, comma-separated (default: all).",
      discussion: """
        html: report.html; json: summary.json; csv: snapshots.csv. The raw record (run.json, \
        plan.json, snapshots.ndjson, latency.hlog) is always written.
        """),
    transform: { text in
      guard let formats = ReportFormat.parseList(text) else {
        throw ValidationError("--format takes html, json and csv, comma-separated; got \"\(text)\"")
      }
      return formats
    })
  var formats: Set<ReportFormat> = Set(ReportFormat.allCases)
}
