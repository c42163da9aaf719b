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
    html += everyRequestFailed(s)
    let rate = s.requests.failureRate
    // Without a response there is no latency: a dash, never a perfect-looking 0 ms.
    let measured = HTMLReportFigures.hasLatency(s)
    func latency(_ ms: Double, _ sub: String) -> (String, String) {
      measured ? (F.ms(ms), sub) : ("—", "no response received")
    }
    let (p50, p50Sub) = latency(s.latency.p50, "half of requests were faster")
    let (p95, p95Sub) = latency(s.latency.p95, "95 in 100 were faster")
    let (p99, p99Sub) = latency(s.latency.p99, "99 in 100 were faster")
    let (slowest, slowestSub) = latency(s.latency.max, "the single slowest request")
    let kpis: [(String, String, String, String)] = [
      ("Duration", F.duration(s.loadDurationSeconds), "sending requests" + drainNote(s), ""),
      ("Requests", F.count(s.requests.total), F.count(s.requests.failed) + " failed", ""),
      ("Throughput", F.rate(s.rps) + " req/s", "requests finished (answered or failed) per second", ""),
      ("Error rate", F.percent(rate), "share of requests that failed", rate > 0 ? "bad" : "good"),
      ("Latency p50", p50, p50Sub, ""),
      ("Latency p95", p95, p95Sub, ""),
      ("Latency p99", p99, p99Sub, ""),
      ("Slowest", slowest, slowestSub, ""),
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

  /// A red line when no request succeeded, naming the most common cause: the charts of such a
  /// run are mostly empty, and a reader must not take that for a quiet, healthy service.
  static func everyRequestFailed(_ s: Summary) -> String {
    guard s.requests.total > 0, s.requests.failed >= s.requests.total else { return "" }
    let causes = RequestOutcome.failureClasses.map(\.rawValue).compactMap { c in
      (s.errors[c] ?? 0) > 0 ? (c, s.errors[c] ?? 0) : nil
    }
    var text = "Every request failed"
    if let top = causes.max(by: { $0.1 < $1.1 }) {
      text += ": the most common cause was " + top.0 + " (" + F.count(top.1) + " of " + F.count(s.requests.total)
      text += " requests). " + (HTMLReportText.classMeanings[top.0] ?? "")
      text += " See Failures by cause under Errors."
    } else {
      text += "."
    }
    return "<p class=\"note alarm\" id=\"all-failed\">" + F.escape(text) + "</p>\n"
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
      (open ? "Peak rate / VU pool" : "Peak virtual users", peakText(inputs)),
      ("Workers (event-loop threads)", String(info.workers)),
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

  /// The planned peak; in the closed model, with the most VUs the snapshots saw running when
  /// fewer were reached (a stopped run, or users that could not start).
  static func peakText(_ inputs: ReportInputs) -> String {
    let info = inputs.runInfo
    let planned = Int(info.peakVUs.rounded())
    let vus = F.count(planned)
    guard let rate = info.peakRate else {
      guard let reached = inputs.snapshots.map(\.activeVUs).max(), reached < planned else { return vus }
      return "planned " + vus + " (reached " + F.count(reached) + ")"
    }
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
    guard HTMLReportFigures.hasLatency(inputs.summary) else {
      return "<p class=\"note\">No request got a response, so there is no latency to show.</p>\n"
    }
    return "<p class=\"note\">Fastest " + F.escape(F.ms(l.min)) + " · median " + F.escape(F.ms(l.p50)) + " · p99.9 "
      + F.escape(F.ms(l.p999)) + " · slowest " + F.escape(F.ms(l.max))
      + " (the 100% point cannot sit on this axis: the curve ends at the last percentile measured before it, "
      + "marked with the slowest request).</p>\n"
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
      if HTMLReportFigures.hasLatency(e) {
        html += "<td class=\"num\">\(F.ms(e.latency.p50))</td><td class=\"num\">\(F.ms(e.latency.p95))</td>"
        html += "<td class=\"num\">\(F.ms(e.latency.p99))</td><td class=\"num\">\(F.ms(e.latency.max))</td></tr>\n"
      } else {
        html += "<td class=\"num none\" colspan=\"4\">— no response received</td></tr>\n"
      }
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
      html += "<h3>Answers by HTTP status</h3>\n<p class=\"note\">2xx: success · 3xx: redirect · "
      html += "4xx: client error (e.g. 404 Not Found, 401 Unauthorized) · 5xx: server error.</p>\n"
      html += "<div class=\"table-wrap\"><table class=\"narrow\">\n"
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
    case "check_failed":
      return s.checkDetails.filter { $0.failed > 0 }.sorted { $0.failed > $1.failed }.map {
        ($0.endpoint + ": " + ($0.example ?? $0.check), $0.failed)
      }
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
    // With 1 s ticks, req/s repeats Requests: the column shows only for other tick lengths.
    let showRate = HTMLReportFigures.tickSeconds(inputs) != 1
    // Each heading's title names the snapshots.csv column it matches.
    var headers: [(String, String)] = [
      ("Time (s)", "elapsed_s"), ("Phase", "phase"),
      open ? ("Target it/s", "target_rate") : ("Target VUs", "target_vus"), ("Active VUs", "active_vus"),
      ("Requests", "requests"),
    ]
    if showRate { headers.append(("req/s", "rps")) }
    headers += [
      ("Failed", "failed"), ("p50 ms", "p50_ms"), ("p95 ms", "p95_ms"), ("p99 ms", "p99_ms"), ("Max ms", "max_ms"),
      ("Unanswered", "in_flight"), ("New connections", "connections_opened"), ("Received", "bytes_received"),
    ]
    for (i, (h, csv)) in headers.enumerated() {
      let cls = i < 2 ? "" : " class=\"num\""
      html += "<th\(cls) title=\"snapshots.csv: \(csv)\">\(F.escape(h))</th>"
    }
    html += "</tr></thead><tbody>\n"
    for s in inputs.snapshots {
      let target = open ? F.rate(s.targetRate ?? 0) : F.count(Int(s.targetVUs.rounded()))
      let latency = HTMLReportFigures.hasLatency(s)
      func ms(_ v: Double) -> String { latency ? number(v) : "—" }
      var cells = [
        String(format: "%.1f", s.elapsedSeconds), s.phase.rawValue, target, F.count(s.activeVUs), F.count(s.requests),
      ]
      if showRate { cells.append(F.rate(s.rps)) }
      let failedColumn = cells.count
      cells += [
        F.count(s.failed), ms(s.latency.p50), ms(s.latency.p95), ms(s.latency.p99), ms(s.latency.max),
        F.count(s.inFlight), F.count(s.connectionsOpened), F.bytes(s.bytesReceived),
      ]
      html += s.phase == .drain ? "<tr class=\"drain\">" : "<tr>"
      for (i, c) in cells.enumerated() {
        let cls = i < 2 ? "" : (i == failedColumn && s.failed > 0 ? " class=\"num bad\"" : " class=\"num\"")
        html += "<td\(cls)>\(F.escape(c))</td>"
      }
      html += "</tr>\n"
    }
    return html + "</tbody></table></div>\n</section>\n"
  }

  static func number(_ ms: Double) -> String { String(format: "%.2f", ms) }

  static func glossary(openModel: Bool) -> String {
    var html = "<section id=\"glossary\" class=\"card\">\n<h2>Words used in this report</h2>\n<dl class=\"glossary\">\n"
    for (term, meaning) in HTMLReportText.glossary(openModel: openModel) {
      html += "<div><dt>\(F.escape(term))</dt><dd>\(F.escape(meaning))</dd></div>\n"
    }
    return html + "</dl>\n</section>\n"
  }
}
