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

  init(limit: Int = 0) {
    self.limit = limit
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
  mutating func appendContent(_ bytes: UnsafeBufferPointer<UInt8>) {
    let room = limit - body.count
    if bytes.count <= room {
      body.append(contentsOf: bytes)
    } else {
      if room > 0 { body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<room])) }
      truncated = true
    }
  }
}
