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
      snaps.map { $0.requests - $0.failed > 0 || $0.latency.max > 0 ? round(pick($0.latency), 3) : nil }
    }
    let data: [HTMLReportJSON] = [
      line(name: "p50 (median)", x: x, y: series(\.p50), colour: blue, hover: "%{y:.2f} ms"),
      line(
        name: "p95", x: x, y: series(\.p95), colour: orange, hover: "%{y:.2f} ms", fill: "tonexty",
        fillColour: "rgba(230,159,0,0.15)"),
      line(
        name: "p99", x: x, y: series(\.p99), colour: red, hover: "%{y:.2f} ms", fill: "tonexty",
        fillColour: "rgba(192,57,43,0.10)"),
    ]
    let highest = snaps.map { $0.latency.p99 }.max() ?? 0
    let (shapes, notes) = latencyThresholdLines(inputs, dataMax: highest)
    return HTMLReportFigure(
      id: "latency", data: data,
      layout: layout(yTitle: "latency (ms)", shapes: shapes, annotations: notes, seconds: x), isTimeSeries: true)
  }

  /// The HDR percentile curve: x = 1/(1 − percentile) on a log axis labelled in "nines", as
  /// HdrHistogram's plotter draws `outputPercentileDistribution` (the 100 % point, at infinity
  /// there, is left out; it is the maximum shown in the summary).
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
    let largest = x.max() ?? 1
    var tickValues: [Double] = []
    var tickText: [String] = []
    let labels = ["0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"]
    for (i, label) in labels.enumerated() {
      let v = pow10(i)
      tickValues.append(v)
      tickText.append(label)
      if v >= largest { break }
    }
    tickValues.insert(2, at: 1)
    tickText.insert("50%", at: 1)
    let (shapes, notes) = latencyThresholdLines(inputs, dataMax: points.map(\.latencyMs).max() ?? 0)
    var lay = layoutMembers(yTitle: "latency (ms)", shapes: shapes, annotations: notes, seconds: [], hover: "closest")
    lay.replace(
      "xaxis",
      with: .object([
        ("title", .object([("text", .string("percentile: share of requests that took at most this long"))])),
        ("type", .string("log")), ("range", .numbers([0, log10(tickValues.last ?? 10)])),
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
        ("y", .numbers(eps.map { round(pick($0.latency), 3) })),
        ("marker", .object([("color", .string(colour))])),
        ("hovertemplate", .string("%{x}<br>" + name + ": %{y:.2f} ms<extra></extra>")),
      ])
    }
    var lay = layoutMembers(yTitle: "latency (ms)", shapes: [], annotations: [], seconds: [], hover: "closest")
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
    // Each bar covers the second it counts, (t − tick, t], not a span centred on its end.
    let tick = inputs.runInfo.tickSeconds > 0 ? inputs.runInfo.tickSeconds : 1
    let span: [(String, HTMLReportJSON)] = [
      ("width", .number(round(tick * 0.8, 3))), ("offset", .number(round(-tick * 0.9, 3))),
    ]
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
      notes.append(
        .object([
          ("text", .string("No request failed during the load phase")), ("xref", .string("paper")),
          ("yref", .string("paper")), ("x", .number(0.5)), ("y", .number(0.5)), ("showarrow", .bool(false)),
          ("font", .object([("size", .number(15)), ("color", .string(green))])),
        ]))
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

  /// Lines for the latency thresholds (`http_req_duration…`), green when passed, red when not.
  /// A limit far above everything plotted (over twice `dataMax`) would flatten the data into the
  /// axis, so it is named in a corner note instead of drawn.
  static func latencyThresholdLines(_ inputs: ReportInputs, dataMax: Double) -> ([HTMLReportJSON], [HTMLReportJSON]) {
    var shapes: [HTMLReportJSON] = []
    var notes: [HTMLReportJSON] = []
    var farAbove: [ThresholdResult] = []
    for t in inputs.thresholds where t.metric == "http_req_duration" {
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
          ("x", .number(1)), ("xanchor", .string("right")), ("y", .number(1)), ("yanchor", .string("bottom")),
          ("showarrow", .bool(false)),
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
      xaxis.append(("range", .numbers([0, last])))
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
