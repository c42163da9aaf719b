import Histogram

/// The latency histograms of one closed interval (the one the `Snapshot` handed out with it
/// describes), for outputs that keep whole distributions, such as `latency.hlog`.
///
/// Histograms use the `LatencyHistogram` layout (µs). `service` histograms are only filled in
/// the open model (service time from the actual send); they are empty in the closed model.
public struct IntervalHistograms: Sendable {
  /// One metric group's distributions in the interval.
  public struct Group: Sendable {
    /// Latency of complete responses, µs.
    public var latency: Histogram<UInt64>
    /// Exact sum of `latency`'s samples, µs (for an exact mean).
    public var latencySumMicros: UInt64
    /// Open model: service time, µs; empty in the closed model.
    public var service: Histogram<UInt64>
    /// Exact sum of `service`'s samples, µs.
    public var serviceSumMicros: UInt64
    /// Complete responses per status code.
    public var statusCodes: [Int: Int]
    /// Requests whose outcome was `http_3xx` (a redirect not followed; not a failure).
    public var http3xx: Int

    public init(
      latency: Histogram<UInt64> = LatencyHistogram.make(), latencySumMicros: UInt64 = 0,
      service: Histogram<UInt64> = LatencyHistogram.make(), serviceSumMicros: UInt64 = 0,
      statusCodes: [Int: Int] = [:], http3xx: Int = 0
    ) {
      self.http3xx = http3xx
      self.latency = latency
      self.latencySumMicros = latencySumMicros
      self.service = service
      self.serviceSumMicros = serviceSumMicros
      self.statusCodes = statusCodes
    }
  }

  /// Start of the interval, s since the run started.
  public var startSeconds: Double
  /// Length of the interval, s.
  public var intervalSeconds: Double
  /// Per endpoint, in plan order.
  public var endpoints: [Group]
  /// All endpoints merged.
  public var all: Group

  public init(startSeconds: Double, intervalSeconds: Double, endpoints: [Group], all: Group) {
    self.startSeconds = startSeconds
    self.intervalSeconds = intervalSeconds
    self.endpoints = endpoints
    self.all = all
  }
}
