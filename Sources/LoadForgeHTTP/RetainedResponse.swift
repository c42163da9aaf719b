/// The parts of a final response kept for `expect` checks and `capture`s: its head and the
/// first bytes of its content (chunked framing removed). Only requested when a task needs them.
public struct RetainedResponse: Sendable, Equatable {
  public var status: Int
  /// Status line and header fields of the final response (interim 1xx responses excluded),
  /// CRLFs included, without the empty line that ends the head.
  public var head: [UInt8]
  /// Content, after removing chunked framing; at most the limit given to
  /// `ResponseParser.retainNextResponse(maxBodyBytes:)`.
  public var body: [UInt8]
  /// Whether the content was longer than `body`.
  public var bodyTruncated: Bool

  public init(status: Int, head: [UInt8], body: [UInt8], bodyTruncated: Bool) {
    self.status = status
    self.head = head
    self.body = body
    self.bodyTruncated = bodyTruncated
  }

  /// The value of header `name` (case-insensitive, RFC 9110 §5.1), optional whitespace
  /// trimmed (§5.5); several fields with that name are joined with `, ` (§5.3). Nil when absent.
  ///
  /// An obs-fold continuation line (RFC 9112 §5.2) joins its field's value with one SP. Bytes
  /// that are not UTF-8 (obs-text) decode lossily, as U+FFFD. `Set-Cookie`, which §5.3 says
  /// cannot be combined, is joined like any other field; ask for it only when it occurs once.
  public func headerValue(_ name: String) -> String? {
    let wanted = Array(name.utf8)
    var values: [[UInt8]] = []
    var matching = false
    var lineStart = 0
    var first = true
    let end = head.count
    while lineStart < end {
      var lineEnd = lineStart
      while lineEnd < end && head[lineEnd] != HTTPBytes.lf { lineEnd += 1 }
      let next = lineEnd + 1
      var contentEnd = lineEnd
      if contentEnd > lineStart && head[contentEnd - 1] == HTTPBytes.cr { contentEnd -= 1 }
      defer { lineStart = next }
      if first {
        // The status line.
        first = false
        continue
      }
      let lead = head[lineStart]
      if lead == HTTPBytes.space || lead == HTTPBytes.tab {
        if matching {
          let part = Self.trimmed(head[lineStart..<contentEnd])
          if !part.isEmpty {
            if !values[values.count - 1].isEmpty { values[values.count - 1].append(HTTPBytes.space) }
            values[values.count - 1].append(contentsOf: part)
          }
        }
        continue
      }
      guard let colon = head[lineStart..<contentEnd].firstIndex(of: HTTPBytes.colon) else {
        matching = false
        continue
      }
      matching = Self.namesEqual(head[lineStart..<colon], wanted)
      if matching { values.append(Array(Self.trimmed(head[(colon + 1)..<contentEnd]))) }
    }
    guard !values.isEmpty else { return nil }
    return String(decoding: Array(values.joined(separator: [HTTPBytes.comma, HTTPBytes.space])), as: UTF8.self)
  }

  /// `bytes` without OWS (SP, HTAB) at either end (RFC 9110 §5.5).
  private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var lower = bytes.startIndex
    var upper = bytes.endIndex
    while lower < upper && HTTPBytes.isValueSpace(bytes[lower]) { lower += 1 }
    while upper > lower && HTTPBytes.isValueSpace(bytes[upper - 1]) { upper -= 1 }
    return bytes[lower..<upper]
  }

  /// ASCII case-insensitive comparison; field names are tokens, so ASCII folding is the rule.
  private static func namesEqual(_ name: ArraySlice<UInt8>, _ wanted: [UInt8]) -> Bool {
    guard name.count == wanted.count else { return false }
    return zip(name, wanted).allSatisfy { HTTPBytes.lowercased($0) == HTTPBytes.lowercased($1) }
  }
}
