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
