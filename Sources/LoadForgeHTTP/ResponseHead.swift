/// The framing-relevant facts of one complete response head (status line + header section).
///
/// Parsed in one pass over a contiguous head that `HeadScanner` delimited, so every CR in it is
/// followed by LF and its last byte is LF. The scanner has already rejected a bad status line or
/// field name at its first bad byte; the same checks are repeated here so this type never reads
/// past a malformed head on its own. Only Content-Length, Transfer-Encoding, Connection and
/// Keep-Alive are interpreted; other fields are checked for syntax and skipped.
struct ResponseHead {
  var status = 0
  var minorVersion = 1
  /// The agreed Content-Length of all Content-Length fields, when every one was valid.
  var contentLength: Int?
  /// A Content-Length was malformed or fields disagreed (RFC 9110 §8.6, RFC 9112 §6.3 item 5).
  /// Not thrown at once: it only matters when the status and method allow a body.
  var contentLengthInvalid = false
  var hasTransferEncoding = false
  /// The last transfer coding (over all Transfer-Encoding fields) is `chunked` (RFC 9112 §6.3 item 4).
  var chunkedIsLast = false
  var connectionClose = false
  var connectionKeepAlive = false
  var keepAliveTimeoutSeconds: Int?

  private enum TrackedField: UInt8 {
    case none, contentLength, transferEncoding, connection, keepAlive
  }

  /// An empty head for `parseWhole` to fill.
  private init() {}

  /// - Parameter bytes: the whole head, ending with its empty line.
  /// - Throws: `invalidStatusLine` (RFC 9112 §4) or `invalidHeader` (RFC 9112 §5).
  init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(HTTPProtocolError) {
    var i = try parseStatusLine(bytes)
    var field = TrackedField.none
    var valueStart = 0
    var valueEnd = 0
    var sawField = false
    while true {
      let first = bytes[i]
      if first == HTTPBytes.cr || first == HTTPBytes.lf { break }
      if first == HTTPBytes.space || first == HTTPBytes.tab {
        // obs-fold (RFC 9112 §5.2): the line continues the previous field value; its CRLF
        // counts as whitespace when the value is read.
        guard sawField else {
          throw HTTPProtocolError(.invalidHeader, "whitespace before the first header field")
        }
        let lineEnd = Self.lineEnd(bytes, from: i)
        valueEnd = lineEnd.contentEnd
        i = lineEnd.next
        continue
      }
      apply(field, bytes, valueStart, valueEnd)

      let nameStart = i
      while bytes[i] != HTTPBytes.colon {
        guard HTTPBytes.isTChar(bytes[i]) else {
          // Also a space before the colon: RFC 9112 §5.1 says such a message MUST be rejected.
          throw HTTPProtocolError(.invalidHeader, "invalid byte \(bytes[i]) in a field name")
        }
        i += 1
      }
      guard i > nameStart else { throw HTTPProtocolError(.invalidHeader, "empty field name") }
      field = Self.classify(bytes, nameStart, i)
      sawField = true
      valueStart = i + 1
      let lineEnd = Self.lineEnd(bytes, from: valueStart)
      valueEnd = lineEnd.contentEnd
      i = lineEnd.next
    }
    apply(field, bytes, valueStart, valueEnd)
  }

