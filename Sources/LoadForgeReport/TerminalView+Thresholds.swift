import LoadForgeMetrics

extension TerminalView {
  /// The thresholds block under the summary table: one line per threshold, its source padded to
  /// a common width and the measured value next to it, then the verdict, e.g.
  ///
  ///     ✓ http_req_duration.p95 < 300ms  p95 212.4ms
  ///     ✗ error_rate < 1%                3.20%
  ///     thresholds: 1 of 2 failed
  ///
  /// A threshold that stopped the run ends in `(stopped the run)`; one with nothing measured
  /// says why (`n/a: no complete response`). Empty when there are no thresholds. Ends with a
  /// newline unless empty.
  public static func thresholdLines(_ results: [ThresholdResult]) -> String {
    guard !results.isEmpty else { return "" }
    let width = results.map(\.threshold.count).max() ?? 0
    var lines: [String] = []
    for result in results {
      let padding = String(repeating: " ", count: width - result.threshold.count)
      var line = (result.passed ? "✓ " : "✗ ") + result.threshold + padding + "  " + measuredPhrase(result)
      if result.abortedRun { line += "  (stopped the run)" }
      lines.append(line)
    }
    let failed = results.count(where: { !$0.passed })
    lines.append(
      failed == 0
        ? "thresholds: \(results.count == 1 ? "passed" : "all \(results.count) passed")"
        : "thresholds: \(failed) of \(results.count) failed")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The measured value of `result` as a threshold line shows it: `p95 212.4ms` for a latency,
  /// `3.20%`, `523 req/s`, or `n/a: <why>` when nothing was measured.
  public static func measuredPhrase(_ result: ThresholdResult) -> String {
    guard result.measured != nil else {
      switch result.metric {
      case "http_req_duration": return "n/a: no complete response"
      case "error_rate": return "n/a: no request"
      case "checks": return "n/a: no check ran"
      default: return result.measuredText
      }
    }
    guard let statistic = result.statistic else { return result.measuredText }
    return "\(statistic) \(result.measuredText)"
  }
}
