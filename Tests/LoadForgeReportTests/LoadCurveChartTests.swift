import Testing

@testable import LoadForgeReport

/// `LoadCurveChart`: exact text for tiny curves (block levels, downsampling by max, stretching,
/// axis labels and marks).
@Suite struct LoadCurveChartTests {
  @Test func rampDrawsFullBlocksAndLabelsPeakHalfAndZero() {
    let chart = LoadCurveChart(width: 4, height: 2)
    #expect(
      chart.render(targets: [0, 1, 2, 2], durationSeconds: 4) == """
        VUs
        2 ┤  ██
        1 ┤ ███
        0 └┬┬┬┬┬
           0s 4s
        """)
  }

  @Test func moreTicksThanColumnsKeepsTheLargestOfEachColumn() {
    // 9 ticks over 3 columns: [1,0,0] [4,0,0] [2,2,0] → 1, 4, 2 of 4 → 2, 8, 4 eighths.
    let chart = LoadCurveChart(width: 3, height: 1)
    #expect(
      chart.render(targets: [1, 0, 0, 4, 0, 0, 2, 2, 0], durationSeconds: 9) == """
        VUs
        4 ┤▂█▄
        0 └┬┬┬┬
           0s
        """)
  }

  @Test func fewerTicksThanColumnsSpreadEachTick() {
    let chart = LoadCurveChart(width: 6, height: 2, unit: "it/s")
    #expect(
      chart.render(targets: [2, 1], durationSeconds: 2) == """
        it/s
        2 ┤███
        1 ┤██████
        0 └┬┬─┬┬─┬
           0s   2s
        """)
  }

  @Test func partialBlocksAndWideLabels() {
    // top 16 over 2 rows of 8 eighths: one eighth per VU; 12 fills row 1 and half of row 0.
    let chart = LoadCurveChart(width: 8, height: 2)
    #expect(
      chart.render(targets: [3, 12, 16, 16, 12, 8, 0, 0], durationSeconds: 120) == """
        VUs
        16 ┤ ▄██▄
         8 ┤▃█████
         0 └┬─┬─┬─┬─┬
            0s 1m  2m
        """)
  }

  @Test func flatZeroCurveStillHasAScale() {
    #expect(
      LoadCurveChart(width: 2, height: 1).render(targets: [0, 0], durationSeconds: 2) == """
        VUs
        1 ┤
        0 └┬┬┬
           0s
        """)
  }

  @Test func labelsAreWholeAndTheXAxisIsRoundedAlike() {
    // Peak 19 over 4 rows: the middle label is 19/2 = 9.5 rounded half up = 10, on the row whose
    // top edge is nearest (19·3/4 = 14.25, 19·2/4 = 9.5, 19·1/4 = 4.75 → the third row), never
    // `9.5`. Bars: 19 → 32 eighths, 10 → 10/19·32 = 16.8 → 17 (two full rows and ▁).
    // Marks at 0, 18·10/40 = 4.5, 9, 13.5, 18 s: one decimal on both halves, not `4.5s` and `14s`.
    let chart = LoadCurveChart(width: 40, height: 4)
    let full = String(repeating: "█", count: 20)
    #expect(
      chart.render(targets: [19, 10], durationSeconds: 18) == """
        VUs
        19 ┤\(full)
           │\(full)\(String(repeating: "▁", count: 20))
        10 ┤\(full)\(full)
           │\(full)\(full)
         0 └┬─────────┬─────────┬─────────┬─────────┬
            0s      4.5s       9s       13.5s     18s
        """)
  }

  /// (peak, rows) → (row, value) of the middle label: half the peak rounded half up, on the row
  /// whose top edge peak·(rows − row)/rows is nearest.
  @Test(arguments: [
    (19, 12, 6, 10),  // 9.5 → 10; row 6's edge is 9.5
    (3, 2, 1, 2),  // 1.5 → 2 on the only inner row (edge 1.5)
    (2, 2, 1, 1),
    (100, 3, 1, 50),  // edges 66.7 and 33.3 are both 16.7 away: the upper one
    (7, 5, 2, 4),  // 3.5 → 4; edges of rows 1 … 4: 5.6, 4.2, 2.8, 1.4 → row 2
  ])
  func middleLabel(top: Int, height: Int, row: Int, value: Int) {
    let label = LoadCurveChart.middleLabel(top: top, height: height)
    #expect(label?.row == row && label?.value == value)
  }

  @Test func noMiddleLabelThatRepeatsAnother() {
    #expect(LoadCurveChart.middleLabel(top: 1, height: 4) == nil)  // 0.5 → 1, the peak's label
    #expect(LoadCurveChart.middleLabel(top: 19, height: 1) == nil)  // one row: the peak's
  }

  /// Mark times of one axis and their labels.
  @Test(arguments: [
    (18.0, [0, 4.5, 9, 13.5, 18], ["0s", "4.5s", "9s", "13.5s", "18s"]),
    (2.5, [0, 0.625, 1.25, 1.875, 2.5], ["0s", "0.6s", "1.3s", "1.9s", "2.5s"]),  // tenths, half up
    (0.5, [0, 0.125, 0.25, 0.375, 0.5], ["0s", "125ms", "250ms", "375ms", "500ms"]),
    (90.0, [0, 22.5, 45, 67.5, 90], ["0s", "23s", "45s", "1m8s", "1m30s"]),  // whole seconds, half up
    (40.0, [0, 10, 20, 30, 40], ["0s", "10s", "20s", "30s", "40s"]),
  ])
  func axisTimes(duration: Double, marks: [Double], labels: [String]) {
    #expect(LoadCurveChart.axisTimes(marks, durationSeconds: duration) == labels)
  }

  @Test func downsamplingTable() {
    #expect(LoadCurveChart.columns([5, 1, 1, 1, 1, 9], width: 2) == [5, 9])
    #expect(LoadCurveChart.columns([1, 2, 3], width: 3) == [1, 2, 3])
    #expect(LoadCurveChart.columns([7], width: 3) == [7, 7, 7])
    #expect(LoadCurveChart.columns([], width: 2) == [0, 0])
  }

  @Test(arguments: [
    (0.0, "0s"), (0.25, "250ms"), (2.5, "2.5s"), (45, "45s"), (60, "1m"), (90, "1m30s"), (3600, "1h"),
    (3900, "1h5m"),
  ])
  func timeLabels(seconds: Double, label: String) {
    #expect(LoadCurveChart.time(seconds) == label)
  }
}
