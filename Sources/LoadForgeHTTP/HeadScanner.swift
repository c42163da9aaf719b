/// Finds the end of a response head (the first empty line) across any number of feeds, one
/// pass per byte, and rejects a bare CR on the way so `ResponseHead` may assume every CR is
/// followed by LF.
///
/// Line endings are CRLF or a lone LF (RFC 9112 §2.2: a recipient MAY recognize a single LF);
/// a CR not followed by LF is invalid (RFC 9112 §2.2: "a bare CR ... MUST be considered invalid").
struct HeadScanner {
  private enum State: UInt8 {
    case inLine, afterCR, lineStart, lineStartAfterCR
  }

  private var state = State.inLine
  private var inStatusLine = true

  /// Scans `bytes[start..<end]`.
  ///
  /// - Returns: the index just past the LF that ends the head, or nil if the head goes on.
  /// - Throws: `invalidStatusLine` / `invalidHeader` for a bare CR.
  mutating func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
  ) throws(HTTPProtocolError) -> Int? {
    var i = start
    var s = state
    while i < end {
      if s == .inLine {
        // Most head bytes are printable: skip them with one compare each.
        while i < end && bytes[i] > HTTPBytes.cr { i += 1 }
        if i == end { break }
      }
      let b = bytes[i]
      i += 1
      switch s {
      case .inLine:
        if b == HTTPBytes.lf {
          s = .lineStart
          inStatusLine = false
        } else if b == HTTPBytes.cr {
          s = .afterCR
        }
      case .afterCR:
        guard b == HTTPBytes.lf else { throw bareCR() }
        s = .lineStart
        inStatusLine = false
      case .lineStart:
        if b == HTTPBytes.lf {
          self = HeadScanner()
          return i
        }
        s = b == HTTPBytes.cr ? .lineStartAfterCR : .inLine
      case .lineStartAfterCR:
        guard b == HTTPBytes.lf else { throw bareCR() }
        self = HeadScanner()
        return i
      }
    }
    state = s
    return nil
  }

  private func bareCR() -> HTTPProtocolError {
    inStatusLine
      ? HTTPProtocolError(.invalidStatusLine, "bare CR in the status line")
      : HTTPProtocolError(.invalidHeader, "bare CR in the header section")
  }
}
