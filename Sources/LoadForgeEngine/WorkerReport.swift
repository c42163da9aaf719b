import LoadForgeMetrics

/// What a worker hands the coordinator: its metrics since the previous report.
struct WorkerReport: Sendable {
  enum Kind: Sendable, Equatable {
    /// The answer to `requestInterval(index)`.
    case interval(Int)
    /// The worker ended (stop, abort or failure); nothing follows.
    case final
  }

  var kind: Kind
  var metrics: IntervalMetrics
  /// VUs running when the report was taken (including ones finishing their last request); 0 in
  /// the final report of a worker that stopped or aborted (every VU has ended).
  var activeVUs: Int
  /// Requests sent and not finished when the report was taken (VUs in `.inFlight`). In the
  /// report that closes the load phase (`stop(graceMicros:closingInterval:)`), the requests the
  /// drain waits for.
  var inFlight: Int
  /// Why the worker ended early (an unexpected syscall failure), for the final report.
  var failure: String?
  /// The final report's per-check counts over the worker's whole run (nil in interval reports:
  /// they are merged once, at the end).
  var checkItems: CheckItemCounters?
  /// The final report's failure reasons over the worker's whole run (nil in interval reports).
  var errorReasons: ErrorReasons?

  init(
    kind: Kind, metrics: IntervalMetrics, activeVUs: Int, inFlight: Int = 0, failure: String? = nil,
    checkItems: CheckItemCounters? = nil, errorReasons: ErrorReasons? = nil
  ) {
    self.checkItems = checkItems
    self.errorReasons = errorReasons
    self.kind = kind
    self.metrics = metrics
    self.activeVUs = activeVUs
    self.inFlight = inFlight
    self.failure = failure
  }

  /// Whether this report answers a wait for `interval` (nil = waiting for the final report).
  func satisfies(interval: Int?) -> Bool {
    switch kind {
    case .final: true
    case .interval(let i): interval.map { i >= $0 } ?? false
    }
  }
}
