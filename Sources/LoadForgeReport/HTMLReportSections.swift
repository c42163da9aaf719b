import LoadForgeMetrics

/// The HTML of each section of the report (the charts' `<div>`s are filled by Plotly when the
/// page opens; everything else is static HTML, readable without JavaScript).
enum HTMLReportSections {
  typealias F = HTMLReportFormat

  /// Section ids, in page order; the navigation bar links to each.
  static let ids: [(id: String, title: String)] = [
    ("summary", "Summary"), ("throughput", "Throughput"), ("latency", "Latency over time"),
    ("distribution", "Latency distribution"), ("endpoints", "By endpoint"), ("errors", "Errors"),
    ("users", "Users"), ("raw-data", "Per-second data"), ("glossary", "Words used"),
  ]

  // MARK: - Summary

  static func summary(_ inputs: ReportInputs) -> String {
    let s = inputs.summary
    var html = "<section id=\"summary\" class=\"card\">\n"
    html += verdict(inputs)
    if s.interrupted {
      html +=
        "<p class=\"note warn\">The test was stopped before its planned end: it ran "
        + F.duration(s.loadDurationSeconds) + " of " + F.duration(inputs.runInfo.durationSeconds) + ".</p>\n"
    }
    let rate = s.requests.failureRate
    let kpis: [(String, String, String, String)] = [
      ("Duration", F.duration(s.loadDurationSeconds), "sending requests" + drainNote(s), ""),
      ("Requests", F.count(s.requests.total), F.count(s.requests.failed) + " failed", ""),
      ("Throughput", F.rate(s.rps) + " req/s", "average requests per second", ""),
      ("Error rate", F.percent(rate), "share of requests that failed", rate > 0 ? "bad" : "good"),
      ("Latency p50", F.ms(s.latency.p50), "half of requests were faster", ""),
      ("Latency p95", F.ms(s.latency.p95), "95 in 100 were faster", ""),
      ("Latency p99", F.ms(s.latency.p99), "99 in 100 were faster", ""),
      ("Slowest", F.ms(s.latency.max), "the single slowest request", ""),
    ]
    html += "<div class=\"kpis\">\n"
    for (label, value, sub, tone) in kpis {
      html += "<div class=\"kpi \(tone)\"><div class=\"kpi-label\">\(F.escape(label))</div>"
      html += "<div class=\"kpi-value\">\(F.escape(value))</div><div class=\"kpi-sub\">\(F.escape(sub))</div></div>\n"
    }
    html += "</div>\n"
    if !inputs.thresholds.isEmpty { html += thresholdTable(inputs.thresholds) }
    html += runDetails(inputs)
    html += "</section>\n"
    return html
  }

  static func drainNote(_ s: Summary) -> String {
    s.drainSeconds > 0 ? ", then " + F.duration(s.drainSeconds) + " to finish" : ""
  }

  static func verdict(_ inputs: ReportInputs) -> String {
    let t = inputs.thresholds
    let failed = t.filter { !$0.passed }
    let (tone, badge, headline, detail): (String, String, String, String)
    if t.isEmpty {
      tone = "none"
      badge = "NO VERDICT"
      headline = "No thresholds set"
      detail =
        "This test has no pass/fail rules, so the numbers below are not judged. Add a [thresholds] table to the test "
        + "file, e.g. \"http_req_duration.p95\" = \"< 300ms\" or error_rate = \"< 1%\", to get a verdict."
    } else if failed.isEmpty {
      tone = "pass"
      badge = "PASSED"
      headline = t.count == 1 ? "The threshold passed" : "All \(t.count) thresholds passed"
      detail = "Every pass/fail rule of the test held: " + t.map(\.threshold).joined(separator: "; ") + "."
    } else {
      tone = "fail"
      badge = "FAILED"
      headline = "\(failed.count) of \(t.count) thresholds failed"
      var text = failed.map { "\($0.threshold) (measured \($0.measuredText))" }.joined(separator: "; ")
      if let stopper = t.first(where: \.abortedRun) { text += ". The run was stopped early by " + stopper.threshold }
      detail = "Not met: " + text + "."
    }
    return "<div class=\"verdict \(tone)\" id=\"verdict\"><span class=\"badge\">\(badge)</span><div>"
      + "<div class=\"verdict-title\">\(F.escape(headline))</div><div class=\"verdict-detail\">\(F.escape(detail))</div>"
      + "</div></div>\n"
  }

