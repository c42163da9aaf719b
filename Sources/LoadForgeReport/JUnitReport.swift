import Foundation
import LoadForgeMetrics

/// The run's thresholds as JUnit XML (`loadforge run --junit FILE`), which CI systems (GitLab,
/// Jenkins, GitHub test reporters, Azure DevOps) show as test results: one `testsuite` named
/// `loadforge thresholds` holding one `testcase` per threshold, named as written in the config;
/// a failed one carries `<failure message="measured p95 412.5ms, limit 300ms" type="threshold">`.
///
/// Layout as the common JUnit schema (Ant's `junit` task, which the CI tools read): a
/// `testsuites` root with `tests`/`failures`/`errors`/`time`, `testsuite` with those plus
/// `skipped` and `timestamp` (ISO 8601 without zone, UTC), `testcase` with `classname` (the run's
/// name) and `time` 0 (a threshold is evaluated once over the whole run, which has the suite's
/// time). A run without thresholds gives an empty passing suite, so a CI step that reads the file
/// always finds one. Text is XML 1.0-escaped; characters XML 1.0 cannot hold become U+FFFD.
///
/// A run cut short (a signal, or an `abort_on_fail` threshold) says so where the schema allows
/// it and the CI tools show it: a `<property name="interrupted" value="run interrupted after
/// 3.2s of 30s"/>` in the suite's `<properties>` (before the testcases) and the same sentence
/// in the suite's `<system-out>` (after them), since its thresholds saw only part of the load.
public enum JUnitReport {
  /// The XML document, UTF-8 text ending with a newline.
  /// - Parameters:
  ///   - results: the evaluated thresholds, in order.
  ///   - runName: the plan's name (`classname` of every testcase).
  ///   - durationSeconds: the whole run, s (`Summary.durationSeconds`).
  ///   - startedAt: when the run started.
  ///   - interruption: for a run cut short, how long its load phase ran and was planned to run,
  ///     s (`Summary.loadDurationSeconds`, the plan's duration; nil when unknown); nil for a run
  ///     that finished.
  public static func xml(
    _ results: [ThresholdResult], runName: String, durationSeconds: Double, startedAt: Date,
    interruption: (afterSeconds: Double, plannedSeconds: Double?)? = nil
  ) -> String {
    let failures = results.count(where: { !$0.passed })
    let time = String(format: "%.3f", max(0, durationSeconds.isFinite ? durationSeconds : 0))
    let timestamp = startedAt.formatted(
      Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().dateTimeSeparator(.standard).time(
        includingFractionalSeconds: false))
    let counts = "tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\""
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<testsuites name=\"loadforge\" \(counts) time=\"\(time)\">\n"
    xml +=
      "  <testsuite name=\"loadforge thresholds\" \(counts) skipped=\"0\" time=\"\(time)\""
      + " timestamp=\"\(timestamp)\">\n"
    let interruptedText = interruption.map { interruptionText(afterSeconds: $0.afterSeconds, of: $0.plannedSeconds) }
    if let interruptedText {
      xml += "    <properties>\n"
      xml += "      <property name=\"interrupted\" value=\"\(escape(interruptedText))\"/>\n"
      xml += "    </properties>\n"
    }
    for result in results {
      let head = "    <testcase classname=\"\(escape(runName))\" name=\"\(escape(result.threshold))\" time=\"0\""
      guard !result.passed else {
        xml += head + "/>\n"
        continue
      }
      let message = failureMessage(result)
      var detail = "\(result.threshold): \(message)"
      if result.abortedRun { detail += "; it stopped the run (abort_on_fail)" }
      xml += head + ">\n"
      xml += "      <failure message=\"\(escape(message))\" type=\"threshold\">\(escape(detail))</failure>\n"
      xml += "    </testcase>\n"
    }
    if let interruptedText {
      xml += "    <system-out>\(escape(interruptedText)): the thresholds cover only that part</system-out>\n"
    }
    xml += "  </testsuite>\n</testsuites>\n"
    return xml
  }

  /// `run interrupted after 3.2s of 30s` (the durations as the terminal shows them); without a
  /// planned duration, `run interrupted after 3.2s`.
  static func interruptionText(afterSeconds: Double, of plannedSeconds: Double?) -> String {
    var text = "run interrupted after \(TerminalView.formatDuration(afterSeconds))"
    if let plannedSeconds, plannedSeconds > 0 { text += " of \(TerminalView.formatDuration(plannedSeconds))" }
    return text
  }

  /// `measured p95 412.5ms, limit 300ms`; `nothing measured (no complete response), limit 300ms`.
  static func failureMessage(_ result: ThresholdResult) -> String {
    let measured =
      result.measured == nil
      ? "nothing measured (\(TerminalView.measuredPhrase(result).replacingOccurrences(of: "n/a: ", with: "")))"
      : "measured \(TerminalView.measuredPhrase(result))"
    return "\(measured), limit \(limitText(result))"
  }

  /// The limit with its unit as a config writes it: `300ms`, `0.001ms`, `1%`, `100 req/s`.
  static func limitText(_ result: ThresholdResult) -> String {
    let v = result.limit
    let number =
      v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%g", v)
    return result.unit == "req/s" ? "\(number) req/s" : number + result.unit
  }

  /// `text` escaped for an XML 1.0 attribute value or element content (XML 1.0 §2.2, §2.4,
  /// §3.3.3): the five markup characters as entities, tab/newline/carriage return as character
  /// references (an attribute would otherwise normalise them to spaces), other characters
  /// outside `Char` as U+FFFD.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t": out += "&#9;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      default:
        let v = scalar.value
        let allowed = v >= 0x20 && v != 0xFFFE && v != 0xFFFF
        out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return out
  }
}
