import Foundation
import LoadForgeMetrics

/// The charts of the HTML report, as Plotly figures built from `ReportInputs` alone.
///
/// Time-series charts plot the load snapshots only (one point per tick, x = seconds since the
/// start at the tick's end); the drain, when there was one, is in the tables and totals.
enum HTMLReportFigures {
  /// Colours (colour-blind-safe Okabe–Ito hues where series are compared).
  static let blue = "#0b6bcb"
  static let orange = "#e69f00"
  static let red = "#c0392b"
  static let grey = "#8a94a6"
  static let green = "#1e8e3e"
  /// Per failure class, in `RequestOutcome.failureClasses` order.
  static let classColours = [
    "#d55e00", "#cc79a7", "#e69f00", "#0072b2", "#56b4e9", "#009e73", "#f0e442", "#7f3c8d", "#999999",
    "#a6761d", "#1b9e77", "#666666", "#e7298a",
  ]

  /// Every chart, in page order.
  static func all(_ inputs: ReportInputs) -> [HTMLReportFigure] {
    [
      throughput(inputs), latencyOverTime(inputs), latencyDistribution(inputs), endpoints(inputs), errors(inputs),
      users(inputs),
    ]
  }

  /// The load-phase snapshots: one per tick.
  static func loadSnapshots(_ inputs: ReportInputs) -> [Snapshot] {
    inputs.snapshots.filter { $0.phase == .load }
  }

  /// Whether the run used the open model (arrival rate): its snapshots carry a target rate.
  static func isOpenModel(_ inputs: ReportInputs) -> Bool {
    inputs.snapshots.contains { $0.targetRate != nil } || inputs.runInfo.peakRate != nil
  }

  /// Failure classes whose requests got no complete response and so no latency sample (README:
  /// only requests with a complete response, 2xx–5xx, have one).
  static let noResponseClasses: Set<String> = [
    "connect_timeout", "response_timeout", "connection_refused", "connection_reset", "dns_failure", "tls_error",
    "protocol_error", "client_limit", "aborted",
  ]

  /// Requests of `total` that got a complete response: all but those of `noResponseClasses`.
  static func responses(total: Int, errors: [String: Int]) -> Int {
    total - noResponseClasses.reduce(0) { $0 + (errors[$1] ?? 0) }
  }

  /// Whether a latency was measured: some request got a complete response. Without one,
  /// `LatencyStats` is all zeros, which must read as "no data", never as 0 ms.
  static func hasLatency(total: Int, errors: [String: Int], latency: LatencyStats) -> Bool {
    latency.max > 0 || responses(total: total, errors: errors) > 0
  }

  static func hasLatency(_ s: Summary) -> Bool {
    hasLatency(total: s.requests.total, errors: s.errors, latency: s.latency)
  }

  static func hasLatency(_ e: EndpointSummary) -> Bool {
    hasLatency(total: e.requests, errors: e.errors, latency: e.latency)
  }

  static func hasLatency(_ s: Snapshot) -> Bool { hasLatency(total: s.requests, errors: s.errors, latency: s.latency) }

  /// The notice written inside a latency chart that has nothing to plot.
  static let noLatencyNotice = "No request got a response, so there is no latency to show"

  /// A second's p99 from fewer responses than this is only its one or two slowest requests.
  static let noisyResponses = 100

  // MARK: - Charts

