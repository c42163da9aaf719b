import Foundation
import Histogram
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

/// HdrHistogram V2 compressed encoding: our encoder against our decoder, and against the PyPI
/// `hdrhistogram` package (an independent implementation of the same format) in both directions.
struct HdrHistogramEncodingTests {
  /// Deterministic latencies (µs) spread over 1 µs … ~2 s, as a run sees them.
  static func samples(_ n: Int, seed: UInt64) -> [UInt64] {
    var state = seed
    return (0..<n).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let exponent = Double((state >> 33) % 2_100) / 100  // 0 … 21 → 1 µs … 2 s
      return UInt64(pow(2, exponent)) + (state >> 60)
    }
  }

  static func histogram(_ values: [UInt64]) -> (histogram: Histogram<UInt64>, sum: UInt64) {
    var h = LatencyHistogram.make()
    for v in values { h.record(v) }
    return (h, values.reduce(0, +))
  }

  @Test func zigZagLEB128MatchesHdrHistogramsVectors() {
    func bytes(_ v: Int64) -> [UInt8] {
      var out: [UInt8] = []
      HdrHistogramEncoding.putZigZag(v, into: &out)
      return out
    }
    #expect(bytes(0) == [0x00])
    #expect(bytes(1) == [0x02])
    #expect(bytes(-1) == [0x01])
    #expect(bytes(-2) == [0x03])
    #expect(bytes(64) == [0x80, 0x01])
    #expect(bytes(-300) == [0xD7, 0x04])
    // The 9th byte carries 8 bits (HdrHistogram's ZigZagEncoding), not LEB128's 10-byte form.
    #expect(bytes(Int64.min) == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
    // Runs of zeros: one negative count; a single zero stays 0.
    #expect(HdrHistogramEncoding.zigZagCounts([5, 0, 0, 0, 7, 0, 1]) == [0x0A, 0x05, 0x0E, 0x00, 0x02])
    #expect(
      (try? HdrHistogramEncoding.zigZagDecode([0x0A, 0x05, 0x0E, 0x00, 0x02][...], limit: 100))
        == [5, 0, 0, 0, 7, 0, 1])
  }

  @Test func layoutIndexesAgreeWithTheHistogram() {
    let layout = HdrHistogramLayout(
      lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, significantDigits: 3)
    let h = LatencyHistogram.make()
    for value: UInt64 in [1, 2, 2047, 2048, 2049, 4095, 4096, 1_000_000, 3_600_000_000] {
      let back = layout.value(at: layout.index(of: value))
      #expect(back == h.lowestEquivalentForValue(value), "value \(value)")
    }
    #expect(layout.index(of: 2047) == 2047)
    #expect(layout.index(of: 2048) == 2048)
    #expect(layout.index(of: 4096) == 3072)
  }

  @Test func roundTripKeepsEveryBucketAndTheStats() throws {
    let values = Self.samples(20_000, seed: 7)
    let (original, sum) = Self.histogram(values)
    let bytes = try HdrHistogramEncoding.compressed(original)
    #expect(bytes.prefix(4) == [0x1C, 0x84, 0x93, 0x14])
    let decoded = try HdrHistogramEncoding.decode(compressed: bytes)
    #expect(decoded.lowestDiscernibleValue == 1)
    #expect(decoded.highestTrackableValue == 3_600_000_000)
    #expect(decoded.significantDigits == 3)
    #expect(decoded.totalCount == 20_000)
    let expected = original.recordedValues().map { (original.lowestEquivalentForValue($0.value), UInt64($0.count)) }
    #expect(decoded.buckets.map(\.value) == expected.map(\.0))
    #expect(decoded.buckets.map(\.count) == expected.map(\.1))
    let rebuilt = try decoded.latencyHistogram(min: values.min(), max: values.max())
    #expect(LatencyStats(histogram: rebuilt, sumMicros: sum) == LatencyStats(histogram: original, sumMicros: sum))
    #expect(rebuilt.maxRecorded == values.max())
    #expect(rebuilt.min == values.min())
  }

  @Test func emptyHistogramRoundTrips() throws {
    let decoded = try HdrHistogramEncoding.decode(base64: try HdrHistogramEncoding.base64(LatencyHistogram.make()))
    #expect(decoded.totalCount == 0)
    #expect(decoded.buckets.isEmpty)
  }

  @Test func corruptInputIsAnErrorNotATrap() throws {
    #expect(throws: HdrHistogramEncodingError.self) { try HdrHistogramEncoding.decode(base64: "HISTFAAAAA==") }
    #expect(throws: HdrHistogramEncodingError.self) { try HdrHistogramEncoding.decode(base64: "not base64!") }
    var bytes = try HdrHistogramEncoding.compressed(Self.histogram([1, 2, 3]).histogram)
    bytes[bytes.count - 3] ^= 0xFF
    #expect(throws: HdrHistogramEncodingError.self) { try HdrHistogramEncoding.decode(compressed: bytes) }
  }

  /// The PyPI `hdrhistogram` package reads our `.hlog` (via its `HistogramLogReader`): per tag,
  /// the same total count, p50, p99 (its percentile rule matches ours when count × p is whole,
  /// as here: 1,000 and 2,000 samples) and max (both report the max bucket's highest value).
  @Test func pythonHdrHistogramReadsOurLog() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let endpoints = [EndpointInfo(name: "list products", method: "GET"), EndpointInfo(name: "login", method: "POST")]
    let tags = HistogramLog.tags(for: endpoints)
    #expect(tags == ["list%20products", "login"])
    var text = HistogramLog.header(startTime: Date(timeIntervalSince1970: 1_764_000_000))
    var totals = [LatencyHistogram.make(), LatencyHistogram.make(), LatencyHistogram.make()]
    for second in 0..<2 {
      let a = Self.histogram(Self.samples(500, seed: UInt64(10 + second)))
      let b = Self.histogram(Self.samples(1_000, seed: UInt64(20 + second)))
      var all = a.histogram
      all.add(b.histogram)
      totals[0].add(all)
      totals[1].add(a.histogram)
      totals[2].add(b.histogram)
      let interval = IntervalHistograms(
        startSeconds: Double(second), intervalSeconds: 1,
        endpoints: [
          .init(latency: a.histogram, latencySumMicros: a.sum, statusCodes: [200: 500]),
          .init(latency: b.histogram, latencySumMicros: b.sum, statusCodes: [200: 999, 503: 1]),
        ],
        all: .init(latency: all, latencySumMicros: a.sum + b.sum, statusCodes: [200: 1_499, 503: 1]))
      text += try HistogramLog.lines(for: interval, tags: tags)
    }
    let log = dir.appendingPathComponent("latency.hlog")
    try text.write(to: log, atomically: true, encoding: .utf8)

    let out = try runPython(
      """
      import json, sys
      from hdrh.histogram import HdrHistogram
      from hdrh.log import HistogramLogReader
      reader = HistogramLogReader(sys.argv[1], HdrHistogram(1, 3600000000, 3))
      merged = {}
      while True:
          h = reader.get_next_interval_histogram()
          if h is None:
              break
          tag = h.get_tag() or ""
          merged.setdefault(tag, HdrHistogram(1, 3600000000, 3)).add(h)
      print(json.dumps({t: [h.get_total_count(), h.get_value_at_percentile(50), h.get_value_at_percentile(99),
                            h.get_max_value()] for t, h in merged.items()}))
      """, arguments: [log.path])
    let python = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: [Int]])
    for (tag, total) in zip(["", "list%20products", "login"], totals) {
      let expected = [
        Int(total.totalCount), Int(total.valueAtPercentile(50)), Int(total.valueAtPercentile(99)), Int(total.max),
      ]
      #expect(python[tag] == expected, "tag \(tag)")
    }
    #expect(python[""]?[0] == 3_000)
  }

  /// And we read what the Python package encodes: the same buckets and counts.
  @Test func weDecodePythonHdrHistogramsEncoding() throws {
    let out = try runPython(
      """
      from hdrh.histogram import HdrHistogram
      h = HdrHistogram(1, 3600000000, 3)
      for v, n in [(1, 3), (999, 1), (2048, 2), (2049, 1), (150000, 5), (3000000, 1)]:
          h.record_value(v, n)
      print(h.encode().decode())
      """)
    let decoded = try HdrHistogramEncoding.decode(base64: out.trimmingCharacters(in: .whitespacesAndNewlines))
    #expect(decoded.totalCount == 13)
    let reference = LatencyHistogram.make()
    let expected: [(UInt64, UInt64)] = [(1, 3), (999, 1), (2048, 3), (150_000, 5), (3_000_000, 1)].map {
      (reference.lowestEquivalentForValue($0.0), UInt64($0.1))
    }
    #expect(decoded.buckets.map(\.value) == expected.map(\.0))
    #expect(decoded.buckets.map(\.count) == expected.map(\.1))
  }
}

/// A new empty directory under the system's temporary directory.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("loadforge-report-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

struct PythonFailure: Error, CustomStringConvertible {
  var description: String
}

/// Runs `python3 -c script arguments…` and returns its standard output.
/// - Throws: `PythonFailure` with its standard error when it exits non-zero (e.g. `hdrh` missing:
///   `.ci/run` installs the PyPI `hdrhistogram` package).
func runPython(_ script: String, arguments: [String] = []) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script] + arguments
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  let errors = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw PythonFailure(
      description: "python3 exited \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))")
  }
  return String(decoding: data, as: UTF8.self)
}
