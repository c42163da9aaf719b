import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

/// The HTML report read cold by someone new to load testing: a dead server must not look
/// perfect, the guidance must not mislead, and every chart must agree with its caption.
@Suite struct HTMLReportReaderTests {
  typealias Base = HTMLReportTests
  static let zero = LatencyStats(p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0, min: 0)

  /// A run against a server that is down: every request `connection_refused`, no latency at all.
  static let deadServer: ReportInputs = {
    var inputs = Base.inputs
    let refused = Base.errors(["connection_refused": 40])
    inputs.snapshots = (1...3).map { i in
      var s = Base.snapshot(.load, at: Double(i), vus: 10, requests: 40, failed: 40, p50: 0)
      s.latency = zero
      s.errors = refused
      return s
    }
    inputs.summary.requests = RequestTotals(total: 120, succeeded: 0, failed: 120)
    inputs.summary.latency = zero
    inputs.summary.errors = Base.errors(["connection_refused": 120])
    inputs.summary.errorDetails = [ErrorDetail(errorClass: "connection_refused", reason: "ECONNREFUSED", count: 120)]
    inputs.summary.statusCodes = [:]
    inputs.summary.endpoints = inputs.summary.endpoints.map { e in
      var e = e
      e.latency = zero
      e.failed = e.requests
      e.errors = Base.errors(["connection_refused": e.requests])
      e.statusCodes = [:]
      return e
    }
    inputs.latencyDistribution = []
    inputs.thresholds = []
    return inputs
  }()