  static func thresholdTable(_ thresholds: [ThresholdResult]) -> String {
    var html = "<h3>Thresholds</h3>\n<div class=\"table-wrap\"><table class=\"thresholds\">\n"
    html += "<thead><tr><th>Rule</th><th class=\"num\">Measured</th><th>Result</th></tr></thead><tbody>\n"
    for t in thresholds {
      let result = t.passed ? "<span class=\"ok\">✔ pass</span>" : "<span class=\"bad\">✘ fail</span>"
      let extra = t.abortedRun ? " (stopped the run)" : ""
      html += "<tr><td><code>\(F.escape(t.threshold))</code></td><td class=\"num\">\(F.escape(t.measuredText))</td>"
      html += "<td>\(result)\(F.escape(extra))</td></tr>\n"
    }
    return html + "</tbody></table></div>\n"
  }

  static func runDetails(_ inputs: ReportInputs) -> String {
    let info = inputs.runInfo
    let s = inputs.summary
    let open = HTMLReportFigures.isOpenModel(inputs)
    var rows: [(String, String)] = [
      ("Load pattern", info.pattern),
      (
        "Model",
        open
          ? "open (arrival rate): new iterations start on a schedule, whether or not earlier ones finished"
          : "closed (virtual users): each user sends its next request after the previous one finished"
      ),
      ("Started", F.timestamp(s.startedAt)),
      ("Planned duration", F.duration(info.durationSeconds)),
      (open ? "Peak rate / VU pool" : "Peak virtual users", peakText(info)),
      ("Worker processes", String(info.workers)),
      ("Connections opened", F.count(s.connectionsOpened)),
      ("Data received", F.bytes(s.bytesReceived)),
    ]
    if s.checks.passed + s.checks.failed > 0 {
      rows.append(("Checks", "\(F.count(s.checks.passed)) passed, \(F.count(s.checks.failed)) failed"))
    }
    if s.droppedIterations > 0 { rows.append(("Dropped iterations", F.count(s.droppedIterations))) }
    var html = "<h3>About this run</h3>\n<dl class=\"details\">\n"
    for (k, v) in rows { html += "<div><dt>\(F.escape(k))</dt><dd>\(F.escape(v))</dd></div>\n" }
    return html + "</dl>\n"
  }

  static func peakText(_ info: RunInfo) -> String {
    let vus = F.count(Int(info.peakVUs.rounded()))
    guard let rate = info.peakRate else { return vus }
    return F.rate(rate) + " iterations/s, up to " + vus + " VUs"
  }

  // MARK: - Charts

  /// A chart section: title, one-line explanation, the chart's element, and what follows it.
  static func chart(
    id: String, title: String, explanation: String, figure: HTMLReportFigure, after: String = ""
  ) -> String {
    var html = "<section id=\"\(id)\" class=\"card\">\n<h2>\(F.escape(title))</h2>\n"
    html += "<p class=\"explain\">\(F.escape(explanation))</p>\n"
    html += "<div id=\"chart-\(figure.id)\" class=\"chart\" data-figure=\"figure-\(figure.id)\""
    html += figure.isTimeSeries ? " data-timeseries=\"true\"" : ""
    html += " role=\"img\" aria-label=\"\(F.escape(title)) chart\"></div>\n"
    return html + after + "</section>\n"
  }

  static func distributionNote(_ inputs: ReportInputs) -> String {
    let l = inputs.summary.latency
    return "<p class=\"note\">Fastest " + F.escape(F.ms(l.min)) + " · median " + F.escape(F.ms(l.p50)) + " · p99.9 "
      + F.escape(F.ms(l.p999)) + " · slowest " + F.escape(F.ms(l.max))
      + " (the 100% point, not drawn on this axis).</p>\n"
  }