  /// Requests finished per second, with the open model's target rate and the run's average.
  static func throughput(_ inputs: ReportInputs) -> HTMLReportFigure {
    let snaps = loadSnapshots(inputs)
    let x = elapsed(snaps)
    var data: [HTMLReportJSON] = [
      line(name: "requests/s", x: x, y: snaps.map { round($0.rps, 1) }, colour: blue, hover: "%{y:.1f} req/s"),
      line(
        name: "of which failed", x: x, y: snaps.map { round(Double($0.failed) / max($0.intervalSeconds, 1e-9), 1) },
        colour: red, hover: "%{y:.1f} failed/s"),
    ]
    if isOpenModel(inputs) {
      data.append(
        line(
          name: "target (iterations/s)", x: x, y: snaps.map { round($0.targetRate ?? 0, 1) }, colour: grey,
          hover: "%{y:.1f} it/s", dash: "dash"))
    }
    var shapes: [HTMLReportJSON] = [horizontalLine(inputs.summary.rps, colour: blue, dash: "dot")]
    var notes: [HTMLReportJSON] = [
      lineLabel("average " + HTMLReportFormat.rate(inputs.summary.rps) + " req/s", y: inputs.summary.rps, colour: blue)
    ]
    for t in inputs.thresholds where t.metric == "rps" {
      shapes.append(horizontalLine(t.limit, colour: t.passed ? green : red, dash: "dash"))
      notes.append(lineLabel("threshold: " + t.threshold, y: t.limit, colour: t.passed ? green : red))
    }
    return HTMLReportFigure(
      id: "throughput", data: data,
      layout: layout(yTitle: "requests per second", shapes: shapes, annotations: notes, seconds: x), isTimeSeries: true)
  }

  /// p50, p95 and p99 per second, the gaps between them shaded as bands.
  static func latencyOverTime(_ inputs: ReportInputs) -> HTMLReportFigure {
    let snaps = loadSnapshots(inputs)
    let x = elapsed(snaps)
    // A second without a complete response has no latency: a gap, not a fake 0 ms.
    func series(_ pick: (LatencyStats) -> Double) -> [Double?] {
      snaps.map { hasLatency($0) ? round(pick($0.latency), 3) : nil }
    }
    // A second with few responses has a p99 that is its one or two slowest requests: dotted, as
    // the explanation says, so a jump there is not read as a trend.
    let noisy = snaps.contains {
      let n = responses(total: $0.requests, errors: $0.errors)
      return n > 0 && n < noisyResponses
    }
    let data: [HTMLReportJSON] = [
      line(name: "p50 (median)", x: x, y: series(\.p50), colour: blue, hover: "%{y:.2f} ms"),
      line(
        name: "p95", x: x, y: series(\.p95), colour: orange, hover: "%{y:.2f} ms", fill: "tonexty",
        fillColour: "rgba(230,159,0,0.15)"),
      line(
        name: noisy ? "p99 (dotted: noisy)" : "p99", x: x, y: series(\.p99), colour: red, hover: "%{y:.2f} ms",
        dash: noisy ? "dot" : nil, fill: "tonexty", fillColour: "rgba(192,57,43,0.10)"),
    ]
    let highest = snaps.map { $0.latency.p99 }.max() ?? 0
    var (shapes, notes) = latencyThresholdLines(inputs, dataMax: highest)
    if !snaps.contains(where: hasLatency) { notes.append(centreNote(noLatencyNotice, colour: red)) }
    return HTMLReportFigure(
      id: "latency", data: data,
      layout: layout(yTitle: "latency (ms)", shapes: shapes, annotations: notes, seconds: x), isTimeSeries: true)
  }

