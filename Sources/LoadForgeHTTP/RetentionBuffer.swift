/// What `ResponseParser` keeps of a response it was asked to retain: the final head and the
/// first `limit` bytes of content. Arrays grow only as bytes arrive, so asking to retain a large
/// limit costs nothing for a short response.
struct RetentionBuffer {
  /// Most content bytes kept.
  var limit = 0
  /// Status line and fields of the final head, without the empty line that ends it.
  var head: [UInt8] = []
  var body: [UInt8] = []
  /// More content arrived than `limit`.
  var truncated = false
  /// Content past `limit` fails the response (`bodyTooLarge`) instead of being dropped.
  var failsPastLimit = false

  init(limit: Int = 0, overflow: RetentionOverflow = .truncate) {
    self.limit = limit
    self.failsPastLimit = overflow == .fail
  }

  /// Keeps `bytes`, a whole head ending with its empty line (CRLF or a lone LF, RFC 9112 §2.2);
  /// a later final head (after 1xx ones) would replace it, but the parser only passes finals.
  mutating func keepHead(_ bytes: UnsafeBufferPointer<UInt8>) {
    var end = bytes.count
    if end > 0 && bytes[end - 1] == HTTPBytes.lf { end -= 1 }
    if end > 0 && bytes[end - 1] == HTTPBytes.cr { end -= 1 }
    head.removeAll(keepingCapacity: true)
    head.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<end]))
  }

  /// Appends content bytes, up to `limit` in all.
  ///
  /// - Throws: `bodyTooLarge` when `failsPastLimit` and the content goes past `limit` (checked
  ///   against the content so far, so it is thrown in the feed that holds the first byte past
  ///   it, whatever the split).
  mutating func appendContent(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPProtocolError) {
    let room = limit - body.count
    if bytes.count <= room {
      body.append(contentsOf: bytes)
    } else {
      if failsPastLimit {
        throw HTTPProtocolError(
          .bodyTooLarge, "response body longer than the \(limit)-byte limit kept for checks and captures")
      }
      if room > 0 { body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<room])) }
      truncated = true
    }
  }
}
