/// One worker's metrics for one interval; merged by the coordinator. Sendable plain data.
///
/// Codable, and also has a compact binary form (`encoded()`, `init(encoded:)`) for the
/// worker → coordinator channel.
public struct IntervalMetrics: Sendable, Equatable, Codable {
  /// Indexed like the plan's endpoints. May be shorter than the endpoint list (missing = nothing
  /// recorded), never longer.
  public var endpoints: [EndpointIntervalMetrics]
  /// TCP connections opened during the interval (HTTP-CASES C1: churn is visible, not an error).
  public var connectionsOpened: Int
  /// Open model: iterations given to a free VU during the interval.
  public var iterationsStarted: Int
  /// Open model: iterations due during the interval that found no free VU (never queued).
  public var droppedIterations: Int
  /// Requests sent again after a stale keep-alive connection (`MetricsRecorder.recordRetry`).
  public var retried: Int = 0

  /// Empty: no endpoints, nothing recorded.
  public init() {
    endpoints = []
    connectionsOpened = 0
    iterationsStarted = 0
    droppedIterations = 0
  }

  public init(
    endpoints: [EndpointIntervalMetrics], connectionsOpened: Int, iterationsStarted: Int = 0,
    droppedIterations: Int = 0,
    retried: Int = 0
  ) {
    self.retried = retried
    self.endpoints = endpoints
    self.connectionsOpened = connectionsOpened
    self.iterationsStarted = iterationsStarted
    self.droppedIterations = droppedIterations
  }

  /// Requests in every endpoint and class.
  public var totalRequests: Int { endpoints.reduce(0) { $0 + $1.outcomes.total } }
}
