/// Compact binary form of `IntervalMetrics` for the worker → coordinator channel.
///
/// Layout (every number an unsigned LEB128 varint, as in protobuf / HdrHistogram V2):
/// `version(1 byte) connectionsOpened iterationsStarted droppedIterations retried endpointCount` then per
/// endpoint `outcome counts (RequestOutcome.allCases order) checksPassed checksFailed bytesReceived
/// latencySumMicros statusCount (status count)… bucketCount (valueDelta count)… serviceSumMicros
/// serviceBucketCount (valueDelta count)…` where bucket values are delta-encoded against the
/// previous one. A one-second interval is typically a few KB.
extension IntervalMetrics {
  /// Format version written in the first byte. 5: fourteen outcome classes (`http_3xx`, timeouts
  /// and connection errors split by cause) and the retry counter; 4 (eight classes, the open model's iteration counters
  /// and service-time histograms), 3 (eight classes, `check_failed` added, and the check
  /// counters), 2 (seven classes) and 1 (six) are rejected rather than misread.
  public static let binaryFormatVersion: UInt8 = 5

  /// The binary form.
  public func encoded() -> [UInt8] {
    var out: [UInt8] = [Self.binaryFormatVersion]
    out.reserveCapacity(64 + endpoints.reduce(0) { $0 + 16 + $1.latency.values.count * 4 })
    Self.put(UInt64(max(0, connectionsOpened)), &out)
    Self.put(UInt64(max(0, iterationsStarted)), &out)
    Self.put(UInt64(max(0, droppedIterations)), &out)
    Self.put(UInt64(max(0, retried)), &out)
    Self.put(UInt64(endpoints.count), &out)
    for e in endpoints {
      for outcome in RequestOutcome.allCases { Self.put(UInt64(max(0, e.outcomes[outcome])), &out) }
      Self.put(UInt64(max(0, e.checks.passed)), &out)
      Self.put(UInt64(max(0, e.checks.failed)), &out)
      Self.put(UInt64(max(0, e.bytesReceived)), &out)
      Self.put(e.latencySumMicros, &out)
      let statuses = e.statusCodes.filter { $0.key >= 0 && $0.value > 0 }.sorted { $0.key < $1.key }
      Self.put(UInt64(statuses.count), &out)
      for (status, count) in statuses {
        Self.put(UInt64(status), &out)
        Self.put(UInt64(count), &out)
      }
      Self.put(e.latency, &out)
      Self.put(e.serviceSumMicros, &out)
      Self.put(e.service, &out)
    }
    return out
  }

  /// Decodes the binary form written by `encoded()`.
  /// - Throws: `IntervalMetricsDecodingError` for a wrong version, truncated input, an invalid
  ///   number, descending bucket values or trailing bytes. Never traps on any input.
  public init(encoded bytes: [UInt8]) throws(IntervalMetricsDecodingError) {
    var reader = Reader(bytes: bytes)
    guard let version = bytes.first else { throw .truncated(offset: 0) }
    guard version == Self.binaryFormatVersion else { throw .unsupportedVersion(version) }
    reader.offset = 1
    let connections = try reader.int()
    let started = try reader.int()
    let dropped = try reader.int()
    let retried = try reader.int()
    let endpointCount = try reader.count(minBytesEach: RequestOutcome.count + 8)
    var endpoints: [EndpointIntervalMetrics] = []
    endpoints.reserveCapacity(endpointCount)
    for _ in 0..<endpointCount {
      var e = EndpointIntervalMetrics()
      for outcome in RequestOutcome.allCases { e.outcomes[outcome] = try reader.int() }
      e.checks.passed = try reader.int()
      e.checks.failed = try reader.int()
      e.bytesReceived = try reader.int()
      e.latencySumMicros = try reader.varint()
      let statusCount = try reader.count(minBytesEach: 2)
      for _ in 0..<statusCount {
        let start = reader.offset
        let status = try reader.int()
        guard e.statusCodes[status] == nil else { throw .malformed(offset: start) }
        e.statusCodes[status] = try reader.int()
      }
      e.latency = try reader.histogram()
      e.serviceSumMicros = try reader.varint()
      e.service = try reader.histogram()
      endpoints.append(e)
    }
    guard reader.offset == bytes.count else { throw .malformed(offset: reader.offset) }
    self.init(
      endpoints: endpoints, connectionsOpened: connections, iterationsStarted: started, droppedIterations: dropped,
      retried: retried)
  }

  /// `bucketCount (valueDelta count)…`.
  private static func put(_ histogram: SparseHistogram, _ out: inout [UInt8]) {
    put(UInt64(histogram.values.count), &out)
    var previous: UInt64 = 0
    for i in histogram.values.indices {
      put(histogram.values[i] - previous, &out)
      put(histogram.counts[i], &out)
      previous = histogram.values[i]
    }
  }

  private static func put(_ value: UInt64, _ out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }

  private struct Reader {
    let bytes: [UInt8]
    var offset = 0

    /// `bucketCount (valueDelta count)…`, values strictly ascending.
    mutating func histogram() throws(IntervalMetricsDecodingError) -> SparseHistogram {
      let bucketCount = try count(minBytesEach: 2)
      var values: [UInt64] = []
      var counts: [UInt64] = []
      values.reserveCapacity(bucketCount)
      counts.reserveCapacity(bucketCount)
      var previous: UInt64 = 0
      for i in 0..<bucketCount {
        let start = offset
        let (value, overflow) = previous.addingReportingOverflow(try varint())
        if overflow || (i > 0 && value == previous) { throw .malformed(offset: start) }
        values.append(value)
        counts.append(try varint())
        previous = value
      }
      return SparseHistogram(values: values, counts: counts)
    }

    mutating func varint() throws(IntervalMetricsDecodingError) -> UInt64 {
      let start = offset
      var result: UInt64 = 0
      var shift: UInt64 = 0
      while true {
        guard offset < bytes.count else { throw .truncated(offset: offset) }
        let byte = bytes[offset]
        offset += 1
        // The 10th byte may only carry the top bit of a 64-bit value.
        if shift == 63 && byte > 1 { throw .badNumber(offset: start) }
        result |= UInt64(byte & 0x7f) << shift
        if byte & 0x80 == 0 { return result }
        shift += 7
        if shift > 63 { throw .badNumber(offset: start) }
      }
    }

    mutating func int() throws(IntervalMetricsDecodingError) -> Int {
      let start = offset
      let v = try varint()
      guard v <= UInt64(Int.max) else { throw .badNumber(offset: start) }
      return Int(v)
    }

    /// A element count, checked against the bytes left so a corrupt count cannot make us
    /// reserve gigabytes.
    mutating func count(minBytesEach: Int) throws(IntervalMetricsDecodingError) -> Int {
      let start = offset
      let n = try int()
      guard n <= (bytes.count - offset) / minBytesEach else { throw .truncated(offset: start) }
      return n
    }
  }
}
