import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

/// `latency.hlog` lines: header, tags, LoadForge comments, a torn last line.
struct HistogramLogTests {
  @Test func headerFollowsTheV13Layout() {
    let header = HistogramLog.header(startTime: Date(timeIntervalSince1970: 1_764_447_211.25))
    #expect(
      header == """
        #[Histogram log format version 1.3]
        #[StartTime: 1764447211.250 (seconds since epoch), Sat Nov 29 20:13:31 GMT 2025]
        #[BaseTime: 1764447211.250 (seconds since epoch)]
        "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"

        """)
  }

  @Test func tagsAreUniqueAndFreeOfSeparators() {
    let tags = HistogramLog.tags(for: [
      EndpointInfo(name: "a,b c", method: "GET"), EndpointInfo(name: "100%]", method: "GET"),
      EndpointInfo(name: "service", method: "GET"), EndpointInfo(name: "", method: "GET"),
      EndpointInfo(name: "ünï", method: "GET"),
    ])
    #expect(tags == ["a%2Cb%20c", "100%25%5D", "service~2", "~3", "%C3%BCn%C3%AF"])
  }

  @Test func linesRoundTripWithTheirComments() throws {
    var latency = LatencyHistogram.make()
    for v: UInt64 in [120, 130, 9_876] { latency.record(v) }
    let group = IntervalHistograms.Group(
      latency: latency, latencySumMicros: 10_126, statusCodes: [200: 2, 302: 1], http3xx: 1)
    let interval = IntervalHistograms(startSeconds: 2, intervalSeconds: 1, endpoints: [group], all: group)
    let text = try HistogramLog.lines(for: interval, tags: ["home"])
    let lines = text.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0] == "#[LoadForge: 2.000,,sum_us=10126,status=200:2;302:1,http_3xx=1]")
    #expect(lines[1].hasPrefix("2.000,1.000,9.876,HISTFAAAA"))
    #expect(lines[3].hasPrefix("Tag=home,2.000,1.000,9.876,HISTFAAAA"))
    let parsed = try HistogramLog.parse(HistogramLog.header(startTime: Date()) + text + "Tag=home,3.000,1.0")
    #expect(parsed.count == 2, "the torn last line is ignored")
    #expect(parsed.map(\.tag) == [nil, "home"])
    #expect(parsed[1].sumMicros == 10_126)
    #expect(parsed[1].statusCodes == [200: 2, 302: 1])
    #expect(parsed[1].http3xx == 1)
    #expect(parsed[1].maxMilliseconds == 9.876)
    #expect(parsed[1].histogram.totalCount == 3)
  }

  @Test func garbageLineIsReportedWithItsNumber() {
    #expect(
      throws: HdrHistogramEncodingError.malformed("line 2: not StartTimestamp,Interval_Length,Interval_Max,Histogram")
    ) {
      try HistogramLog.parse("#[Histogram log format version 1.3]\nhello\n")
    }
  }
}