  /// Finds, checks and parses a head that begins at `bytes[start]` and ends before `end`, in one
  /// pass: the common case of a whole head in one read, which would otherwise be scanned by
  /// `HeadScanner` and then parsed again by `init(parsing:)`.
  ///
  /// Accepts only what those two accept, with the same result; it gives up (nil) on anything
  /// else — the head not complete within the bytes, obs-fold, NUL, a bare CR, any invalid byte —
  /// and the caller then runs the byte-by-byte path, which reports the exact error at the exact
  /// byte whatever the split.
  ///
  /// - Returns: the head and the index just past the LF that ends it, or nil.
  static func parseWhole(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> (head: ResponseHead, end: Int)?
  {
    // `HTTP/1.x NNN` and its separator (SP, CR or LF), as `HeadScanner` checks them.
    guard end - start > 12, HeadScanner.isValidStatusPrefix(bytes, at: start) else { return nil }
    let separator = bytes[start + 12]
    guard separator == HTTPBytes.space || separator == HTTPBytes.cr || separator == HTTPBytes.lf
    else { return nil }
    var head = ResponseHead()
    head.minorVersion = Int(bytes[start + 7] &- 0x30)
    let hundreds = Int(bytes[start + 9] &- 0x30)
    let tens = Int(bytes[start + 10] &- 0x30)
    head.status = hundreds * 100 + tens * 10 + Int(bytes[start + 11] &- 0x30)
    guard var i = lineEnd(bytes, from: start + 12, to: end)?.next else { return nil }
    while i < end {
      let first = bytes[i]
      if first == HTTPBytes.lf { return (head, i + 1) }
      if first == HTTPBytes.cr {
        guard i + 1 < end, bytes[i + 1] == HTTPBytes.lf else { return nil }
        return (head, i + 2)
      }
      // A field line: a token, then the colon (a whitespace-led obs-fold line stops here).
      let nameStart = i
      i = HTTPBytes.firstIndexNotTChar(bytes, from: i, to: end)
      guard i < end, i > nameStart, bytes[i] == HTTPBytes.colon else { return nil }
      let field = classify(bytes, nameStart, i)
      guard let line = lineEnd(bytes, from: i + 1, to: end) else { return nil }
      if field != .none {
        // The value is complete unless an obs-fold line continues it: leave that to the full
        // parser, which joins the lines.
        guard line.next < end else { return nil }
        let next = bytes[line.next]
        guard next != HTTPBytes.space && next != HTTPBytes.tab else { return nil }
        head.apply(field, bytes, i + 1, line.contentEnd)
      }
      i = line.next
    }
    return nil
  }

  /// The end of the line from `start` within `bytes[..<end]`, checked as `HeadScanner` checks
  /// it (no NUL, CR only before LF): where its content ends and where the next line starts.
  /// Nil when the line does not end before `end` or breaks a rule.
  @inline(__always)
  private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> (contentEnd: Int, next: Int)?
  {
    var i = start
    while true {
      i = HTTPBytes.firstIndexAtOrBelowCR(bytes, from: i, to: end)
      guard i < end else { return nil }
      switch bytes[i] {
      case HTTPBytes.lf:
        return (i, i + 1)
      case HTTPBytes.cr:
        guard i + 1 < end, bytes[i + 1] == HTTPBytes.lf else { return nil }
        return (i, i + 2)
      case 0:
        return nil
      default:
        // HTAB and other controls are allowed in values and reason phrases (see HeadScanner).
        i += 1
      }
    }
  }

  /// Parses `HTTP/1.x SP 3DIGIT [SP reason-phrase]` (RFC 9112 §4) with a status code of
  /// 100–599 (RFC 9110 §15). The reason phrase may be absent, empty, or hold any bytes but NUL
  /// (`HeadScanner` rejects that); clients ignore it.
  ///
  /// - Returns: the index of the first header line.
  private mutating func parseStatusLine(_ bytes: UnsafeBufferPointer<UInt8>)
    throws(HTTPProtocolError) -> Int
  {
    // Each check compares against a byte other than LF, and the head ends in LF, so no read
    // runs past the end.
    let prefix: StaticString = "HTTP/"
    for k in 0..<5 where bytes[k] != prefix.utf8Start[k] {
      throw HTTPProtocolError(.invalidStatusLine, "status line does not start with HTTP/")
    }
    guard HTTPBytes.isDigit(bytes[5]), bytes[6] == 0x2E, HTTPBytes.isDigit(bytes[7]) else {
      throw HTTPProtocolError(.invalidStatusLine, "malformed HTTP version")
    }
    guard bytes[5] == 0x31 else {
      throw HTTPProtocolError(
        .invalidStatusLine, "unsupported HTTP major version \(bytes[5] &- 0x30)")
    }
    minorVersion = Int(bytes[7] &- 0x30)
    guard bytes[8] == HTTPBytes.space else {
      throw HTTPProtocolError(.invalidStatusLine, "expected one space after the HTTP version")
    }
    guard HTTPBytes.isDigit(bytes[9]), HTTPBytes.isDigit(bytes[10]), HTTPBytes.isDigit(bytes[11])
    else {
      throw HTTPProtocolError(.invalidStatusLine, "status code is not three digits")
    }
    guard bytes[9] &- 0x31 < 5 else {
      throw HTTPProtocolError(.invalidStatusLine, "status code outside 100–599")
    }
    status = Int(bytes[9] &- 0x30) * 100 + Int(bytes[10] &- 0x30) * 10 + Int(bytes[11] &- 0x30)
    let after = bytes[12]
    guard after == HTTPBytes.space || after == HTTPBytes.cr || after == HTTPBytes.lf else {
      throw HTTPProtocolError(.invalidStatusLine, "status code is not three digits")
    }
    return Self.lineEnd(bytes, from: 12).next
  }

  /// The end of the line containing `start`: where its content ends (before CRLF or LF) and
  /// where the next line starts.
  @inline(__always)
  private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
    contentEnd: Int, next: Int
  ) {
    var i = start
    while bytes[i] != HTTPBytes.lf { i += 1 }
    let contentEnd = i > start && bytes[i - 1] == HTTPBytes.cr ? i - 1 : i
    return (contentEnd, i + 1)
  }

  @inline(__always)
  private static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> TrackedField
  {
    switch end - start {
    case 14:
      return HTTPBytes.equalsLowercase(bytes, start, end, "content-length") ? .contentLength : .none
    case 17:
      return HTTPBytes.equalsLowercase(bytes, start, end, "transfer-encoding")
        ? .transferEncoding : .none
    case 10:
      if HTTPBytes.equalsLowercase(bytes, start, end, "connection") { return .connection }
      return HTTPBytes.equalsLowercase(bytes, start, end, "keep-alive") ? .keepAlive : .none
    default: return .none
    }
  }

