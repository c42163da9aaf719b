import Foundation
import Testing

@testable import LoadForgeMetrics

/// `max_deviation` and `dropped_iterations` as the aggregator folds load intervals (hand values).
struct MetricsAggregatorDeviationTests {
  static let endpoints = [EndpointInfo(name: "a", method: "GET")]

  @Test func closedModelTakesTheLargestVUGapOfALoadInterval() {
    var agg = MetricsAggregator(endpoints: Self.endpoints)
    _ = agg.closeInterval(elapsedSeconds: 1, intervalSeconds: 1, targetVUs: 10, activeVUs: 8)
    _ = agg.closeInterval(elapsedSeconds: 2, intervalSeconds: 1, targetVUs: 20, activeVUs: 17)
    _ = agg.closeInterval(elapsedSeconds: 3, intervalSeconds: 1, targetVUs: 20, activeVUs: 20)
    // The drain (target 0, VUs finishing) is not part of the load phase.
    _ = agg.closeDrain(elapsedSeconds: 3.5, intervalSeconds: 0.5, tickSeconds: 1, activeVUs: 20)
    let summary = agg.summary(startedAt: Date(), loadDurationSeconds: 3, interrupted: false)
    #expect(summary.maxDeviation == LoadDeviation(value: 3, unit: "vus", elapsedSeconds: 2))
    #expect(summary.droppedIterations == 0)
    #expect(summary.service == nil)
  }

  @Test func openModelComparesAchievedWithTargetRate() {
    let r = MetricsRecorder(endpointCount: 1)
    var agg = MetricsAggregator(endpoints: Self.endpoints, isOpenModel: true)
    // 0.5 s interval: 40 started against 100 it/s asked = 80 it/s achieved, 20 off.
    for _ in 0..<40 { r.recordIterationStarted() }
    for _ in 0..<10 { r.recordDroppedIteration() }
    agg.merge(r.takeInterval())
    let first = agg.closeInterval(
      elapsedSeconds: 0.5, intervalSeconds: 0.5, targetVUs: 8, activeVUs: 8, targetRate: 100)
    #expect(first.achievedRate == 80)
    #expect(first.targetRate == 100)
    #expect(first.droppedIterations == 10)
    // 1 s interval on target.
    for _ in 0..<100 { r.recordIterationStarted() }
    agg.merge(r.takeInterval())
    let second = agg.closeInterval(
      elapsedSeconds: 1.5, intervalSeconds: 1, targetVUs: 8, activeVUs: 2, targetRate: 100)
    #expect(second.achievedRate == 100)
    #expect(second.droppedIterations == 0)
    let summary = agg.summary(startedAt: Date(), loadDurationSeconds: 1.5, interrupted: false)
    #expect(summary.maxDeviation == LoadDeviation(value: 20, unit: "it/s", elapsedSeconds: 0.5))
    #expect(summary.droppedIterations == 10)
  }

  /// Retries of stale keep-alive requests: per interval from every worker, summed over the run,
  /// never counted as requests.
  @Test func retriesAreCountedPerIntervalAndOverTheRun() {
    let w1 = MetricsRecorder(endpointCount: 1)
    let w2 = MetricsRecorder(endpointCount: 1)
    var agg = MetricsAggregator(endpoints: Self.endpoints)
    w1.recordRetry()
    w2.recordRetry()
    w2.recordRetry()
    w1.record(endpoint: 0, status: 200, latencyMicros: 100, bytesReceived: 10)
    agg.merge(w1.takeInterval())
    agg.merge(w2.takeInterval())
    let first = agg.closeInterval(elapsedSeconds: 1, intervalSeconds: 1, targetVUs: 1, activeVUs: 1)
    #expect(first.retried == 3)
    #expect(first.requests == 1)
    w1.recordRetry()
    agg.merge(w1.takeInterval())
    #expect(!agg.intervalIsEmpty)
    let second = agg.closeInterval(elapsedSeconds: 2, intervalSeconds: 1, targetVUs: 1, activeVUs: 1)
    #expect(second.retried == 1)
    #expect(second.requests == 0)
    let summary = agg.summary(startedAt: Date(), loadDurationSeconds: 2, interrupted: false)
    #expect(summary.retried == 4)
    #expect(summary.requests.total == 1)
  }
}
