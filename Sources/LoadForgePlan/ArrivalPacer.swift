/// When each iteration of the open model starts: a pure function of the pattern (read as
/// iterations per second) and the iteration's number.
///
/// Iterations due by elapsed time t are I(t) = ∫₀ᵗ rate(s) ds; iteration k (k = 0, 1, 2 …)
/// starts at the first t where I(t) reaches k, and only when that t is before the pattern's
/// end. Every start time is computed from k alone, never by adding intervals, so a long run
/// does not drift (as vegeta's `pace(elapsed, hits)` and k6's ramping-arrival-rate).
///
/// The rate is held as linear segments: exact for constant, ramp, step and spike (their curves
/// are linear between breakpoints) and for composites of them; a diurnal curve is approximated
/// by chords every `curveStepMicros` (10 ms: the integral of a sine with a period ≥ 1 s is then
/// off by less than 0.01 iteration per period).
public struct ArrivalPacer: Sendable, Equatable {
  /// One piece of the rate curve: linear from `startRate` to `endRate` (iterations/s) over
  /// [`start`, `end`) µs since the run started.
  struct Segment: Sendable, Equatable {
    var start: Int64
    var end: Int64
    var startRate: Double
    var endRate: Double
    /// Iterations due in the segment.
    var integral: Double { (startRate + endRate) / 2 * Double(end - start) / 1_000_000 }
  }

  let segments: [Segment]
  /// Iterations due before each segment (`cumulative[i]`), and in all (`cumulative.last`).
  let cumulative: [Double]
  /// The pattern's length, µs.
  public let durationMicros: Int64
  /// Iterations the whole pattern starts: the k with a start time before its end.
  public let totalIterations: Int

  /// Chord length for curved patterns (diurnal), µs.
  static let curveStepMicros: Int64 = 10_000
  /// Slack for float rounding when a due count lands on an integer (400.0000001 is 400): sums
  /// of thousands of chords carry errors far below it, and no rate makes a real 10⁻⁶ matter.
  static let epsilon = 1e-6

  /// - Parameter pattern: read as iterations per second.
  public init(pattern: TrafficPattern) {
    var segments: [Segment] = []
    Self.appendSegments(of: pattern, offset: 0, to: &segments)
    self.segments = segments
    var cumulative: [Double] = [0]
    for segment in segments { cumulative.append(cumulative[cumulative.count - 1] + segment.integral) }
    self.cumulative = cumulative
    durationMicros = Self.micros(pattern.durationSeconds)
    let total = cumulative[cumulative.count - 1]
    totalIterations = total > 0 ? Int((total - Self.epsilon).rounded(.up)) : 0
  }

