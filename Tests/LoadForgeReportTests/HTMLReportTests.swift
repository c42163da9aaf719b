import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

/// The HTML report: self-contained, safe embedding, every section, one point per second.
@Suite struct HTMLReportTests {
  // MARK: - Fixture: a 3 s run with one hostile endpoint name, errors in second 2, and a drain.

  static let hostile = "</script><script>alert(1)</script><!--"

  static func errors(_ counts: [String: Int]) -> [String: Int] {
    var all: [String: Int] = [:]
    for outcome in RequestOutcome.failureClasses { all[outcome.rawValue] = counts[outcome.rawValue] ?? 0 }
    return all
  }

  static func latency(_ p50: Double) -> LatencyStats {
    LatencyStats(p50: p50, p90: p50 * 2, p95: p50 * 3, p99: p50 * 4, p999: p50 * 5, max: p50 * 6, mean: p50, min: 0.1)
  }

  static func snapshot(
    _ phase: Snapshot.Phase, at elapsed: Double, vus: Int, requests: Int, failed: Int, p50: Double,
    errors counts: [String: Int] = [:]
  ) -> Snapshot {
    Snapshot(
      phase: phase, elapsedSeconds: elapsed, intervalSeconds: phase == .load ? 1 : 0.25,
      targetVUs: phase == .load ? 10 : 0, activeVUs: vus, inFlight: 0, requests: requests, failed: failed,
      rps: Double(requests), latency: latency(p50), errors: errors(counts), connectionsOpened: 1, bytesReceived: 2_048,
      endpoints: [])
  }

  static let inputs: ReportInputs = {
    let runInfo = RunInfo(
      name: "shop <beta>", pattern: "constant 10 VUs for 3s", durationSeconds: 3, tickSeconds: 1,
      gracePeriodSeconds: 5, workers: 1, peakVUs: 10,
      endpoints: [EndpointInfo(name: "home", method: "GET"), EndpointInfo(name: hostile, method: "POST")])
    let snapshots = [
      snapshot(.load, at: 1, vus: 8, requests: 100, failed: 0, p50: 1.5),
      snapshot(.load, at: 2, vus: 10, requests: 120, failed: 3, p50: 2.25, errors: ["http_5xx": 2, "aborted": 1]),
      snapshot(.load, at: 3, vus: 10, requests: 0, failed: 0, p50: 0),
      snapshot(.drain, at: 3.25, vus: 0, requests: 2, failed: 0, p50: 40),
    ]
    var summary = Summary(
      startedAt: Date(timeIntervalSince1970: 1_740_830_405), loadDurationSeconds: 3, drainSeconds: 0.25,
      interrupted: false, requests: RequestTotals(total: 222, succeeded: 219, failed: 3), rps: 74,
      latency: latency(2), errors: errors(["http_5xx": 2, "aborted": 1]), statusCodes: ["200": 218, "503": 2],
      connectionsOpened: 4, bytesReceived: 8_192,
      endpoints: [
        EndpointSummary(
          name: "home", method: "GET", requests: 200, failed: 1, rps: 66.7, latency: latency(1.75),
          errors: errors(["aborted": 1]), bytesReceived: 8_000, statusCodes: ["200": 199]),
        EndpointSummary(
          name: hostile, method: "POST", requests: 22, failed: 2, rps: 7.3, latency: latency(3),
          errors: errors(["http_5xx": 2]), bytesReceived: 192, statusCodes: ["200": 19, "503": 2]),
      ])
    summary.errorDetails = [
      ErrorDetail(errorClass: "http_5xx", reason: "503 Service <Unavailable>", count: 2),
      ErrorDetail(errorClass: "aborted", reason: "grace period expired", count: 1),
    ]
    let distribution = [
      PercentilePoint(percentile: 0, latencyMs: 0.1), PercentilePoint(percentile: 50, latencyMs: 2),
      PercentilePoint(percentile: 90, latencyMs: 4), PercentilePoint(percentile: 99, latencyMs: 8),
      PercentilePoint(percentile: 100, latencyMs: 12),
    ]
    let thresholds = [
      ThresholdResult(
        threshold: "http_req_duration.p95 < 5ms", metric: "http_req_duration", passed: false, measured: 6, limit: 5,
        unit: "ms", measuredText: "6ms"),
      ThresholdResult(
        threshold: "error_rate < 5%", metric: "error_rate", passed: true, measured: 1.35, limit: 5, unit: "%",
        measuredText: "1.35%"),
    ]
    return ReportInputs(
      runInfo: runInfo, summary: summary, snapshots: snapshots, latencyDistribution: distribution,
      thresholds: thresholds)
  }()

