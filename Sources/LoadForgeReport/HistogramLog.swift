import Foundation
import Histogram
import LoadForgeMetrics

/// `latency.hlog`: the run's latency histograms in HdrHistogram's interval log format, version
/// 1.3 (`HistogramLogWriter` in the Java library), so HistogramLogAnalyzer, `HistogramLogProcessor`
/// and the other HdrHistogram ports read them.
///
/// ```
/// #[Histogram log format version 1.3]
/// #[StartTime: 1764447211.250 (seconds since epoch), Sun Nov 29 20:13:31 UTC 2026]
/// #[BaseTime: 1764447211.250 (seconds since epoch)]
/// "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
/// #[LoadForge: 0.000,,sum_us=812345,status=200:1200,http_3xx=0]
/// 0.000,1.000,12.345,HISTFAAAA…
/// #[LoadForge: 0.000,home,sum_us=…,status=200:300,http_3xx=0]
/// Tag=home,0.000,1.000,9.876,HISTFAAAA…
/// ```
///
/// Per interval (one per snapshot): the untagged line holds every endpoint, then one `Tag=` line
/// per endpoint in plan order (the name, percent-encoded where HdrHistogram forbids a character:
/// comma, whitespace; `%` too), and in the open model the service-time histograms tagged `service`
/// and `service/<endpoint>`. Timestamps are seconds after the base time (the run's start); the
/// max is milliseconds (µs values, ratio 1000, `%.3f` as the Java writer prints it; here the
/// exact largest sample, where Java prints its bucket's top). Values inside the histograms are µs.
/// The comment line before each histogram line carries what the format has no field for (the
/// exact sum of the samples for the mean, status codes), so `loadforge report` can rebuild the
/// summary exactly; HdrHistogram readers skip `#` lines.
public enum HistogramLog {
  public static let fileName = "latency.hlog"
  static let commentPrefix = "#[LoadForge: "

  /// The header, for a run whose timestamps count from `startTime`.
  public static func header(startTime: Date) -> String {
    let seconds = String(format: "%.3f", startTime.timeIntervalSince1970)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "EEE MMM dd HH:mm:ss zzz yyyy"
    return """
      #[Histogram log format version 1.3]
      #[StartTime: \(seconds) (seconds since epoch), \(formatter.string(from: startTime))]
      #[BaseTime: \(seconds) (seconds since epoch)]
      "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"

      """
  }

  /// A unique `Tag=` value per endpoint, in plan order.
  public static func tags(for endpoints: [EndpointInfo]) -> [String] {
    var seen: Set<String> = []
    return endpoints.enumerated().map { index, info in
      var tag = encodeTag(info.name)
      if tag.isEmpty || tag == "service" || tag.hasPrefix("service/") || seen.contains(tag) { tag += "~\(index)" }
      seen.insert(tag)
      return tag
    }
  }

  /// The lines of one interval (see the type's documentation).
  /// - Parameter tags: `tags(for:)` of the run's endpoints.
  /// - Throws: `HdrHistogramEncodingError.zlib` when zlib fails.
  public static func lines(
    for interval: IntervalHistograms, tags: [String]
  ) throws(HdrHistogramEncodingError) -> String {
    var out = ""
    let start = String(format: "%.3f", interval.startSeconds)
    let length = String(format: "%.3f", interval.intervalSeconds)
    func line(
      _ tag: String?, _ h: Histogram<UInt64>, _ sum: UInt64, _ group: IntervalHistograms.Group?
    ) throws(HdrHistogramEncodingError) {
      let max = h.totalCount > 0 ? h.maxRecorded : 0
      var comment = "\(commentPrefix)\(start),\(tag ?? ""),sum_us=\(sum)"
      if let group {
        let codes = group.statusCodes.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
        comment += ",status=\(codes.joined(separator: ";")),http_3xx=\(group.http3xx)"
      }
      out += comment + "]\n"
      if let tag { out += "Tag=\(tag)," }
      out += "\(start),\(length),\(String(format: "%.3f", Double(max) / 1000)),\(try HdrHistogramEncoding.base64(h))\n"
    }
    try line(nil, interval.all.latency, interval.all.latencySumMicros, interval.all)
    for (tag, group) in zip(tags, interval.endpoints) {
      try line(tag, group.latency, group.latencySumMicros, group)
    }
    if interval.all.service.totalCount > 0 {
      try line("service", interval.all.service, interval.all.serviceSumMicros, nil)
      for (tag, group) in zip(tags, interval.endpoints) {
        try line("service/" + tag, group.service, group.serviceSumMicros, nil)
      }
    }
    return out
  }

