import LoadForgeTestSupport
import Testing

@testable import LoadForgeMetrics

struct IntervalMetricsTests {
  private func sample() -> IntervalMetrics {
    let r = MetricsRecorder(endpointCount: 3)
    var rng = SplitMix64(seed: 42)
    for i in 0..<5_000 {
      let status = [200, 200, 200, 302, 404, 503][i % 6]
      r.record(
        endpoint: i % 2, status: status, latencyMicros: UInt64.random(in: 0...5_000_000, using: &rng),
        bytesReceived: 120)
    }
    r.record(endpoint: 0, outcome: .connectTimeout, latencyMicros: 0, bytesReceived: 0)
    r.record(endpoint: 1, outcome: .dnsFailure, latencyMicros: 0, bytesReceived: 0)
    r.record(endpoint: 1, outcome: .aborted, latencyMicros: 0, bytesReceived: 3)
    r.record(
      endpoint: 0, status: 200, outcome: .checkFailed, checksPassed: 2, checksFailed: 1, latencyMicros: 700,
      bytesReceived: 50)
    for _ in 0..<17 { r.recordConnectionOpened() }
    for micros: UInt64 in [900, 1_200, 250_000] { r.recordService(endpoint: 1, micros: micros) }
    for _ in 0..<7 { r.recordIterationStarted() }
    for _ in 0..<2 { r.recordDroppedIteration() }
    for _ in 0..<3 { r.recordRetry() }
    return r.takeInterval()
  }

  @Test func binaryRoundTrip() throws {
    let m = sample()
    #expect(m.retried == 3)
    let bytes = m.encoded()
    #expect(try IntervalMetrics(encoded: bytes) == m)
    #expect(try IntervalMetrics(encoded: IntervalMetrics().encoded()) == IntervalMetrics())
  }

  @Test func abortedAndChecksSurviveTheRoundTripAndOlderVersionsAreRejected() throws {
    let m = sample()
    #expect(m.endpoints[1].outcomes[.aborted] == 1)
    #expect(m.endpoints[0].outcomes[.checkFailed] == 1)
    #expect(m.endpoints[0].checks == CheckCounts(passed: 2, failed: 1))
    let decoded = try IntervalMetrics(encoded: m.encoded())
    #expect(decoded.endpoints[1].outcomes[.aborted] == 1)
    #expect(decoded.endpoints[0].outcomes[.checkFailed] == 1)
    #expect(decoded.endpoints[0].checks == CheckCounts(passed: 2, failed: 1))
    #expect(IntervalMetrics.binaryFormatVersion == 5)
    // Versions 1 to 4 had fewer classes, no check counters or no open-model fields: reading
    // them as version 5 would shift every count.
    for version: UInt8 in [1, 2, 3, 4] {
      var old = IntervalMetrics().encoded()
      old[0] = version
      #expect(throws: IntervalMetricsDecodingError.unsupportedVersion(version)) {
        try IntervalMetrics(encoded: old)
      }
    }
  }

  /// Version 4: the open model's iteration counters and service histograms.
  @Test func openModelFieldsSurviveTheRoundTrip() throws {
    let m = sample()
    #expect(m.iterationsStarted == 7)
    #expect(m.droppedIterations == 2)
    #expect(m.endpoints[1].service.totalCount == 3)
    #expect(m.endpoints[1].serviceSumMicros == 252_100)
    #expect(m.endpoints[0].service.totalCount == 0)
    let decoded = try IntervalMetrics(encoded: m.encoded())
    #expect(decoded.iterationsStarted == 7)
    #expect(decoded.droppedIterations == 2)
    #expect(decoded.endpoints[1].service == m.endpoints[1].service)
    #expect(decoded.endpoints[1].serviceSumMicros == 252_100)
    // Taken: the next interval starts empty.
    let r = MetricsRecorder(endpointCount: 1)
    r.recordService(endpoint: 0, micros: 5)
    r.recordDroppedIteration()
    _ = r.takeInterval()
    let next = r.takeInterval()
    #expect(next.droppedIterations == 0)
    #expect(next.endpoints[0].service.totalCount == 0)
  }

  @Test func binaryIsCompact() {
    let bytes = sample().encoded()
    // 5,000 samples spread over 5 s; far below the dense 188 KB per histogram.
    #expect(bytes.count < 30_000)
  }

  @Test func everyTruncationThrowsTruncated() {
    let bytes = sample().encoded()
    var truncatedCount = 0
    for cut in 0..<bytes.count {
      do {
        _ = try IntervalMetrics(encoded: Array(bytes[..<cut]))
      } catch {
        if case .truncated = error { truncatedCount += 1 }
      }
    }
    #expect(truncatedCount == bytes.count)
  }

  @Test func rejectsVersionTrailingBytesAndBadNumbers() {
    var wrongVersion = IntervalMetrics().encoded()
    wrongVersion[0] = 9
    #expect(throws: IntervalMetricsDecodingError.unsupportedVersion(9)) {
      try IntervalMetrics(encoded: wrongVersion)
    }
    // version, connections, iterations started, dropped, retried, endpoint count: the extra byte is at 6.
    #expect(throws: IntervalMetricsDecodingError.malformed(offset: 6)) {
      try IntervalMetrics(encoded: IntervalMetrics().encoded() + [0])
    }
    let overlong: [UInt8] = [IntervalMetrics.binaryFormatVersion] + Array(repeating: 0xFF, count: 11) + [0]
    #expect(throws: IntervalMetricsDecodingError.badNumber(offset: 1)) {
      try IntervalMetrics(encoded: overlong)
    }
    // An endpoint count far beyond the input must not allocate; it is reported as truncation.
    #expect(throws: IntervalMetricsDecodingError.truncated(offset: 5)) {
      try IntervalMetrics(encoded: [IntervalMetrics.binaryFormatVersion, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F])
    }
  }

  @Test func randomBytesNeverTrap() throws {
    var rng = SplitMix64(seed: 3)
    let valid = sample().encoded()
    for _ in 0..<2_000 {
      var bytes = valid
      for _ in 0..<3 { bytes[Int.random(in: 1..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
      // Either throws or yields a value that survives its own round trip.
      if let decoded = try? IntervalMetrics(encoded: bytes) {
        #expect(try IntervalMetrics(encoded: decoded.encoded()) == decoded)
      }
    }
  }
}