  /// The contents of every `<script type="application/json" id="…">` element, by id.
  static func embeddedJSON(_ html: String) throws -> [String: String] {
    let pattern = try NSRegularExpression(
      pattern: "<script type=\"application/json\" id=\"([^\"]+)\">(.*?)</script>", options: [.dotMatchesLineSeparators])
    var out: [String: String] = [:]
    let range = NSRange(html.startIndex..., in: html)
    for m in pattern.matches(in: html, range: range) {
      guard let id = Range(m.range(at: 1), in: html), let body = Range(m.range(at: 2), in: html) else { continue }
      out[String(html[id])] = String(html[body])
    }
    return out
  }

  // MARK: - Tests

  @Test func isSelfContainedWithPlotlyInlined() throws {
    let html = HTMLReport.render(Self.inputs)
    let plotly = try #require(HTMLReport.plotlyJS)
    #expect(plotly.hasPrefix("/**\n* plotly.js v4.1.1"), "Plotly.js from the module's resources")
    let inlined = "<script>" + plotly + "</script>"
    let hasPlotly = html.contains(inlined)
    #expect(hasPlotly, "Plotly.js is inlined whole")
    // The page's own markup loads nothing: no script or stylesheet source, no link or frame.
    let own = html.replacingOccurrences(of: inlined, with: "")
    for needle in ["<script src", "<link", "<iframe", "<img", "@import", "src=\"http", "href=\"http", "url("] {
      let found = own.contains(needle)
      #expect(!found, "the report's markup holds \(needle)")
    }
    #expect(own.hasPrefix("<!DOCTYPE html>"))
  }

