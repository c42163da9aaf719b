/// A worker's local recorder: per-endpoint HDR histograms and per-class counters for the
/// current interval. Used by exactly one thread (the worker's event loop); not Sendable.
public final class MetricsRecorder {
  /// - Parameter endpointCount: number of metric groups (`Plan.endpoints.count`).
  public init(endpointCount: Int) {
    fatalError("not implemented yet")
  }

  /// Records one finished request.
  /// - Parameters:
  ///   - endpoint: index into the plan's endpoints.
  ///   - outcome: its class.
  ///   - latencyMicros: from the moment the request was due to the last response byte, µs.
  ///   - bytesReceived: response bytes on the wire.
  public func record(endpoint: Int, outcome: RequestOutcome, latencyMicros: UInt64, bytesReceived: Int) {
    fatalError("not implemented yet")
  }

  /// Counts a newly opened TCP connection.
  public func recordConnectionOpened() {
    fatalError("not implemented yet")
  }

  /// Hands over everything recorded since the last call and starts a fresh interval.
  public func takeInterval() -> IntervalMetrics {
    fatalError("not implemented yet")
  }
}

/// One worker's metrics for one interval; merged by the coordinator. Sendable plain data.
public struct IntervalMetrics: Sendable {
  public init() {}
}