  @Test func aDeadServerShowsNoLatencyInsteadOfZeroMilliseconds() throws {
    let html = HTMLReport.render(Self.deadServer, plotlyJS: nil)
    #expect(!html.contains("0.000 ms"), "no perfect-looking 0 ms anywhere")
    #expect(html.contains("<div class=\"kpi-value\">—</div><div class=\"kpi-sub\">no response received</div>"))
    #expect(html.components(separatedBy: "no response received").count - 1 == 4 + 2, "4 cards, 2 endpoint rows")
    #expect(html.contains("<td class=\"num none\" colspan=\"4\">— no response received</td>"))
    #expect(
      html.contains(
        "<p class=\"note alarm\" id=\"all-failed\">Every request failed: the most common cause was connection_refused "
          + "(120 of 120 requests). Nothing answered at the server&#39;s address"))
    #expect(html.contains("No request got a response, so there is no latency to show.</p>"), "distribution note")
    #expect(html.contains("requests finished (answered or failed) per second"))
    #expect(!html.contains("requests the service answered"))
    for figure in [
      HTMLReportFigures.latencyOverTime(Self.deadServer), HTMLReportFigures.latencyDistribution(Self.deadServer),
      HTMLReportFigures.endpoints(Self.deadServer),
    ] {
      #expect(figure.json.text.contains(HTMLReportFigures.noLatencyNotice), "\(figure.id) explains its emptiness")
    }
    #expect(HTMLReportFigures.endpoints(Self.deadServer).json.text.contains("\"y\":[null,null]"))
    #expect(HTMLReportFigures.latencyOverTime(Self.deadServer).json.text.contains("\"y\":[null,null,null]"))
    // The per-second table shows a dash, not 0.00, for seconds without a response.
    #expect(html.contains("<td class=\"num\">—</td>"))
    #expect(!html.contains("<td class=\"num\">0.00</td>"))
  }

  @Test func aHealthyRunHasNoAlarmAndNoNotice() {
    let html = HTMLReport.render(Base.inputs, plotlyJS: nil)
    #expect(!html.contains("all-failed"))
    #expect(!html.contains("no response received"))
    #expect(!HTMLReportFigures.latencyOverTime(Base.inputs).json.text.contains(HTMLReportFigures.noLatencyNotice))
    // Requests that failed with a response (a 404, a failed check) still have a latency.
    var notFound = Self.deadServer
    notFound.summary.errors = Base.errors(["http_4xx": 120])
    notFound.summary.latency = Base.latency(1)
    #expect(HTMLReportFigures.hasLatency(notFound.summary))
    #expect(HTMLReportFigures.responses(total: 10, errors: Base.errors(["http_4xx": 3, "aborted": 2])) == 8)
  }

  @Test func latencyGuidanceIsAbsoluteAndP99OfFewResponsesIsDotted() {
    #expect(HTMLReportText.latency.contains("under 100 ms feels instant"))
    #expect(!HTMLReportText.latency.contains("p99 far above p50"))
    #expect(HTMLReportText.latency.contains("fewer than 100 responses"))
    // The fixture's seconds have 100 and 120 responses: a solid p99.
    let solid = HTMLReportFigures.latencyOverTime(Base.inputs).json.text
    #expect(solid.contains("\"name\":\"p99\","))
    #expect(!solid.contains("\"dash\":\"dot\""))
    var few = Base.inputs
    few.snapshots[0].requests = 40
    let dotted = HTMLReportFigures.latencyOverTime(few).json.text
    #expect(
      dotted.contains(
        "\"name\":\"p99 (dotted: noisy)\",\"x\":[1,2,3],\"y\":[6,9,null],\"line\":{\"color\":\"#c0392b\","
          + "\"width\":2,\"shape\":\"linear\",\"dash\":\"dot\"}"))
  }

  @Test func throughputGuidanceFollowsTheModel() {
    let html = HTMLReport.render(Base.inputs, plotlyJS: nil)
    #expect(html.contains("rises and falls with the number of users (see Users below)"))
    #expect(html.contains("a fall while the users stay the same"))
    #expect(!html.contains("Good: a steady line"))
    #expect(HTMLReportText.throughputOpenModel.contains("the blue line follows it"))
  }

  @Test func distributionCurveEndsWhereItsCaptionSays() throws {
    let figure = HTMLReportFigures.latencyDistribution(Base.inputs)
    let text = figure.json.text
    // Points 0, 50, 90, 99 % (x = 1, 2, 10, 100); the axis stops just past 99 %, not at 99.9 %.
    #expect(text.contains("\"x\":[1,2,10,100]"))
    #expect(text.contains("\"range\":[0,2.0607]"))
    #expect(text.contains("\"tickvals\":[1,2,10,100],\"ticktext\":[\"0%\",\"50%\",\"90%\",\"99%\"]"))
    #expect(text.contains("\"text\":\"slowest: 12.00 ms\",\"x\":2,\"y\":12"), "the 100 % point as a marker")
    let html = HTMLReport.render(Base.inputs, plotlyJS: nil)
    #expect(!html.contains("not drawn on this axis"))
    #expect(html.contains("the curve ends at the last percentile measured before it, marked with the slowest request"))
  }

  @Test func onlyThresholdsOfAllRequestsAreDrawnOnTheirCharts() {
    var inputs = Base.inputs
    inputs.thresholds.append(
      ThresholdResult(
        threshold: "http_req_duration{name:home}.p99 < 7ms", metric: "http_req_duration", passed: true, measured: 6,
        limit: 7, unit: "ms", measuredText: "6ms"))
    inputs.thresholds.append(
      ThresholdResult(
        threshold: "http_req_duration.p99 < 300ms", metric: "http_req_duration", passed: true, measured: 9,
        limit: 300, unit: "ms", measuredText: "9ms"))
    #expect(HTMLReportFigures.hasEndpointFilter(inputs.thresholds[2]))
    #expect(!HTMLReportFigures.hasEndpointFilter(inputs.thresholds[0]))
    for (figure, corner) in [
      (HTMLReportFigures.latencyOverTime(inputs), "\"x\":1,\"xanchor\":\"right\""),
      // The distribution's curve rises to the right: its note goes top left.
      (HTMLReportFigures.latencyDistribution(inputs), "\"x\":0,\"xanchor\":\"left\""),
    ] {
      let text = figure.json.text
      #expect(!text.contains("{name:home}"), "\(figure.id): an endpoint's limit is not the chart's")
      #expect(!text.contains("\"y0\":7,"))
      // The far-above note sits inside the plot's top edge, clear of the legend above it.
      #expect(
        text.contains(
          "\"text\":\"threshold: http_req_duration.p99 \\u003c 300ms (above this scale)\",\"xref\":\"paper\","
            + "\"yref\":\"paper\"," + corner + ",\"y\":1,\"yanchor\":\"top\""), "\(figure.id)")
    }
    // It stays in the verdict's table.
    #expect(HTMLReport.render(inputs, plotlyJS: nil).contains("<code>http_req_duration{name:home}.p99 &lt; 7ms</code>"))
  }

  @Test func errorWordingAndCheckExamples() {
    var inputs = Base.inputs
    inputs.summary.errors["check_failed"] = 5
    inputs.summary.checkDetails = [
      CheckDetail(endpoint: "home", check: "status 2xx", passed: 10, failed: 5, example: "status 2xx (got 404)")
    ]
    let html = HTMLReport.render(inputs, plotlyJS: nil)
    #expect(html.contains("4xx: client error (e.g. 404 Not Found, 401 Unauthorized)"))
    #expect(!html.contains("refused the request"))
    #expect(!html.contains("4xx: refused"))
    #expect(html.contains("<ul class=\"examples\"><li>home: status 2xx (got 404): 5</li></ul>"))
    #expect(HTMLReportText.errors.contains("Bars from the very first second at a steady level usually mean a mistake"))
  }

  @Test func peakVUsSaysWhatWasReached() {
    var inputs = Base.inputs
    #expect(HTMLReport.render(inputs, plotlyJS: nil).contains("<dt>Peak virtual users</dt><dd>10</dd>"))
    inputs.runInfo.peakVUs = 20
    inputs.summary.interrupted = true
    #expect(HTMLReport.render(inputs, plotlyJS: nil).contains("<dd>planned 20 (reached 10)</dd>"))
  }

  @Test func labelsGlossaryAndPerSecondColumns() {
    let html = HTMLReport.render(Base.inputs, plotlyJS: nil)
    #expect(html.contains("<dt>Workers (event-loop threads)</dt><dd>1</dd>"))
    #expect(!html.contains("Worker processes"))
    #expect(html.contains("from the first byte of the request being written to the last byte of the answer"))
    let open = HTMLReportText.glossary(openModel: true).first { $0.0 == "Latency" }?.1 ?? ""
    #expect(open.contains("from its iteration's scheduled start"))
    for term in ["Check", "Endpoint (task name)", "Think time", "p99.9"] {
      #expect(html.contains("<dt>\(term)</dt>"), "glossary: \(term)")
    }
    // 1 s ticks: req/s would repeat Requests.
    #expect(html.contains("<th class=\"num\" title=\"snapshots.csv: requests\">Requests</th>"))
    #expect(!html.contains("snapshots.csv: rps"))
    #expect(html.contains("<th title=\"snapshots.csv: elapsed_s\">Time (s)</th>"))
    #expect(html.contains("<td class=\"num bad\">3</td>"), "the failed column still marked")
    var subSecond = Base.inputs
    subSecond.runInfo.tickSeconds = 0.5
    #expect(HTMLReport.render(subSecond, plotlyJS: nil).contains("title=\"snapshots.csv: rps\">req/s</th>"))
  }

  @Test func errorBarsStandOnTheSameSecondsAsTheLines() {
    let text = HTMLReportFigures.errors(Base.inputs).json.text
    #expect(text.contains("\"name\":\"http_5xx\",\"x\":[1,2,3]"))
    #expect(text.contains("\"width\":0.8"))
    #expect(!text.contains("\"offset\""), "centred on x, the end of the second, as the lines' points are")
    // Every time axis reaches half a tick past the last second, so the last bar shows whole.
    for figure in HTMLReportFigures.all(Base.inputs).filter(\.isTimeSeries) {
      #expect(figure.json.text.contains("\"range\":[0,3.5]"), "\(figure.id)")
    }
  }
}