  @Test func embeddedJSONNeverClosesItsScriptAndStillParses() throws {
    let html = HTMLReport.render(Self.inputs, plotlyJS: nil)
    let blobs = try Self.embeddedJSON(html)
    #expect(
      Set(blobs.keys) == [
        "figure-throughput", "figure-latency", "figure-distribution", "figure-endpoints",
        "figure-errors", "figure-users",
      ])
    for (id, text) in blobs {
      #expect(!text.contains("</"), "\(id) holds no '</'")
      #expect(!text.contains("<!--"), "\(id) holds no '<!--'")
      let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
      #expect(object?["data"] is [Any] && object?["layout"] is [String: Any], "\(id) is a Plotly figure")
    }
    // The hostile endpoint name survives the round trip, as text, in the bar chart.
    let endpoints = try #require(blobs["figure-endpoints"])
    let figure = try #require(try JSONSerialization.jsonObject(with: Data(endpoints.utf8)) as? [String: Any])
    let trace = try #require((figure["data"] as? [[String: Any]])?.first)
    #expect(trace["x"] as? [String] == ["GET home", "POST " + Self.hostile])
    // In the HTML tables it is escaped; the only raw <script> tags are the report's own.
    #expect(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--"))
    #expect(html.components(separatedBy: "<script").count - 1 == blobs.count + 1)
  }

  @Test func everySectionIsPresentWithItsExplanation() {
    let html = HTMLReport.render(Self.inputs, plotlyJS: nil)
    for id in [
      "summary", "throughput", "latency", "distribution", "endpoints", "errors", "users", "raw-data", "glossary",
    ] {
      #expect(html.contains("<section id=\"\(id)\""), "section \(id)")
      #expect(html.contains("href=\"#\(id)\""), "navigation to \(id)")
    }
    for chart in ["throughput", "latency", "distribution", "endpoints", "errors", "users"] {
      #expect(html.contains("<div id=\"chart-\(chart)\" class=\"chart\" data-figure=\"figure-\(chart)\""))
    }
    #expect(html.components(separatedBy: "<p class=\"explain\">").count - 1 == 7, "six charts and the table")
    #expect(html.contains("<title>shop &lt;beta&gt; · LoadForge report</title>"))
    #expect(html.contains("id=\"error-table\""))
    #expect(html.contains("503 Service &lt;Unavailable&gt;: 2"), "error examples with counts")
    #expect(html.contains("grace period expired: 1"))
    #expect(html.components(separatedBy: "<tr class=\"drain\">").count - 1 == 1, "the drain row")
    #expect(html.components(separatedBy: "<tr").count - 1 >= 4 + 1 + 2, "raw table: 4 snapshot rows")
  }

  @Test func timeSeriesTracesHaveOnePointPerLoadSnapshot() throws {
    let figures = HTMLReportFigures.all(Self.inputs)
    let series = figures.filter(\.isTimeSeries)
    #expect(series.map(\.id) == ["throughput", "latency", "errors", "users"])
    for figure in series {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(figure.json.text.utf8)) as? [String: Any])
      let traces = try #require(object["data"] as? [[String: Any]])
      #expect(!traces.isEmpty)
      for trace in traces {
        #expect((trace["x"] as? [Any])?.count == 3, "\(figure.id) \(trace["name"] ?? "") x")
        #expect((trace["y"] as? [Any])?.count == 3, "\(figure.id) \(trace["name"] ?? "") y")
      }
    }
    // Errors are stacked by class: only the classes that occurred, in class order.
    let errors = try #require(figures.first { $0.id == "errors" })
    #expect(errors.data.count == 2)
    #expect(errors.json.text.contains("\"name\":\"http_5xx\",\"x\":[1,2,3],\"y\":[0,2,0]"))
    #expect(errors.json.text.contains("\"name\":\"aborted\",\"x\":[1,2,3],\"y\":[0,1,0]"))
  }

  @Test func verdictFollowsTheThresholds() {
    var inputs = Self.inputs
    let failing = HTMLReport.render(inputs, plotlyJS: nil)
    #expect(failing.contains("<div class=\"verdict fail\""))
    #expect(failing.contains("1 of 2 thresholds failed"))
    #expect(failing.contains("Not met: http_req_duration.p95 &lt; 5ms (measured 6ms)."))
    #expect(failing.contains("<td class=\"num\">1.35%</td><td><span class=\"ok\">✔ pass</span>"))
    inputs.thresholds = [inputs.thresholds[1]]
    let passing = HTMLReport.render(inputs, plotlyJS: nil)
    #expect(passing.contains("<div class=\"verdict pass\""))
    #expect(passing.contains("The threshold passed"))
    inputs.thresholds = []
    let none = HTMLReport.render(inputs, plotlyJS: nil)
    #expect(none.contains("<div class=\"verdict none\""))
    #expect(none.contains("No thresholds set"))
    #expect(!none.contains("<h3>Thresholds</h3>"))
  }

  @Test func aLatencyLimitFarAboveTheDataIsNamedNotDrawn() {
    var inputs = Self.inputs
    inputs.thresholds[0] = ThresholdResult(
      threshold: "http_req_duration.p95 < 300ms", metric: "http_req_duration", passed: true, measured: 6, limit: 300,
      unit: "ms", measuredText: "6ms")
    for figure in [HTMLReportFigures.latencyOverTime(inputs), HTMLReportFigures.latencyDistribution(inputs)] {
      let text = figure.json.text
      #expect(text.contains("\"shapes\":[]"), "\(figure.id): no line at 300 ms over data below 12 ms")
      #expect(text.contains("threshold: http_req_duration.p95 \\u003c 300ms (above this scale)"))
    }
    // The fixture's 5 ms limit sits among the data: drawn as a red (failed) line.
    #expect(HTMLReportFigures.latencyOverTime(Self.inputs).json.text.contains("\"y0\":5,\"y1\":5"))
  }

  @Test func withoutErrorsTheErrorChartStillShowsEverySecond() throws {
    var inputs = Self.inputs
    inputs.snapshots = inputs.snapshots.map { s in
      var s = s
      s.failed = 0
      s.errors = Self.errors([:])
      return s
    }
    inputs.summary.errors = Self.errors([:])
    let figure = HTMLReportFigures.errors(inputs)
    #expect(figure.data.count == 1)
    #expect(figure.json.text.contains("\"name\":\"failed requests\",\"x\":[1,2,3],\"y\":[0,0,0]"))
    #expect(figure.json.text.contains("No request failed during the load phase"))
    #expect(HTMLReport.render(inputs, plotlyJS: nil).contains("<p class=\"note good\">No request failed.</p>"))
  }

  @Test func sixtySecondReportStaysWithin200KBOfPlotly() throws {
    var inputs = Self.inputs
    inputs.snapshots = (1...60).map { i in
      Self.snapshot(.load, at: Double(i), vus: 50, requests: 12_345, failed: i % 7, p50: 1.234 + Double(i) / 100)
    }
    let plotly = try #require(HTMLReport.plotlyJS)
    let html = HTMLReport.render(inputs)
    #expect(
      html.utf8.count <= plotly.utf8.count + 200_000, "\(html.utf8.count - plotly.utf8.count) bytes beyond Plotly")
  }

  @Test func jsonEscapesMarkupAndKeepsOrder() {
    let value = HTMLReportJSON.object([
      ("b", .string("</script>&\u{2028}\"\\\n")), ("a", .numbers([1, 0.5, 1e-5, .nan])), ("c", .null),
      ("d", .bool(true)),
    ])
    #expect(value.text == #"{"b":"\u003c/script\u003e\u0026\u2028\"\\\n","a":[1,0.5,1e-05,null],"c":null,"d":true}"#)
  }

  @Test func figuresJSONGolden() {
    #expect(HTMLReport.figuresJSON(Self.inputs) == Self.golden)
  }

  /// `HTMLReport.figuresJSON` of `inputs`, cut into lines: every chart's data and layout.
  static let golden = [
    ##"{"throughput":{"data":[{"type":"scatter","mode":"lines","name":"requests/s","x":[1,2,3],"y":[100,120,0],"##,
    ##""line":{"color":"#0b6bcb","width":2,"shape":"linear"},"hovertemplate":"%{y:.1f} req/s"},{"type":"scatter"##,
    ##"","mode":"lines","name":"of which failed","x":[1,2,3],"y":[0,3,0],"line":{"color":"#c0392b","width":2,"s"##,
    ##"hape":"linear"},"hovertemplate":"%{y:.1f} failed/s"}],"layout":{"xaxis":{"title":{"text":"seconds since "##,
    ##"the test started"},"gridcolor":"#e6e9ef","zeroline":false,"automargin":true,"range":[0,3.5],"tick0":0,"d"##,
    ##"tick":1},"yaxis":{"title":{"text":"requests per second"},"gridcolor":"#e6e9ef","rangemode":"tozero","aut"##,
    ##"omargin":true,"zerolinecolor":"#c9ced8"},"shapes":[{"type":"line","xref":"paper","x0":0,"x1":1,"y0":74,""##,
    ##"y1":74,"line":{"color":"#0b6bcb","width":1.5,"dash":"dot"}}],"annotations":[{"text":"average 74.0 req/s""##,
    ##","xref":"paper","x":1,"xanchor":"right","y":74,"yanchor":"bottom","showarrow":false,"font":{"size":11,"c"##,
    ##"olor":"#0b6bcb"}}],"hovermode":"x unified","legend":{"orientation":"h","x":0,"y":1.02,"yanchor":"bottom""##,
    ##","traceorder":"normal"},"margin":{"l":60,"r":20,"t":40,"b":50},"height":340,"paper_bgcolor":"#ffffff","p"##,
    ##"lot_bgcolor":"#ffffff","font":{"family":"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial,"##,
    ##" sans-serif","size":12,"color":"#1f2933"}}},"latency":{"data":[{"type":"scatter","mode":"lines","name":""##,
    ##"p50 (median)","x":[1,2,3],"y":[1.5,2.25,null],"line":{"color":"#0b6bcb","width":2,"shape":"linear"},"hov"##,
    ##"ertemplate":"%{y:.2f} ms"},{"type":"scatter","mode":"lines","name":"p95","x":[1,2,3],"y":[4.5,6.75,null]"##,
    ##","line":{"color":"#e69f00","width":2,"shape":"linear"},"hovertemplate":"%{y:.2f} ms","fill":"tonexty","f"##,
    ##"illcolor":"rgba(230,159,0,0.15)"},{"type":"scatter","mode":"lines","name":"p99","x":[1,2,3],"y":[6,9,nul"##,
    ##"l],"line":{"color":"#c0392b","width":2,"shape":"linear"},"hovertemplate":"%{y:.2f} ms","fill":"tonexty","##,
    ##""fillcolor":"rgba(192,57,43,0.10)"}],"layout":{"xaxis":{"title":{"text":"seconds since the test started""##,
    ##"},"gridcolor":"#e6e9ef","zeroline":false,"automargin":true,"range":[0,3.5],"tick0":0,"dtick":1},"yaxis":"##,
    ##"{"title":{"text":"latency (ms)"},"gridcolor":"#e6e9ef","rangemode":"tozero","automargin":true,"zerolinec"##,
    ##"olor":"#c9ced8"},"shapes":[{"type":"line","xref":"paper","x0":0,"x1":1,"y0":5,"y1":5,"line":{"color":"#c"##,
    ##"0392b","width":1.5,"dash":"dash"}}],"annotations":[{"text":"threshold: http_req_duration.p95 \u003c 5ms""##,
    ##","xref":"paper","x":1,"xanchor":"right","y":5,"yanchor":"bottom","showarrow":false,"font":{"size":11,"co"##,
    ##"lor":"#c0392b"}}],"hovermode":"x unified","legend":{"orientation":"h","x":0,"y":1.02,"yanchor":"bottom","##,
    ##""traceorder":"normal"},"margin":{"l":60,"r":20,"t":40,"b":50},"height":340,"paper_bgcolor":"#ffffff","pl"##,
    ##"ot_bgcolor":"#ffffff","font":{"family":"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, "##,
    ##"sans-serif","size":12,"color":"#1f2933"}}},"distribution":{"data":[{"type":"scatter","mode":"lines+marke"##,
    ##"rs","name":"latency","x":[1,2,10,100],"y":[0.1,2,4,8],"customdata":[0,50,90,99],"hovertemplate":"%{custo"##,
    ##"mdata}% of requests took at most %{y:.2f} ms\u003cextra\u003e\u003c/extra\u003e","line":{"color":"#0b6bc"##,
    ##"b","width":2,"shape":"hv"},"marker":{"size":4}}],"layout":{"xaxis":{"title":{"text":"percentile: share o"##,
    ##"f requests that took at most this long"},"type":"log","range":[0,2.0607],"tickvals":[1,2,10,100],"tickte"##,
    ##"xt":["0%","50%","90%","99%"],"gridcolor":"#e6e9ef","zeroline":false},"yaxis":{"title":{"text":"latency ("##,
    ##"ms)"},"gridcolor":"#e6e9ef","rangemode":"tozero","automargin":true,"zerolinecolor":"#c9ced8"},"shapes":["##,
    ##"{"type":"line","xref":"paper","x0":0,"x1":1,"y0":5,"y1":5,"line":{"color":"#c0392b","width":1.5,"dash":""##,
    ##"dash"}}],"annotations":[{"text":"threshold: http_req_duration.p95 \u003c 5ms","xref":"paper","x":1,"xanc"##,
    ##"hor":"right","y":5,"yanchor":"bottom","showarrow":false,"font":{"size":11,"color":"#c0392b"}},{"text":"s"##,
    ##"lowest: 12.00 ms","x":2,"y":12,"xanchor":"right","showarrow":true,"arrowhead":0,"ax":-50,"ay":30,"bgcolo"##,
    ##"r":"rgba(255,255,255,0.85)","font":{"size":11,"color":"#c0392b"}}],"hovermode":"closest","legend":{"orie"##,
    ##"ntation":"h","x":0,"y":1.02,"yanchor":"bottom","traceorder":"normal"},"margin":{"l":60,"r":20,"t":40,"b""##,
    ##":50},"height":340,"paper_bgcolor":"#ffffff","plot_bgcolor":"#ffffff","font":{"family":"system-ui, -apple"##,
    ##"-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif","size":12,"color":"#1f2933"}}},"endpoints":{""##,
    ##"data":[{"type":"bar","name":"p50","x":["GET home","POST \u003c/script\u003e\u003cscript\u003ealert(1)\u0"##,
    ##"03c/script\u003e\u003c!--"],"y":[1.75,3],"marker":{"color":"#0b6bcb"},"hovertemplate":"%{x}\u003cbr\u003"##,
    ##"ep50: %{y:.2f} ms\u003cextra\u003e\u003c/extra\u003e"},{"type":"bar","name":"p95","x":["GET home","POST "##,
    ##"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e\u003c!--"],"y":[5.25,9],"marker":{"colo"##,
    ##"r":"#e69f00"},"hovertemplate":"%{x}\u003cbr\u003ep95: %{y:.2f} ms\u003cextra\u003e\u003c/extra\u003e"},{"##,
    ##""type":"bar","name":"p99","x":["GET home","POST \u003c/script\u003e\u003cscript\u003ealert(1)\u003c/scri"##,
    ##"pt\u003e\u003c!--"],"y":[7,12],"marker":{"color":"#c0392b"},"hovertemplate":"%{x}\u003cbr\u003ep99: %{y:"##,
    ##".2f} ms\u003cextra\u003e\u003c/extra\u003e"}],"layout":{"xaxis":{"type":"category","automargin":true,"ti"##,
    ##"ckangle":0},"yaxis":{"title":{"text":"latency (ms)"},"gridcolor":"#e6e9ef","rangemode":"tozero","automar"##,
    ##"gin":true,"zerolinecolor":"#c9ced8"},"shapes":[],"annotations":[],"hovermode":"closest","legend":{"orien"##,
    ##"tation":"h","x":0,"y":1.02,"yanchor":"bottom","traceorder":"normal"},"margin":{"l":60,"r":20,"t":40,"b":"##,
    ##"50},"height":340,"paper_bgcolor":"#ffffff","plot_bgcolor":"#ffffff","font":{"family":"system-ui, -apple-"##,
    ##"system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif","size":12,"color":"#1f2933"},"barmode":"group""##,
    ##","bargap":0.5}},"errors":{"data":[{"type":"bar","name":"http_5xx","x":[1,2,3],"y":[0,2,0],"marker":{"col"##,
    ##"or":"#cc79a7"},"hovertemplate":"%{y} http_5xx\u003cextra\u003e\u003c/extra\u003e","width":0.8},{"type":""##,
    ##"bar","name":"aborted","x":[1,2,3],"y":[0,1,0],"marker":{"color":"#666666"},"hovertemplate":"%{y} aborted"##,
    ##"\u003cextra\u003e\u003c/extra\u003e","width":0.8}],"layout":{"xaxis":{"title":{"text":"seconds since the"##,
    ##" test started"},"gridcolor":"#e6e9ef","zeroline":false,"automargin":true,"range":[0,3.5],"tick0":0,"dtic"##,
    ##"k":1},"yaxis":{"title":{"text":"failed requests"},"gridcolor":"#e6e9ef","rangemode":"tozero","automargin"##,
    ##"":true,"zerolinecolor":"#c9ced8"},"shapes":[],"annotations":[],"hovermode":"x unified","legend":{"orient"##,
    ##"ation":"h","x":0,"y":1.02,"yanchor":"bottom","traceorder":"normal"},"margin":{"l":60,"r":20,"t":40,"b":5"##,
    ##"0},"height":340,"paper_bgcolor":"#ffffff","plot_bgcolor":"#ffffff","font":{"family":"system-ui, -apple-s"##,
    ##"ystem, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif","size":12,"color":"#1f2933"},"barmode":"stack"}"##,
    ##"},"users":{"data":[{"type":"scatter","mode":"lines","name":"actual (running)","x":[1,2,3],"y":[8,10,10],"##,
    ##""line":{"color":"#1e8e3e","width":2,"shape":"linear"},"hovertemplate":"%{y} VUs"},{"type":"scatter","mod"##,
    ##"e":"lines","name":"target","x":[1,2,3],"y":[10,10,10],"line":{"color":"#8a94a6","width":2,"shape":"linea"##,
    ##"r","dash":"dash"},"hovertemplate":"%{y} VUs"}],"layout":{"xaxis":{"title":{"text":"seconds since the tes"##,
    ##"t started"},"gridcolor":"#e6e9ef","zeroline":false,"automargin":true,"range":[0,3.5],"tick0":0,"dtick":1"##,
    ##"},"yaxis":{"title":{"text":"virtual users"},"gridcolor":"#e6e9ef","rangemode":"tozero","automargin":true"##,
    ##","zerolinecolor":"#c9ced8"},"shapes":[],"annotations":[],"hovermode":"x unified","legend":{"orientation""##,
    ##":"h","x":0,"y":1.02,"yanchor":"bottom","traceorder":"normal"},"margin":{"l":60,"r":20,"t":40,"b":50},"he"##,
    ##"ight":340,"paper_bgcolor":"#ffffff","plot_bgcolor":"#ffffff","font":{"family":"system-ui, -apple-system,"##,
    ##" 'Segoe UI', Roboto, Helvetica, Arial, sans-serif","size":12,"color":"#1f2933"}}}}"##,
  ].joined()
}
