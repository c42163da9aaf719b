/// The schedule the coordinator actually applies: one rounded target per tick.
///
/// The coordinator re-evaluates the pattern at the start of every tick (0, tick, 2·tick, …,
/// strictly before the end) and applies `target.rounded()` until the next tick. A pattern's
/// end value is therefore never applied when the end falls on a tick boundary: a ramp 0→4
/// over 3 s with 1 s ticks applies 0, 1, 3 (1.33 and 2.67 rounded), so its peak is 3 VUs,
/// not 4. Everything that reports or budgets for "the peak" uses `peakVUs` from here, and the
/// coordinator takes its targets from `scheduledTarget(tick:)`, so the numbers cannot drift.
extension LoadPlan {
  /// Length of one tick, µs (at least 1 ms, so a zero or tiny tick cannot spin the clock).
  public var tickMicros: Int64 {
    let micros = (tickSeconds * 1_000_000).rounded()
    guard micros.isFinite else { return 1_000_000 }
    return max(1_000, Int64(clamping: Int(exactly: micros) ?? Int.max))
  }

  /// Length of the run, µs.
  public var durationMicros: Int64 {
    let micros = (durationSeconds * 1_000_000).rounded()
    guard micros.isFinite, micros > 0 else { return 0 }
    return Int64(clamping: Int(exactly: micros) ?? Int.max)
  }

  /// Ticks in the run: ⌈duration / tick⌉, at least 1 (the last one may be shorter).
  public var tickCount: Int {
    let count = (durationMicros + tickMicros - 1) / tickMicros
    return max(1, Int(count))
  }

  /// The tick `index` (0 ≤ index < `tickCount`): when it starts (s since the run started)
  /// and the VU target applied from then on (`pattern.target(at:)` rounded half away from
  /// zero, never negative).
  public func scheduledTarget(tick index: Int) -> (elapsed: Double, target: Int) {
    let elapsed = Double(Int64(index) * tickMicros) / 1_000_000
    let value = pattern.target(at: elapsed).rounded()
    let target = value.isFinite && value > 0 ? Int(clamping: Int64(exactly: value) ?? Int64.max) : 0
    return (elapsed, target)
  }

  /// Every tick's start (s) and applied target, in order; `tickCount` entries.
  public var scheduledTargets: [(elapsed: Double, target: Int)] {
    (0..<tickCount).map { scheduledTarget(tick: $0) }
  }

  /// The largest target the coordinator applies during the run (VUs in the closed model).
  public var peakVUs: Int {
    var peak = 0
    for index in 0..<tickCount { peak = max(peak, scheduledTarget(tick: index).target) }
    return peak
  }

  /// The open model's target rate during tick `index`: the pattern at the tick's start,
  /// iterations/s, not rounded (a ramp from 0 to 5 it/s applies 2.5 it/s halfway).
  public func scheduledRate(tick index: Int) -> Double {
    let elapsed = Double(Int64(index) * tickMicros) / 1_000_000
    let value = pattern.target(at: elapsed)
    return value.isFinite && value > 0 ? value : 0
  }

  /// The largest rate the pattern reaches at any tick start, iterations/s (open model).
  public var peakRate: Double {
    (0..<tickCount).reduce(0) { max($0, scheduledRate(tick: $1)) }
  }

  /// The VUs the run needs at most: the pool in the open model, the peak target in the closed one.
  public var peakPoolVUs: Int { isOpenModel ? maxVUs : peakVUs }
}
