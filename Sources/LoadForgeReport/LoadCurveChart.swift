/// A terminal chart of a load curve: one bar per column from the scheduled target per tick
/// (`LoadPlan.scheduledTargets`), drawn with the eighth blocks `▁▂▃▄▅▆▇█`, a y axis labelled in
/// whole units (targets are whole VUs or it/s) at the peak, half of it rounded (on the row whose
/// top is nearest to it) and 0, and an x axis with a few time marks rounded alike.
///
/// ```
/// VUs
/// 20 ┤   █
///    │  ▄█
/// 10 ┤ ▄██▄
///    │▄████
///  0 └┬─┬─┬─┬
///     0s  2s  4s
/// ```
///
/// Pure: the same curve gives the same text. When there are more ticks than columns, each
/// column shows the largest target of the ticks it covers, so a short burst is never lost;
/// with fewer, a tick spans several columns.
public struct LoadCurveChart: Sendable, Equatable {
  /// Columns of bars (at least 1).
  public var width: Int
  /// Rows of bars (at least 1); each row holds 8 levels.
  public var height: Int
  /// The y axis title: `VUs`, or `it/s` in the open model.
  public var unit: String

  public init(width: Int = 60, height: Int = 12, unit: String = "VUs") {
    self.width = max(1, width)
    self.height = max(1, height)
    self.unit = unit
  }

  /// The chart: a title line, `height` rows of bars, the x axis, its labels; lines joined by
  /// `\n`, no trailing newline, no trailing spaces.
  /// - Parameters:
  ///   - targets: the target of each tick, in order (VUs or iterations/s).
  ///   - durationSeconds: the run's length, s, for the x labels (the right edge).
  public func render(targets: [Int], durationSeconds: Double) -> String {
    let columns = Self.columns(targets, width: width)
    let top = max(1, columns.max() ?? 0)
    let middle = Self.middleLabel(top: top, height: height)
    let labels = (0..<height).map { row in
      row == 0 ? String(top) : row == middle?.row ? String(middle?.value ?? 0) : ""
    }
    let labelWidth = max(1, (labels + ["0"]).map(\.count).max() ?? 1)
    func pad(_ s: String) -> String { String(repeating: " ", count: labelWidth - s.count) + s }

    var lines = [unit]
    let levels = columns.map { value -> Int in
      guard value > 0 else { return 0 }
      return max(1, Int((Double(value) / Double(top) * Double(height * 8)).rounded()))
    }
    for row in 0..<height {
      let floor = (height - 1 - row) * 8
      let bars = levels.map { Self.blocks[min(8, max(0, $0 - floor))] }
      let axis = labels[row].isEmpty ? "│" : "┤"
      lines.append(Self.trimmed(pad(labels[row]) + " " + axis + String(bars)))
    }
    let marks = Self.markColumns(width: width)
    var axis = Array(repeating: Character("─"), count: width + 1)
    for mark in marks { axis[mark] = "┬" }
    lines.append(pad("0") + " └" + String(axis))

    // Row index m + 1 is under mark m. The first label starts at its mark, the last ends at
    // the edge, the others are centred; the ends are placed first, and a label that would touch
    // one already placed is left out.
    var row = Array(repeating: Character(" "), count: width + 2)
    let times = Self.axisTimes(
      marks.map { durationSeconds * Double($0) / Double(width) }, durationSeconds: durationSeconds)
    let texts = Dictionary(uniqueKeysWithValues: zip(marks, times))
    let order = [marks[0], marks[marks.count - 1]] + marks.dropFirst().dropLast()
    for mark in Set(order).count == order.count ? order : Array(marks) {
      let text = Array(texts[mark] ?? "")
      let start =
        mark == 0 ? 1 : mark == width ? width + 2 - text.count : mark + 1 - text.count / 2
      let clamped = max(0, min(start, width + 2 - text.count))
      let end = clamped + text.count
      guard end <= row.count, row[max(0, clamped - 1)..<min(row.count, end + 1)].allSatisfy({ $0 == " " })
      else { continue }
      row.replaceSubrange(clamped..<end, with: text)
    }
    lines.append(Self.trimmed(String(repeating: " ", count: labelWidth + 1) + String(row)))
    return lines.joined(separator: "\n")
  }

  /// One value per column: the largest target among the ticks column `c` covers,
  /// ticks ⌊c·n/width⌋ ..< max(that + 1, ⌊(c+1)·n/width⌋).
  static func columns(_ targets: [Int], width: Int) -> [Int] {
    guard !targets.isEmpty else { return Array(repeating: 0, count: width) }
    let n = targets.count
    return (0..<width).map { c in
      let lo = c * n / width
      let hi = max(lo + 1, (c + 1) * n / width)
      return targets[lo..<min(hi, n)].max() ?? 0
    }
  }

  /// Where the x axis is marked: its start, quarters and right edge (column `width`).
  static func markColumns(width: Int) -> [Int] {
    var marks: [Int] = []
    for mark in [0, width / 4, width / 2, 3 * width / 4, width] where !marks.contains(mark) { marks.append(mark) }
    return marks
  }

  static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// The middle y label: half the peak rounded half up (19 → 10), on the row below the top whose
  /// upper edge, top·(height − row)/height, is nearest to it (the upper one on a tie); nil when
  /// the chart has one row or the value would repeat the peak or 0 (a peak of 1).
  static func middleLabel(top: Int, height: Int) -> (row: Int, value: Int)? {
    let value = (top + 1) / 2
    guard height > 1, value > 0, value < top else { return nil }
    // Distances scaled by `height`, in integers, so a tie is exact.
    func distance(_ row: Int) -> Int { abs(top * (height - row) - value * height) }
    let row = (1..<height).min { distance($0) < distance($1) }
    return row.map { ($0, value) }
  }

  /// The x labels of one axis, rounded alike: under 1 s in all `ms`; under 1 min, one decimal
  /// on every label that is not whole (`4.5s` … `13.5s`, never `4.5s` next to a rounded `14s`);
  /// longer, every label in whole seconds, rounded half up.
  static func axisTimes(_ seconds: [Double], durationSeconds: Double) -> [String] {
    if durationSeconds < 1 { return seconds.map(time) }
    if durationSeconds < 60 {
      return seconds.map { value in
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))s" : "\(tenths / 10)s"
      }
    }
    return seconds.map { time($0.rounded()) }
  }

  /// An x label, s: `0s`, `45s`, `1m`, `1m30s`, `1h5m`; under 10 s with one decimal when not
  /// whole (`2.5s`), under 1 s in ms (`250ms`).
  static func time(_ seconds: Double) -> String {
    if seconds > 0, seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
    if seconds < 10, seconds != seconds.rounded() { return "\((seconds * 10).rounded() / 10)s" }
    let total = Int(seconds.rounded())
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60)
    if h > 0 { return "\(h)h" + (m > 0 ? "\(m)m" : "") }
    if m > 0 { return "\(m)m" + (s > 0 ? "\(s)s" : "") }
    return "\(s)s"
  }

  private static func trimmed(_ line: String) -> String {
    var line = line
    while line.last == " " { line.removeLast() }
    return line
  }
}