  static func endpointTable(_ inputs: ReportInputs) -> String {
    var html = "<div class=\"table-wrap\"><table>\n<thead><tr><th>Endpoint</th><th class=\"num\">Requests</th>"
    html += "<th class=\"num\">Failed</th><th class=\"num\">Error rate</th><th class=\"num\">req/s</th>"
    html += "<th class=\"num\">p50</th><th class=\"num\">p95</th><th class=\"num\">p99</th>"
    html += "<th class=\"num\">Slowest</th></tr></thead><tbody>\n"
    for e in inputs.summary.endpoints {
      let rate = e.requests == 0 ? 0 : Double(e.failed) / Double(e.requests)
      html += "<tr><td><span class=\"method\">\(F.escape(e.method))</span> \(F.escape(e.name))</td>"
      html += "<td class=\"num\">\(F.count(e.requests))</td><td class=\"num\">\(F.count(e.failed))</td>"
      html +=
        "<td class=\"num\(rate > 0 ? " bad" : "")\">\(F.percent(rate))</td><td class=\"num\">\(F.rate(e.rps))</td>"
      html += "<td class=\"num\">\(F.ms(e.latency.p50))</td><td class=\"num\">\(F.ms(e.latency.p95))</td>"
      html += "<td class=\"num\">\(F.ms(e.latency.p99))</td><td class=\"num\">\(F.ms(e.latency.max))</td></tr>\n"
    }
    return html + "</tbody></table></div>\n"
  }

  /// Failures by class with their reasons, responses by status code, and failed checks.
  static func errorTables(_ inputs: ReportInputs) -> String {
    let s = inputs.summary
    var html = "<h3>Failures by cause</h3>\n"
    let classes = RequestOutcome.failureClasses.map(\.rawValue).filter { (s.errors[$0] ?? 0) > 0 }
    if classes.isEmpty {
      html += "<p class=\"note good\">No request failed.</p>\n"
    } else {
      html += "<div class=\"table-wrap\"><table id=\"error-table\">\n<thead><tr><th>Cause</th><th>What it means</th>"
      html += "<th class=\"num\">Requests</th><th class=\"num\">Share of all</th><th>Examples (count)</th>"
      html += "<th>Where (count)</th></tr></thead><tbody>\n"
      for c in classes {
        let n = s.errors[c] ?? 0
        let share = s.requests.total == 0 ? 0 : Double(n) / Double(s.requests.total)
        let examples = list(errorExamples(c, s).prefix(3))
        let places = list(
          s.endpoints.filter { ($0.errors[c] ?? 0) > 0 }.prefix(5).map {
            ("\($0.method) \($0.name)", $0.errors[c] ?? 0)
          })
        html += "<tr><td><code>\(F.escape(c))</code></td><td>\(F.escape(HTMLReportText.classMeanings[c] ?? ""))</td>"
        html += "<td class=\"num\">\(F.count(n))</td><td class=\"num\">\(F.percent(share))</td>"
        html += "<td>\(examples)</td><td>\(places)</td></tr>\n"
      }
      html += "</tbody></table></div>\n"
    }
    let failedChecks = s.checkDetails.filter { $0.failed > 0 }
    if !failedChecks.isEmpty {
      html += "<h3>Failed checks</h3>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>Endpoint</th><th>Check</th>"
      html += "<th class=\"num\">Passed</th><th class=\"num\">Failed</th><th>Example</th></tr></thead><tbody>\n"
      for c in failedChecks {
        html += "<tr><td>\(F.escape(c.endpoint))</td><td><code>\(F.escape(c.check))</code></td>"
        html += "<td class=\"num\">\(F.count(c.passed))</td><td class=\"num bad\">\(F.count(c.failed))</td>"
        html += "<td>\(F.escape(c.example ?? "–"))</td></tr>\n"
      }
      html += "</tbody></table></div>\n"
    }
    if !s.statusCodes.isEmpty {
      html += "<h3>Answers by HTTP status</h3>\n<p class=\"note\">2xx: success · 3xx: redirect · 4xx: refused · "
      html += "5xx: server error.</p>\n<div class=\"table-wrap\"><table class=\"narrow\">\n"
      html += "<thead><tr><th>Status</th><th class=\"num\">Responses</th></tr></thead><tbody>\n"
      for (code, n) in s.statusCodes.sorted(by: { $0.key < $1.key }) {
        let tone = code.hasPrefix("4") || code.hasPrefix("5") ? " class=\"bad\"" : ""
        html += "<tr><td\(tone)>\(F.escape(code))</td><td class=\"num\">\(F.count(n))</td></tr>\n"
      }
      html += "</tbody></table></div>\n"
    }
    return html
  }

