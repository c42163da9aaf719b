import LoadForgeMetrics

extension Coordinator {
  /// What the coordinator has heard from its workers during one run: their metrics (merged
  /// into the aggregator's current interval), each worker's latest VU and in-flight counts, and
  /// which workers have sent their final report.
  struct Tally {
    var aggregator: MetricsAggregator
    private var workerActiveVUs: [Int]
    private var workerInFlight: [Int]
    /// Indices of the workers whose final report arrived.
    private(set) var finished = Set<Int>()

    init(aggregator: MetricsAggregator, workerCount: Int) {
      self.aggregator = aggregator
      workerActiveVUs = Array(repeating: 0, count: workerCount)
      workerInFlight = Array(repeating: 0, count: workerCount)
    }

    /// VUs running, all workers, as of each one's latest report.
    var activeVUs: Int { workerActiveVUs.reduce(0, +) }
    /// Requests in flight, all workers, as of each one's latest report.
    var inFlight: Int { workerInFlight.reduce(0, +) }

    /// Merges the report of worker `index` (a final one also its per-check counts); a failure it
    /// carries goes to `failures`.
    mutating func absorb(_ report: WorkerReport, from index: Int, failures: ConditionBox<[String]>) {
      aggregator.merge(report.metrics)
      if let items = report.checkItems { aggregator.mergeCheckItems(items) }
      if let reasons = report.errorReasons { aggregator.mergeErrorReasons(reasons) }
      workerActiveVUs[index] = report.activeVUs
      workerInFlight[index] = report.inFlight
      if report.kind == .final { finished.insert(index) }
      if let failure = report.failure { failures.update { $0.append(failure) } }
    }
  }
}
