import Histogram

/// One endpoint's running metrics on the coordinator (an interval's or the whole run's).
struct EndpointAccumulator {
  var histogram = LatencyHistogram.make()
  var latencySumMicros: UInt64 = 0
  var outcomes = OutcomeCounts()
  var bytesReceived = 0
  var statusCodes: [Int: Int] = [:]
  var checks = CheckCounts()
  /// Open model: service times, µs (see `EndpointIntervalMetrics.service`).
  var serviceHistogram = LatencyHistogram.make()
  var serviceSumMicros: UInt64 = 0

  mutating func add(_ interval: EndpointIntervalMetrics) {
    interval.latency.add(to: &histogram)
    if !interval.service.values.isEmpty { interval.service.add(to: &serviceHistogram) }
    serviceSumMicros &+= interval.serviceSumMicros
    latencySumMicros &+= interval.latencySumMicros
    outcomes.add(interval.outcomes)
    checks.add(interval.checks)
    bytesReceived += interval.bytesReceived
    for (status, count) in interval.statusCodes { statusCodes[status, default: 0] += count }
  }

  mutating func add(_ other: EndpointAccumulator) {
    if other.histogram.totalCount > 0 { histogram.add(other.histogram) }
    if other.serviceHistogram.totalCount > 0 { serviceHistogram.add(other.serviceHistogram) }
    serviceSumMicros &+= other.serviceSumMicros
    latencySumMicros &+= other.latencySumMicros
    outcomes.add(other.outcomes)
    checks.add(other.checks)
    bytesReceived += other.bytesReceived
    for (status, count) in other.statusCodes { statusCodes[status, default: 0] += count }
  }

  /// Clears every count (every second; see `LatencyHistogram.clear` for the histogram).
  mutating func reset() {
    if histogram.totalCount > 0 { LatencyHistogram.clear(&histogram) }
    if serviceHistogram.totalCount > 0 { LatencyHistogram.clear(&serviceHistogram) }
    serviceSumMicros = 0
    latencySumMicros = 0
    outcomes = OutcomeCounts()
    checks = CheckCounts()
    bytesReceived = 0
    statusCodes.removeAll(keepingCapacity: true)
  }

  var latency: LatencyStats { LatencyStats(histogram: histogram, sumMicros: latencySumMicros) }

  var service: LatencyStats { LatencyStats(histogram: serviceHistogram, sumMicros: serviceSumMicros) }

  /// This accumulator's distributions and status codes (copy-on-write: no histogram is copied).
  var intervalGroup: IntervalHistograms.Group {
    IntervalHistograms.Group(
      latency: histogram, latencySumMicros: latencySumMicros, service: serviceHistogram,
      serviceSumMicros: serviceSumMicros, statusCodes: statusCodes, http3xx: outcomes[.http3xx])
  }

  /// Status codes as JSON object keys (`"200"`).
  var statusCodesByName: [String: Int] {
    Dictionary(uniqueKeysWithValues: statusCodes.map { (String($0.key), $0.value) })
  }
}