  /// The HDR percentile curve: x = 1/(1 − percentile) on a log axis labelled in "nines", as
  /// HdrHistogram's plotter draws `outputPercentileDistribution`. The 100 % point, at infinity
  /// there, cannot be drawn: the curve stops at the last finite percentile, where HdrHistogram's
  /// steps usually already reach the slowest request, which a labelled marker names; the axis
  /// ends just past it, so no empty stretch suggests data that is not there.
  static func latencyDistribution(_ inputs: ReportInputs) -> HTMLReportFigure {
    let points = inputs.latencyDistribution.filter { $0.percentile < 100 }
    let x = points.map { round(1 / (1 - $0.percentile / 100), 3) }
    let trace: HTMLReportJSON = .object([
      ("type", .string("scatter")), ("mode", .string("lines+markers")), ("name", .string("latency")),
      ("x", .numbers(x)), ("y", .numbers(points.map { round($0.latencyMs, 3) })),
      ("customdata", .numbers(points.map { round($0.percentile, 6) })),
      ("hovertemplate", .string("%{customdata}% of requests took at most %{y:.2f} ms<extra></extra>")),
      ("line", .object([("color", .string(blue)), ("width", .number(2)), ("shape", .string("hv"))])),
      ("marker", .object([("size", .number(4))])),
    ])
    let largest = max(x.max() ?? 1, 10)
    var tickValues: [Double] = [1, 2]
    var tickText: [String] = ["0%", "50%"]
    let labels = ["90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"]
    for (i, label) in labels.enumerated() where pow10(i + 1) <= largest * 1.001 {
      tickValues.append(pow10(i + 1))
      tickText.append(label)
    }
    let slowest = inputs.summary.latency.max
    // The curve rises to the right, so the top left is where a note covers nothing.
    var (shapes, notes) = latencyThresholdLines(
      inputs, dataMax: max(points.map(\.latencyMs).max() ?? 0, slowest), noteAtLeft: true)
    if let last = x.last, slowest > 0 {
      // Annotations on a log axis take log10 of the value.
      notes.append(
        .object([
          ("text", .string("slowest: " + HTMLReportFormat.ms(slowest))), ("x", .number(round(log10(last), 4))),
          ("y", .number(round(slowest, 3))), ("xanchor", .string("right")), ("showarrow", .bool(true)),
          ("arrowhead", .number(0)), ("ax", .number(-50)), ("ay", .number(30)),
          ("bgcolor", .string("rgba(255,255,255,0.85)")),
          ("font", .object([("size", .number(11)), ("color", .string(red))])),
        ]))
    }
    if points.isEmpty { notes.append(centreNote(noLatencyNotice, colour: red)) }
    var lay = layoutMembers(yTitle: "latency (ms)", shapes: shapes, annotations: notes, seconds: [], hover: "closest")
    lay.replace(
      "xaxis",
      with: .object([
        ("title", .object([("text", .string("percentile: share of requests that took at most this long"))])),
        ("type", .string("log")), ("range", .numbers([0, round(log10(largest * 1.15), 4)])),
        ("tickvals", .numbers(tickValues)), ("ticktext", .strings(tickText)),
        ("gridcolor", .string("#e6e9ef")), ("zeroline", .bool(false)),
      ]))
    return HTMLReportFigure(id: "distribution", data: [trace], layout: .object(lay), isTimeSeries: false)
  }

  /// p50/p95/p99 per endpoint as grouped bars.
  static func endpoints(_ inputs: ReportInputs) -> HTMLReportFigure {
    let eps = inputs.summary.endpoints
    let names = eps.map { "\($0.method) \($0.name)" }
    func bars(_ name: String, _ pick: (LatencyStats) -> Double, _ colour: String) -> HTMLReportJSON {
      .object([
        ("type", .string("bar")), ("name", .string(name)), ("x", .strings(names)),
        ("y", .numbers(eps.map { hasLatency($0) ? round(pick($0.latency), 3) : nil })),
        ("marker", .object([("color", .string(colour))])),
        ("hovertemplate", .string("%{x}<br>" + name + ": %{y:.2f} ms<extra></extra>")),
      ])
    }
    let notes = eps.contains(where: hasLatency) ? [] : [centreNote(noLatencyNotice, colour: red)]
    var lay = layoutMembers(yTitle: "latency (ms)", shapes: [], annotations: notes, seconds: [], hover: "closest")
    lay.replace(
      "xaxis", with: .object([("type", .string("category")), ("automargin", .bool(true)), ("tickangle", .number(0))]))
    lay.append(("barmode", .string("group")))
    // A single endpoint's bars would otherwise fill the whole width.
    lay.append(("bargap", .number(eps.count <= 2 ? 0.5 : 0.25)))
    return HTMLReportFigure(
      id: "endpoints",
      data: [bars("p50", \.p50, blue), bars("p95", \.p95, orange), bars("p99", \.p99, red)],
      layout: .object(lay), isTimeSeries: false)
  }

