/// One interval line of an `.hlog` file, with LoadForge's metadata comment for it when present.
public struct HistogramLogLine: Sendable, Equatable {
  /// `Tag=` of the line (an endpoint, `service`, `service/<endpoint>`); nil for the untagged line.
  public var tag: String?
  /// Interval start, s after the log's base time (the run's start).
  public var startSeconds: Double
  /// Interval length, s.
  public var lengthSeconds: Double
  /// The interval's largest sample as written, ms.
  public var maxMilliseconds: Double
  public var histogram: DecodedHistogram
  /// Exact sum of the samples, µs (LoadForge comment; nil in logs of other tools).
  public var sumMicros: UInt64?
  /// Complete responses per status code (LoadForge comment; empty in logs of other tools).
  public var statusCodes: [Int: Int]
  /// Requests with outcome `http_3xx` (LoadForge comment; 0 in logs of other tools).
  public var http3xx: Int = 0

  public init(
    tag: String?, startSeconds: Double, lengthSeconds: Double, maxMilliseconds: Double, histogram: DecodedHistogram,
    sumMicros: UInt64? = nil, statusCodes: [Int: Int] = [:]
  ) {
    self.tag = tag
    self.startSeconds = startSeconds
    self.lengthSeconds = lengthSeconds
    self.maxMilliseconds = maxMilliseconds
    self.histogram = histogram
    self.sumMicros = sumMicros
    self.statusCodes = statusCodes
  }
}