  private mutating func apply(
    _ field: TrackedField, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
  ) {
    switch field {
    case .none:
      return
    case .contentLength:
      // Several fields, or one list, must all carry the same value (RFC 9110 §8.6).
      if let value = Self.parseContentLength(bytes, start, end),
        contentLength == nil || contentLength == value
      {
        contentLength = value
      } else {
        contentLengthInvalid = true
      }
    case .transferEncoding:
      hasTransferEncoding = true
      var last: Bool?
      HTTPBytes.forEachListElement(bytes, start, end) { s, e in
        last = Self.isChunkedCoding(bytes, s, e)
      }
      if let last { chunkedIsLast = last }
    case .connection:
      // The usual value is one bare token: a value that is exactly `keep-alive` or `close` is
      // a list of that one element, so the list walk below would find the same.
      var tokenStart = start
      var tokenEnd = end
      while tokenStart < tokenEnd && HTTPBytes.isValueSpace(bytes[tokenStart]) { tokenStart += 1 }
      while tokenEnd > tokenStart && HTTPBytes.isValueSpace(bytes[tokenEnd - 1]) { tokenEnd -= 1 }
      if HTTPBytes.equalsLowercase(bytes, tokenStart, tokenEnd, "keep-alive") {
        connectionKeepAlive = true
        return
      }
      if HTTPBytes.equalsLowercase(bytes, tokenStart, tokenEnd, "close") {
        connectionClose = true
        return
      }
      // connection-option = token (RFC 9110 §7.6.1): no quoted strings, so a stray `"` must not
      // hide a later `close` (reusing a connection the server is closing fails the next request).
      HTTPBytes.forEachListElement(bytes, start, end, quotedStrings: false) { s, e in
        if HTTPBytes.equalsLowercase(bytes, s, e, "close") {
          connectionClose = true
        } else if HTTPBytes.equalsLowercase(bytes, s, e, "keep-alive") {
          connectionKeepAlive = true
        }
      }
    case .keepAlive:
      HTTPBytes.forEachListElement(bytes, start, end) { s, e in
        if let seconds = Self.parseTimeoutParameter(bytes, s, e) {
          keepAliveTimeoutSeconds = seconds
        }
      }
    }
  }

  /// `Content-Length = 1*DIGIT`, or a list of identical values (`42, 42`), with optional
  /// whitespace around each. Empty elements, signs, hex and overflow are invalid.
  ///
  /// - Returns: the length in bytes, or nil when invalid.
  static func parseContentLength(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Int?
  {
    var i = start
    var agreed: Int?
    while true {
      while i < end && HTTPBytes.isValueSpace(bytes[i]) { i += 1 }
      var value = 0
      let digitsStart = i
      while i < end && HTTPBytes.isDigit(bytes[i]) {
        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(Int(bytes[i] &- 0x30))
        if o1 || o2 { return nil }
        value = sum
        i += 1
      }
      if i == digitsStart { return nil }
      if let agreed, agreed != value { return nil }
      agreed = value
      while i < end && HTTPBytes.isValueSpace(bytes[i]) { i += 1 }
      if i == end { return agreed }
      guard bytes[i] == HTTPBytes.comma else { return nil }
      i += 1
    }
  }

  /// Whether one transfer-coding (`token *( OWS ";" OWS transfer-parameter )`, RFC 9112 §7)
  /// is `chunked`. A malformed element counts as some other coding.
  private static func isChunkedCoding(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Bool
  {
    var nameEnd = start
    while nameEnd < end && HTTPBytes.isTChar(bytes[nameEnd]) { nameEnd += 1 }
    guard HTTPBytes.equalsLowercase(bytes, start, nameEnd, "chunked") else { return false }
    var i = nameEnd
    while i < end && HTTPBytes.isValueSpace(bytes[i]) { i += 1 }
    return i == end || bytes[i] == HTTPBytes.semicolon
  }

  /// Reads `timeout=N` (or `timeout="N"`) from one Keep-Alive element (RFC 2068 §19.7.1.1).
  ///
  /// - Returns: N seconds, or nil when the element is another parameter or not a number.
  private static func parseTimeoutParameter(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
  ) -> Int? {
    var i = start
    while i < end && HTTPBytes.isTChar(bytes[i]) { i += 1 }
    guard HTTPBytes.equalsLowercase(bytes, start, i, "timeout") else { return nil }
    while i < end && HTTPBytes.isValueSpace(bytes[i]) { i += 1 }
    guard i < end, bytes[i] == HTTPBytes.equals else { return nil }
    i += 1
    while i < end && HTTPBytes.isValueSpace(bytes[i]) { i += 1 }
    var valueEnd = end
    if i < end && bytes[i] == HTTPBytes.quote {
      guard end - i >= 2, bytes[end - 1] == HTTPBytes.quote else { return nil }
      i += 1
      valueEnd = end - 1
    }
    guard i < valueEnd, valueEnd - i <= 9 else { return nil }
    var value = 0
    while i < valueEnd {
      guard HTTPBytes.isDigit(bytes[i]) else { return nil }
      value = value * 10 + Int(bytes[i] &- 0x30)
      i += 1
    }
    return value
  }
}
