import Testing

@testable import LoadForgeMetrics

struct MetricsRecorderTests {
  @Test func countsEveryRequestInItsClassAndTimesOnlyCompleteResponses() {
    let r = MetricsRecorder(endpointCount: 2)
    r.record(endpoint: 0, outcome: .success, latencyMicros: 1_000, bytesReceived: 100)
    r.record(endpoint: 0, outcome: .success, latencyMicros: 3_000, bytesReceived: 100)
    r.record(endpoint: 0, outcome: .http5xx, latencyMicros: 2_000, bytesReceived: 50)
    r.record(endpoint: 0, outcome: .responseTimeout, latencyMicros: 10_000_000, bytesReceived: 7)
    r.record(endpoint: 1, outcome: .connectionRefused, latencyMicros: 12, bytesReceived: 0)
    r.record(endpoint: 1, outcome: .protocolError, latencyMicros: 40, bytesReceived: 30)
    r.record(endpoint: 1, outcome: .http4xx, latencyMicros: 500, bytesReceived: 20)
    r.record(endpoint: 1, outcome: .aborted, latencyMicros: 4_000_000, bytesReceived: 9)
    r.recordConnectionOpened()
    r.recordConnectionOpened()

    let m = r.takeInterval()
    #expect(m.connectionsOpened == 2)
    #expect(m.endpoints.count == 2)
    #expect(m.totalRequests == 8)

    let e0 = m.endpoints[0]
    #expect(e0.outcomes[.success] == 2)
    #expect(e0.outcomes[.http5xx] == 1)
    #expect(e0.outcomes[.responseTimeout] == 1)
    #expect(e0.outcomes.total == 4)
    #expect(e0.bytesReceived == 257)
    #expect(e0.latency.totalCount == 3)  // the timeout is counted, not timed
    #expect(e0.latencySumMicros == 6_000)
    #expect(e0.latency.histogram.maxRecorded == 3_000)

    let e1 = m.endpoints[1]
    #expect(e1.outcomes[.connectionRefused] == 1)
    #expect(e1.outcomes[.protocolError] == 1)
    #expect(e1.outcomes[.http4xx] == 1)
    #expect(e1.outcomes[.aborted] == 1)
    #expect(e1.latency.totalCount == 1)  // the aborted request is counted, not timed
    #expect(e1.latency.values == [500])
    #expect(e1.bytesReceived == 59)
  }

  @Test func takeIntervalResetsEverything() {
    let r = MetricsRecorder(endpointCount: 1)
    r.record(endpoint: 0, status: 200, latencyMicros: 900, bytesReceived: 10)
    r.recordConnectionOpened()
    _ = r.takeInterval()
    let empty = r.takeInterval()
    #expect(empty.connectionsOpened == 0)
    #expect(empty.endpoints[0] == EndpointIntervalMetrics())

    r.record(endpoint: 0, status: 200, latencyMicros: 4, bytesReceived: 1)
    let next = r.takeInterval()
    #expect(next.endpoints[0].latency.values == [4])
    #expect(next.endpoints[0].latency.counts == [1])
    #expect(next.endpoints[0].statusCodes == [200: 1])
  }

  @Test func checkedResponsesKeepTheirStatusAndTheEnginesClassAndCountChecks() {
    let r = MetricsRecorder(endpointCount: 2)
    // A 404 a status check accepts is a success; its status code is still counted as 404.
    r.record(
      endpoint: 0, status: 404, outcome: .success, checksPassed: 1, checksFailed: 0, latencyMicros: 300,
      bytesReceived: 40)
    r.record(
      endpoint: 0, status: 200, outcome: .checkFailed, checksPassed: 2, checksFailed: 1, latencyMicros: 700,
      bytesReceived: 60)
    r.record(endpoint: 1, status: 200, latencyMicros: 100, bytesReceived: 10)
    let m = r.takeInterval()
    #expect(m.endpoints[0].outcomes[.success] == 1)
    #expect(m.endpoints[0].outcomes[.checkFailed] == 1)
    #expect(m.endpoints[0].outcomes[.http4xx] == 0)
    #expect(m.endpoints[0].statusCodes == [404: 1, 200: 1])
    #expect(m.endpoints[0].checks == CheckCounts(passed: 3, failed: 1))
    // A check failure is a complete response: timed.
    #expect(m.endpoints[0].latency.totalCount == 2)
    #expect(m.endpoints[0].latencySumMicros == 1_000)
    #expect(m.endpoints[1].checks == CheckCounts())
    #expect(r.takeInterval().endpoints[0].checks == CheckCounts())
  }

  @Test func statusOverloadClassifiesAndCountsCodes() {
    let r = MetricsRecorder(endpointCount: 1)
    r.record(endpoint: 0, status: 200, latencyMicros: 100, bytesReceived: 0)
    r.record(endpoint: 0, status: 302, latencyMicros: 100, bytesReceived: 0)
    r.record(endpoint: 0, status: 429, latencyMicros: 100, bytesReceived: 0)
    r.record(endpoint: 0, status: 429, latencyMicros: 100, bytesReceived: 0)
    r.record(endpoint: 0, status: 503, latencyMicros: 100, bytesReceived: 0)
    let e = r.takeInterval().endpoints[0]
    #expect(e.statusCodes == [200: 1, 302: 1, 429: 2, 503: 1])
    #expect(e.outcomes[.success] == 1)
    #expect(e.outcomes[.http3xx] == 1)
    #expect(e.outcomes[.http4xx] == 2)
    #expect(e.outcomes[.http5xx] == 1)
    #expect(e.latency.totalCount == 5)
  }

  @Test func statusCodesAtAndPastTheDenseRangeAreCountedPerEndpointAndInterval() {
    let r = MetricsRecorder(endpointCount: 2)
    for status in [99, 100, 100, 599, 600, 0, -1, 1_000] {
      r.record(endpoint: 1, status: status, latencyMicros: 10, bytesReceived: 0)
    }
    r.record(endpoint: 0, status: 204, latencyMicros: 10, bytesReceived: 0)
    let first = r.takeInterval()
    #expect(first.endpoints[0].statusCodes == [204: 1])
    #expect(first.endpoints[1].statusCodes == [99: 1, 100: 2, 599: 1, 600: 1, 0: 1, -1: 1, 1_000: 1])
    // The next interval starts from zero, in both tables.
    r.record(endpoint: 1, status: 600, latencyMicros: 10, bytesReceived: 0)
    r.record(endpoint: 1, status: 100, latencyMicros: 10, bytesReceived: 0)
    let second = r.takeInterval()
    #expect(second.endpoints[0].statusCodes == [:])
    #expect(second.endpoints[1].statusCodes == [600: 1, 100: 1])
  }

  @Test func latencyAboveOneHourIsClampedNotDropped() {
    let r = MetricsRecorder(endpointCount: 1)
    r.record(endpoint: 0, outcome: .success, latencyMicros: .max, bytesReceived: 0)
    let e = r.takeInterval().endpoints[0]
    #expect(e.latency.totalCount == 1)
    #expect(e.latency.values == [LatencyHistogram.highestTrackableMicros])
    #expect(e.latencySumMicros == LatencyHistogram.highestTrackableMicros)
  }

  @Test func noEndpointsIsValid() {
    let r = MetricsRecorder(endpointCount: 0)
    r.recordConnectionOpened()
    let m = r.takeInterval()
    #expect(m.endpoints.isEmpty)
    #expect(m.connectionsOpened == 1)
  }
}
