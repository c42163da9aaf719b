/// The schedule the coordinator actually applies: one rounded target per tick.
///
/// Tick `i` covers [i·tick, (i+1)·tick) (the last one ends at the pattern's end, so it may be
/// shorter) and applies the pattern's value just before the tick's end — the left limit at
/// its end — rounded half away from zero. The engine starts a tick's new VUs spread evenly
/// over the tick (`Worker`), so during tick `i` the count climbs to where the curve is at the
/// tick's end: a ramp is followed continuously and reaches its end value, while a step or a
/// sudden spike still changes exactly at its boundary (the left limit before a jump is the
/// old level). With 1 s ticks:
///
/// - ramp 5→20 over 10 s applies 6.5→7, 8, 9.5→10, 11, …, 18.5→19, 20: its peak is 20 VUs;
/// - ramp 0→N does not spend its first second at 0 VUs (ramp 0→4 over 3 s: 1.33→1, 2.67→3, 4);
/// - step +10 every 10 s applies the new level from the tick starting on the boundary;
/// - an open-model ramp 10→60 it/s shows a peak rate of 60, not 55.
///
/// The left limit is the value at the end where the curve is continuous there (so an exact
/// half such as 6.5 rounds up, as k6 users expect) and the value 1 µs before the end where it
/// jumps (see `valueBeforeEnd(ofTick:)`). Everything that reports or budgets for "the peak"
/// uses `peakVUs` from here, and the coordinator takes its targets from
/// `scheduledTarget(tick:)`, so the numbers cannot drift. The open model's pacer
/// (`ArrivalPacer`) follows the continuous curve; only its per-tick rates shown come from here.
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
  /// and the VU target applied from then on: the pattern's value just before the tick's end,
  /// rounded half away from zero, never negative.
  public func scheduledTarget(tick index: Int) -> (elapsed: Double, target: Int) {
    let elapsed = Double(Int64(index) * tickMicros) / 1_000_000
    let value = valueBeforeEnd(ofTick: index).rounded()
    let target = value.isFinite && value > 0 ? Int(clamping: Int64(exactly: value) ?? Int64.max) : 0
    return (elapsed, target)
  }

  /// Every tick's start (s) and applied target, in order; `tickCount` entries.
  public var scheduledTargets: [(elapsed: Double, target: Int)] {
    (0..<tickCount).map { scheduledTarget(tick: $0) }
  }

  /// The largest target the coordinator applies during the run (VUs in the closed model); a
  /// ramp's or a spike's peak is reached, as the schedule applies each tick's end value.
  public var peakVUs: Int {
    var peak = 0
    for index in 0..<tickCount { peak = max(peak, scheduledTarget(tick: index).target) }
    return peak
  }

  /// The open model's target rate during tick `index`: the pattern just before the tick's end,
  /// iterations/s, not rounded (a ramp from 0 to 5 it/s over 2 s shows 2.5 it/s for its first
  /// second).
  public func scheduledRate(tick index: Int) -> Double {
    let value = valueBeforeEnd(ofTick: index)
    return value.isFinite && value > 0 ? value : 0
  }

  /// The largest rate the schedule shows, iterations/s (open model): a ramp's end value.
  public var peakRate: Double {
    (0..<tickCount).reduce(0) { max($0, scheduledRate(tick: $1)) }
  }

  /// The VUs the run needs at most: the pool in the open model, the peak target in the closed one.
  public var peakPoolVUs: Int { isOpenModel ? maxVUs : peakVUs }

  /// The pattern's left limit at the end of tick `index` (its end capped at the pattern's end).
  ///
  /// Sampled 1 µs before the end, a ramp reads a hair low (6.4999985 rather than 6.5, which
  /// would round down). So where the values 1 µs before and at the end differ by less than
  /// 0.001 the curve is continuous there and the value at the end is the limit; a larger
  /// difference is a jump at the end (a step, a sudden spike, a composite stage boundary), and
  /// the value 1 µs before it is the limit. (A curve steeper than 1 000 per second reads as a
  /// jump; the value before the end is then off by under 0.001 per 1 000 per second.)
  private func valueBeforeEnd(ofTick index: Int) -> Double {
    let start = Int64(index) * tickMicros
    let end = max(start + 1, min(start + tickMicros, durationMicros))
    let atEnd = pattern.target(at: Double(end) / 1_000_000)
    let before = pattern.target(at: Double(end - 1) / 1_000_000)
    return abs(atEnd - before) < 0.001 ? atEnd : before
  }
}