  /// Failed requests per second by failure class, stacked; one all-zero trace when nothing
  /// failed, so the chart still shows the run's seconds.
  static func errors(_ inputs: ReportInputs) -> HTMLReportFigure {
    let snaps = loadSnapshots(inputs)
    let x = elapsed(snaps)
    // Each bar stands on its second's x, the end of the tick it counts, as the other charts'
    // points do: a spike of failures lines up with the throughput dip or latency jump it caused.
    let span: [(String, HTMLReportJSON)] = [("width", .number(round(tickSeconds(inputs) * 0.8, 3)))]
    var data: [HTMLReportJSON] = []
    for (i, outcome) in RequestOutcome.failureClasses.enumerated() {
      let counts = snaps.map { Double($0.errors[outcome.rawValue] ?? 0) }
      guard counts.contains(where: { $0 > 0 }) else { continue }
      data.append(
        .object(
          [
            ("type", .string("bar")), ("name", .string(outcome.rawValue)), ("x", .numbers(x)), ("y", .numbers(counts)),
            ("marker", .object([("color", .string(classColours[i % classColours.count]))])),
            ("hovertemplate", .string("%{y} " + outcome.rawValue + "<extra></extra>")),
          ] + span))
    }
    var notes: [HTMLReportJSON] = []
    if data.isEmpty {
      data.append(
        .object(
          [
            ("type", .string("bar")), ("name", .string("failed requests")), ("x", .numbers(x)),
            ("y", .numbers(snaps.map { Double($0.failed) })), ("marker", .object([("color", .string(red))])),
            ("hovertemplate", .string("%{y} failed<extra></extra>")),
          ] + span))
      notes.append(centreNote("No request failed during the load phase", colour: green))
    }
    var lay = layoutMembers(yTitle: "failed requests", shapes: [], annotations: notes, seconds: x, hover: "x unified")
    lay.append(("barmode", .string("stack")))
    return HTMLReportFigure(id: "errors", data: data, layout: .object(lay), isTimeSeries: true)
  }

  /// Virtual users: target vs running (closed model), or the VU pool vs busy VUs (open model).
  static func users(_ inputs: ReportInputs) -> HTMLReportFigure {
    let snaps = loadSnapshots(inputs)
    let x = elapsed(snaps)
    let open = isOpenModel(inputs)
    // The dashed target is drawn last, over the actual line, so it stays visible where they meet.
    let data: [HTMLReportJSON] = [
      line(
        name: open ? "VUs busy" : "actual (running)", x: x, y: snaps.map { Double($0.activeVUs) }, colour: green,
        hover: "%{y} VUs"),
      line(
        name: open ? "VU pool (max_vus)" : "target", x: x, y: snaps.map(\.targetVUs), colour: grey,
        hover: "%{y} VUs", dash: "dash"),
    ]
    return HTMLReportFigure(
      id: "users", data: data, layout: layout(yTitle: "virtual users", shapes: [], annotations: [], seconds: x),
      isTimeSeries: true)
  }

  // MARK: - Building blocks

  static func elapsed(_ snaps: [Snapshot]) -> [Double] { snaps.map { round($0.elapsedSeconds, 3) } }

  /// The load tick, s (1 when the run info has none).
  static func tickSeconds(_ inputs: ReportInputs) -> Double {
    inputs.runInfo.tickSeconds > 0 ? inputs.runInfo.tickSeconds : 1
  }

  /// A message in the middle of a chart, for a chart with nothing (or nothing bad) to draw.
  static func centreNote(_ text: String, colour: String) -> HTMLReportJSON {
    .object([
      ("text", .string(text)), ("xref", .string("paper")), ("yref", .string("paper")), ("x", .number(0.5)),
      ("y", .number(0.5)), ("showarrow", .bool(false)),
      ("font", .object([("size", .number(15)), ("color", .string(colour))])),
    ])
  }