  /// Iterations due in [0, `elapsedMicros`]: I(t), s⁻¹·s (a fraction; not rounded).
  public func integral(atMicros elapsedMicros: Int64) -> Double {
    guard elapsedMicros > 0, let last = segments.last else { return 0 }
    if elapsedMicros >= last.end { return cumulative[segments.count] }
    // Last segment starting at or before t.
    var low = 0
    var high = segments.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if segments[mid].start <= elapsedMicros { low = mid } else { high = mid - 1 }
    }
    let s = segments[low]
    let tau = Double(elapsedMicros - s.start) / 1_000_000
    let length = Double(s.end - s.start) / 1_000_000
    let slope = (s.endRate - s.startRate) / length
    return cumulative[low] + s.startRate * tau + slope * tau * tau / 2
  }

  /// Iterations started by `elapsedMicros` (start time ≤ t), at most `totalIterations`.
  public func iterationsDue(atMicros elapsedMicros: Int64) -> Int {
    guard elapsedMicros >= 0, totalIterations > 0 else { return 0 }
    let due = Int((integral(atMicros: elapsedMicros) + Self.epsilon).rounded(.down)) + 1
    return min(due, totalIterations)
  }

  /// When iteration `k` (0-based) starts, µs since the run started; nil when it never does
  /// (k ≥ `totalIterations`: its start would fall at or after the pattern's end).
  public func startMicros(ofIteration k: Int) -> Int64? {
    guard k >= 0, k < totalIterations else { return nil }
    let target = Double(k)
    // First segment whose end has more than k iterations due (so I crosses k inside it).
    var low = 0
    var high = segments.count - 1
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid + 1] > target + Self.epsilon { high = mid } else { low = mid + 1 }
    }
    let s = segments[low]
    let x = max(0, target - cumulative[low])
    let length = Double(s.end - s.start) / 1_000_000
    let slope = (s.endRate - s.startRate) / length
    // Solve startRate·τ + slope·τ²/2 = x; the form 2x / (r + √(r² + 2·slope·x)) is stable for
    // either sign of the slope and for a segment starting at rate 0.
    let root = (s.startRate * s.startRate + 2 * slope * x).squareRoot()
    let denominator = s.startRate + root
    let tau = denominator > 0 ? 2 * x / denominator : 0
    let micros = s.start + Int64((tau * 1_000_000).rounded(.up))
    return min(max(micros, s.start), s.end)
  }

  /// What to do now, given the time and the iterations started so far (vegeta's pacer shape).
  public func pace(elapsedMicros: Int64, started: Int) -> Pace {
    guard let due = startMicros(ofIteration: started) else { return .stop }
    return due <= elapsedMicros ? .startNow(scheduledMicros: due) : .wait(micros: due - elapsedMicros)
  }

  /// The pacer's answer.
  public enum Pace: Sendable, Equatable {
    /// Start the next iteration now; it was due at `scheduledMicros` (its latency counts from there).
    case startNow(scheduledMicros: Int64)
    /// The next iteration is due in this many µs.
    case wait(micros: Int64)
    /// Every iteration of the pattern has started.
    case stop
  }

  // MARK: - Segments

  private static func appendSegments(of pattern: TrafficPattern, offset: Int64, to out: inout [Segment]) {
    let length = micros(pattern.durationSeconds)
    guard length > 0 else { return }
    var breaks: [Int64]
    switch pattern {
    case .constant, .ramp:
      breaks = [0, length]
    case .step(let p):
      let step = micros(p.stepDurationSeconds)
      breaks = step > 0 ? Array(stride(from: 0, to: length, by: Int(step)).map { Int64($0) }) + [length] : [0, length]
    case .spike(let p):
      let cuts = [p.beforeSeconds, p.rampUpSeconds, p.holdSeconds, p.rampDownSeconds]
      breaks = [0]
      var at: Int64 = 0
      for cut in cuts {
        at += micros(cut)
        if at > breaks[breaks.count - 1] && at < length { breaks.append(at) }
      }
      breaks.append(length)
    case .diurnal:
      breaks = Array(stride(from: 0, to: length, by: Int(curveStepMicros)).map { Int64($0) }) + [length]
    case .composite(let p):
      var start = offset
      for stage in p.stages {
        appendSegments(of: stage, offset: start, to: &out)
        start += micros(stage.durationSeconds)
      }
      return
    }
    for (a, b) in zip(breaks, breaks.dropFirst()) where b > a {
      // Linear between breakpoints: the value at the start and, extended from the midpoint,
      // the value just before the end (a step or spike jumps exactly at a breakpoint).
      let startRate = max(0, pattern.target(at: seconds(a)))
      let middle = max(0, pattern.target(at: (seconds(a) + seconds(b)) / 2))
      let endRate = max(0, 2 * middle - startRate)
      out.append(Segment(start: offset + a, end: offset + b, startRate: startRate, endRate: endRate))
    }
  }

  private static func seconds(_ micros: Int64) -> Double { Double(micros) / 1_000_000 }

  static func micros(_ seconds: Double) -> Int64 {
    let value = (seconds * 1_000_000).rounded()
    guard value.isFinite, value > 0 else { return 0 }
    return Int64(exactly: value) ?? Int64.max / 4
  }
}