  /// Why requests of class `c` failed, with counts: the recorded reasons, or for HTTP status
  /// classes without reasons, the status codes seen.
  static func errorExamples(_ c: String, _ s: Summary) -> [(String, Int)] {
    let reasons = s.errorDetails.filter { $0.errorClass == c }.map { ($0.reason, $0.count) }
    if !reasons.isEmpty { return reasons }
    let prefix: String
    switch c {
    case "http_4xx": prefix = "4"
    case "http_5xx": prefix = "5"
    case "http_3xx": prefix = "3"
    default: return []
    }
    return s.statusCodes.filter { $0.key.hasPrefix(prefix) }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
      .map { ("status \($0.key)", $0.value) }
  }

  /// `<ul>` of "text: count" items, or a dash when empty.
  static func list(_ items: some Sequence<(String, Int)>) -> String {
    let li = items.map { "<li>\(F.escape($0.0)): \(F.count($0.1))</li>" }.joined()
    return li.isEmpty ? "–" : "<ul class=\"examples\">\(li)</ul>"
  }

  // MARK: - Raw data and glossary

  static func rawData(_ inputs: ReportInputs) -> String {
    let open = HTMLReportFigures.isOpenModel(inputs)
    var html = "<section id=\"raw-data\" class=\"card\">\n<h2>Per-second data</h2>\n"
    html += "<p class=\"explain\">\(F.escape(HTMLReportText.rawData))</p>\n"
    html += "<div class=\"table-wrap tall\"><table id=\"raw-table\" class=\"raw\">\n<thead><tr>"
    var headers = ["Time (s)", "Phase", open ? "Target it/s" : "Target VUs", "Active VUs", "Requests", "req/s"]
    headers += ["Failed", "p50 ms", "p95 ms", "p99 ms", "Max ms", "Unanswered", "New connections", "Received"]
    for (i, h) in headers.enumerated() {
      html += i < 2 ? "<th>\(F.escape(h))</th>" : "<th class=\"num\">\(F.escape(h))</th>"
    }
    html += "</tr></thead><tbody>\n"
    for s in inputs.snapshots {
      let target = open ? F.rate(s.targetRate ?? 0) : F.count(Int(s.targetVUs.rounded()))
      let cells = [
        String(format: "%.1f", s.elapsedSeconds), s.phase.rawValue, target, F.count(s.activeVUs), F.count(s.requests),
        F.rate(s.rps), F.count(s.failed), number(s.latency.p50), number(s.latency.p95), number(s.latency.p99),
        number(s.latency.max), F.count(s.inFlight), F.count(s.connectionsOpened), F.bytes(s.bytesReceived),
      ]
      html += s.phase == .drain ? "<tr class=\"drain\">" : "<tr>"
      for (i, c) in cells.enumerated() {
        let cls = i < 2 ? "" : (i == 6 && s.failed > 0 ? " class=\"num bad\"" : " class=\"num\"")
        html += "<td\(cls)>\(F.escape(c))</td>"
      }
      html += "</tr>\n"
    }
    return html + "</tbody></table></div>\n</section>\n"
  }

  static func number(_ ms: Double) -> String { String(format: "%.2f", ms) }

  static func glossary() -> String {
    var html = "<section id=\"glossary\" class=\"card\">\n<h2>Words used in this report</h2>\n<dl class=\"glossary\">\n"
    for (term, meaning) in HTMLReportText.glossary {
      html += "<div><dt>\(F.escape(term))</dt><dd>\(F.escape(meaning))</dd></div>\n"
    }
    return html + "</dl>\n</section>\n"
  }
}