  static func round(_ value: Double, _ places: Int) -> Double { HTMLReportFormat.rounded(value, places: places) }

  static func pow10(_ exponent: Int) -> Double {
    var v = 1.0
    for _ in 0..<exponent { v *= 10 }
    return v
  }

  static func line(
    name: String, x: [Double], y: [Double?], colour: String, hover: String, dash: String? = nil,
    fill: String? = nil, fillColour: String? = nil, shape: String = "linear"
  ) -> HTMLReportJSON {
    var lineStyle: [(String, HTMLReportJSON)] = [
      ("color", .string(colour)), ("width", .number(2)), ("shape", .string(shape)),
    ]
    if let dash { lineStyle.append(("dash", .string(dash))) }
    var members: [(String, HTMLReportJSON)] = [
      ("type", .string("scatter")), ("mode", .string(x.count > 1 ? "lines" : "lines+markers")),
      ("name", .string(name)), ("x", .numbers(x)), ("y", .numbers(y)), ("line", .object(lineStyle)),
      ("hovertemplate", .string(hover)),
    ]
    if let fill { members.append(("fill", .string(fill))) }
    if let fillColour { members.append(("fillcolor", .string(fillColour))) }
    return .object(members)
  }

  static func line(
    name: String, x: [Double], y: [Double], colour: String, hover: String, dash: String? = nil, shape: String = "linear"
  ) -> HTMLReportJSON {
    line(name: name, x: x, y: y.map { Optional($0) }, colour: colour, hover: hover, dash: dash, shape: shape)
  }

  /// A dashed horizontal line across the plot at `y`.
  static func horizontalLine(_ y: Double, colour: String, dash: String) -> HTMLReportJSON {
    .object([
      ("type", .string("line")), ("xref", .string("paper")), ("x0", .number(0)), ("x1", .number(1)),
      ("y0", .number(round(y, 3))), ("y1", .number(round(y, 3))),
      ("line", .object([("color", .string(colour)), ("width", .number(1.5)), ("dash", .string(dash))])),
    ])
  }

  /// A label at the right end of a horizontal line.
  static func lineLabel(_ text: String, y: Double, colour: String) -> HTMLReportJSON {
    .object([
      ("text", .string(text)), ("xref", .string("paper")), ("x", .number(1)), ("xanchor", .string("right")),
      ("y", .number(round(y, 3))), ("yanchor", .string("bottom")), ("showarrow", .bool(false)),
      ("font", .object([("size", .number(11)), ("color", .string(colour))])),
    ])
  }

  /// Whether a threshold is about one endpoint (`http_req_duration{name:home}.p99 < 100ms`):
  /// such a limit does not apply to the charts of all requests.
  static func hasEndpointFilter(_ t: ThresholdResult) -> Bool {
    t.threshold.drop { $0 == " " }.dropFirst(t.metric.count).drop { $0 == " " }.first == "{"
  }

