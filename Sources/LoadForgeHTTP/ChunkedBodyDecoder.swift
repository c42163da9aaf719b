/// Walks a chunked body (RFC 9112 §7.1) across any number of feeds: chunk-size lines with
/// extensions, chunk data (skipped in bulk), the last chunk and the trailer section.
///
/// Extensions are skipped but checked enough that a quoted string (`x="q; r"`) is read as one
/// piece and cannot hide a line break. A lone LF ends a line like CRLF does (RFC 9112 §2.2).
/// The trailer section is a field section (RFC 9112 §7.1.2) and goes through `HeadScanner`, so
/// a byte that cannot belong to it fails at once.
struct ChunkedBodyDecoder {
  private enum State: UInt8 {
    case size, sizeSpace, extensions, quoted, quotedEscape, sizeLF
    case data, dataCR, dataLF
    case trailers
    case done
  }

  private var state = State.size
  private var sawDigit = false
  /// The size being read, then the data bytes left in the current chunk.
  private var chunkRemaining = 0
  private var lineBytes = 0
  private var trailerBytes = 0
  private var trailerScanner = HeadScanner.trailerSection
  /// Longest chunk-size line and trailer section, bytes.
  private let maxLineBytes: Int
  /// Chunk data bytes so far (the decoded content length).
  private(set) var contentBytes = 0

  init(maxLineBytes: Int) {
    self.maxLineBytes = maxLineBytes
  }

  var isDone: Bool { state == .done }

  /// Consumes `bytes[start..<end]` until the body ends.
  ///
  /// - Parameters:
  ///   - mode: whether chunk data goes to `content` (see `RetentionMode`).
  ///   - content: receives each span of chunk data, framing removed.
  /// - Returns: the index after the last byte that belongs to the body.
  /// - Throws: `invalidChunk` for bad framing; for the trailer section, `invalidHeader` at its
  ///   first invalid byte and `headTooLarge` once it is longer than `maxLineBytes`;
  ///   `bodyTooLarge` from `content` (see `RetentionBuffer.appendContent`).
  mutating func decode<Mode: RetentionMode>(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, _ mode: Mode.Type,
    into content: inout RetentionBuffer
  ) throws(HTTPProtocolError) -> Int {
    var i = start
    while i < end {
      if state == .data {
        let take = min(chunkRemaining, end - i)
        if Mode.isOn { try content.appendContent(UnsafeBufferPointer(rebasing: bytes[i..<(i + take)])) }
        i += take
        chunkRemaining -= take
        contentBytes += take
        if chunkRemaining == 0 { state = .dataCR }
        continue
      }
      if state == .trailers {
        let room = maxLineBytes - trailerBytes
        let scanEnd = min(end, i + room)
        if let next = try trailerScanner.scan(bytes, from: i, to: scanEnd) {
          state = .done
          return next
        }
        guard scanEnd == end else {
          throw HTTPProtocolError(
            .headTooLarge, "trailer section longer than the \(maxLineBytes)-byte head limit")
        }
        trailerBytes += end - i
        return end
      }
      let b = bytes[i]
      i += 1
      switch state {
      case .size:
        let digit = HTTPBytes.hexValue(b)
        if digit >= 0 {
          guard chunkRemaining <= Int.max >> 4 else { throw Self.error("chunk size too large") }
          chunkRemaining = chunkRemaining << 4 | digit
          sawDigit = true
        } else {
          guard sawDigit else {
            throw Self.error("expected a hexadecimal chunk size, got byte \(b)")
          }
          switch b {
          case HTTPBytes.space, HTTPBytes.tab: state = .sizeSpace
          case HTTPBytes.semicolon: state = .extensions
          case HTTPBytes.cr: state = .sizeLF
          case HTTPBytes.lf: endSizeLine()
          default: throw Self.error("invalid byte \(b) after the chunk size")
          }
        }
      case .sizeSpace:
        switch b {
        case HTTPBytes.space, HTTPBytes.tab: break
        case HTTPBytes.semicolon: state = .extensions
        case HTTPBytes.cr: state = .sizeLF
        case HTTPBytes.lf: endSizeLine()
        default: throw Self.error("invalid byte \(b) after the chunk size")
        }
      case .extensions:
        switch b {
        case HTTPBytes.quote: state = .quoted
        case HTTPBytes.cr: state = .sizeLF
        case HTTPBytes.lf: endSizeLine()
        default: break
        }
      case .quoted:
        switch b {
        case HTTPBytes.quote: state = .extensions
        case HTTPBytes.backslash: state = .quotedEscape
        case HTTPBytes.cr, HTTPBytes.lf:
          throw Self.error("line break inside a quoted chunk extension")
        default: break
        }
      case .quotedEscape:
        guard b != HTTPBytes.cr && b != HTTPBytes.lf else {
          throw Self.error("line break inside a quoted chunk extension")
        }
        state = .quoted
      case .sizeLF:
        guard b == HTTPBytes.lf else { throw Self.error("bare CR in a chunk-size line") }
        endSizeLine()
      case .dataCR:
        if b == HTTPBytes.cr {
          state = .dataLF
        } else if b == HTTPBytes.lf {
          state = .size
        } else {
          throw Self.error("chunk data longer than its size (expected CRLF, got byte \(b))")
        }
      case .dataLF:
        guard b == HTTPBytes.lf else { throw Self.error("bare CR after chunk data") }
        state = .size
      case .data, .trailers, .done:
        preconditionFailure("unreachable chunked state")
      }
      if state.rawValue <= State.sizeLF.rawValue {
        lineBytes += 1
        if lineBytes > maxLineBytes {
          throw Self.error("chunk-size line longer than \(maxLineBytes) bytes")
        }
      }
    }
    return i
  }

  private mutating func endSizeLine() {
    sawDigit = false
    lineBytes = 0
    state = chunkRemaining == 0 ? .trailers : .data
  }

  private static func error(_ reason: String) -> HTTPProtocolError {
    HTTPProtocolError(.invalidChunk, reason)
  }
}
