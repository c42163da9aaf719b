/// One Plotly chart of the HTML report: its traces and layout, embedded as JSON and drawn by
/// `Plotly.newPlot` when the page opens.
struct HTMLReportFigure: Equatable {
  /// Suffix of the chart's element id (`chart-<id>`) and of its JSON's (`figure-<id>`).
  var id: String
  /// Plotly traces.
  var data: [HTMLReportJSON]
  /// Plotly layout.
  var layout: HTMLReportJSON
  /// A chart over time: every trace has one point per load snapshot (one per second).
  var isTimeSeries: Bool

  /// `{"data": […], "layout": {…}}`, the JSON embedded in the page.
  var json: HTMLReportJSON {
    .object([("data", .array(data)), ("layout", layout)])
  }
}