  /// Lines for the latency thresholds over all requests (`http_req_duration.p95…`, not those of
  /// one endpoint), green when passed, red when not. A limit far above everything plotted (over
  /// twice `dataMax`) would flatten the data into the axis, so it is named in a note at the top
  /// right (`noteAtLeft`: left) inside the plot (above it, the legend's row would cover it on a
  /// narrow screen).
  static func latencyThresholdLines(_ inputs: ReportInputs, dataMax: Double, noteAtLeft: Bool = false)
    -> ([HTMLReportJSON], [HTMLReportJSON])
  {
    var shapes: [HTMLReportJSON] = []
    var notes: [HTMLReportJSON] = []
    var farAbove: [ThresholdResult] = []
    for t in inputs.thresholds where t.metric == "http_req_duration" && !hasEndpointFilter(t) {
      let colour = t.passed ? green : red
      if dataMax > 0, t.limit > 2 * dataMax {
        farAbove.append(t)
        continue
      }
      shapes.append(horizontalLine(t.limit, colour: colour, dash: "dash"))
      notes.append(lineLabel("threshold: " + t.threshold, y: t.limit, colour: colour))
    }
    if !farAbove.isEmpty {
      let text = farAbove.map(\.threshold).joined(separator: ", ") + " (above this scale)"
      notes.append(
        .object([
          ("text", .string("threshold: " + text)), ("xref", .string("paper")), ("yref", .string("paper")),
          ("x", .number(noteAtLeft ? 0 : 1)), ("xanchor", .string(noteAtLeft ? "left" : "right")), ("y", .number(1)),
          ("yanchor", .string("top")),
          ("showarrow", .bool(false)), ("bgcolor", .string("rgba(255,255,255,0.85)")),
          ("font", .object([("size", .number(11)), ("color", .string(farAbove.allSatisfy(\.passed) ? green : red))])),
        ]))
    }
    return (shapes, notes)
  }

  static func layout(yTitle: String, shapes: [HTMLReportJSON], annotations: [HTMLReportJSON], seconds: [Double])
    -> HTMLReportJSON
  {
    .object(
      layoutMembers(yTitle: yTitle, shapes: shapes, annotations: annotations, seconds: seconds, hover: "x unified"))
  }

  /// A tick step for a time axis of `span` seconds: a round number of s giving at most 12 ticks.
  static func tickStep(_ span: Double) -> Double {
    let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400]
    return steps.first { span / $0 <= 12 } ?? 86400
  }

  /// Layout shared by every chart; `seconds` (the x values of a time series) fixes the x axis to
  /// 0…the last second with whole-second ticks.
  static func layoutMembers(
    yTitle: String, shapes: [HTMLReportJSON], annotations: [HTMLReportJSON], seconds: [Double], hover: String
  ) -> [(String, HTMLReportJSON)] {
    let yaxis: [(String, HTMLReportJSON)] = [
      ("title", .object([("text", .string(yTitle))])), ("gridcolor", .string("#e6e9ef")),
      ("rangemode", .string("tozero")), ("automargin", .bool(true)), ("zerolinecolor", .string("#c9ced8")),
    ]
    var xaxis: [(String, HTMLReportJSON)] = [
      ("title", .object([("text", .string("seconds since the test started"))])), ("gridcolor", .string("#e6e9ef")),
      ("zeroline", .bool(false)), ("automargin", .bool(true)),
    ]
    if let last = seconds.last {
      // Half a tick past the last point, so the error chart's last bar, centred on it, shows whole.
      let tick = seconds.count > 1 ? seconds[seconds.count - 1] - seconds[seconds.count - 2] : 1
      xaxis.append(("range", .numbers([0, round(last + max(tick, 0) / 2, 3)])))
      xaxis.append(("tick0", .number(0)))
      xaxis.append(("dtick", .number(tickStep(last))))
    }
    return [
      ("xaxis", .object(xaxis)),
      ("yaxis", .object(yaxis)),
      ("shapes", .array(shapes)),
      ("annotations", .array(annotations)),
      ("hovermode", .string(hover)),
      (
        "legend",
        .object([
          ("orientation", .string("h")), ("x", .number(0)), ("y", .number(1.02)), ("yanchor", .string("bottom")),
          ("traceorder", .string("normal")),
        ])
      ),
      ("margin", .object([("l", .number(60)), ("r", .number(20)), ("t", .number(40)), ("b", .number(50))])),
      ("height", .number(340)),
      ("paper_bgcolor", .string("#ffffff")),
      ("plot_bgcolor", .string("#ffffff")),
      (
        "font",
        .object([
          ("family", .string("system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif")),
          ("size", .number(12)), ("color", .string("#1f2933")),
        ])
      ),
    ]
  }
}