  /// The interval lines of an `.hlog` text, in order, each with its LoadForge comment when one
  /// precedes it. A last line without its newline (a run killed mid-write) is ignored.
  /// - Throws: `HdrHistogramEncodingError.malformed` naming the line number for a line that is
  ///   neither a comment, the legend nor an interval line.
  public static func parse(_ text: String) throws(HdrHistogramEncodingError) -> [HistogramLogLine] {
    var result: [HistogramLogLine] = []
    var pending: Comment?
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if text.last != "\n" { lines.removeLast() }  // an unterminated (or empty) tail
    for (number, raw) in lines.enumerated() {
      let line = Substring(raw)
      if line.isEmpty || line.hasPrefix("\"StartTimestamp\"") { continue }
      if line.hasPrefix(commentPrefix) {
        pending = parseComment(line)
        continue
      }
      if line.hasPrefix("#") { continue }
      var rest = line
      var tag: String?
      if rest.hasPrefix("Tag=") {
        guard let comma = rest.firstIndex(of: ",") else { throw .malformed("line \(number + 1): Tag without fields") }
        tag = String(rest[rest.index(rest.startIndex, offsetBy: 4)..<comma])
        rest = rest[rest.index(after: comma)...]
      }
      let fields = rest.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
      guard fields.count == 4, let start = Double(fields[0]), let length = Double(fields[1]),
        let max = Double(fields[2])
      else { throw .malformed("line \(number + 1): not StartTimestamp,Interval_Length,Interval_Max,Histogram") }
      let histogram = try HdrHistogramEncoding.decode(base64: fields[3])
      var entry = HistogramLogLine(
        tag: tag, startSeconds: start, lengthSeconds: length, maxMilliseconds: max, histogram: histogram)
      if let p = pending, p.key == "\(fields[0]),\(tag ?? "")" {
        entry.sumMicros = p.sum
        entry.statusCodes = p.codes
        entry.http3xx = p.http3xx
      }
      pending = nil
      result.append(entry)
    }
    return result
  }

  /// `#[LoadForge: <start>,<tag>,sum_us=<n>[,status=<code>:<n>;…,http_3xx=<n>]]`.
  private static func parseComment(_ line: Substring) -> Comment? {
    guard line.hasSuffix("]") else { return nil }
    let body = line.dropFirst(commentPrefix.count).dropLast()
    let fields = body.split(separator: ",", omittingEmptySubsequences: false)
    guard fields.count >= 3, fields[2].hasPrefix("sum_us="), let sum = UInt64(fields[2].dropFirst(7)) else {
      return nil
    }
    var codes: [Int: Int] = [:]
    if fields.count >= 4, fields[3].hasPrefix("status=") {
      for pair in fields[3].dropFirst(7).split(separator: ";") {
        let parts = pair.split(separator: ":")
        if parts.count == 2, let code = Int(parts[0]), let n = Int(parts[1]) { codes[code] = n }
      }
    }
    var http3xx = 0
    if fields.count >= 5, fields[4].hasPrefix("http_3xx="), let n = Int(fields[4].dropFirst(9)) { http3xx = n }
    return Comment(key: "\(fields[0]),\(fields[1])", sum: sum, codes: codes, http3xx: http3xx)
  }

  private struct Comment {
    var key: String
    var sum: UInt64
    var codes: [Int: Int]
    var http3xx: Int
  }

  /// Percent-encodes what an HdrHistogram tag may not hold (comma, whitespace, control
  /// characters; `%` so decoding is unambiguous; `]` so our comments stay parseable).
  static func encodeTag(_ name: String) -> String {
    var out = ""
    for byte in name.utf8 {
      let scalar = Unicode.Scalar(byte)
      if byte > 0x20 && byte < 0x7f && byte != UInt8(ascii: ",") && byte != UInt8(ascii: "%")
        && byte != UInt8(ascii: "]")
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
      }
    }
    return out
  }
}
