/// Finds the end of a response head (the first empty line) across any number of feeds, one
/// pass per byte, and rejects on the way every byte that can never be part of a valid head, at
/// that byte: a peer speaking another protocol (an HTML page, an SSH banner, a TLS record) fails
/// after its first byte instead of stalling until a line end, the head limit or a timeout.
///
/// Checked as the bytes arrive:
/// - the status line starts `HTTP/1.` DIGIT SP 3DIGIT with a status code of 100–599, followed by
///   SP or the line end (RFC 9112 §4, RFC 9110 §15); other major versions are not HTTP/1.x;
/// - a field line starts with a field name, a token (RFC 9110 §5.1), directly followed by `:`
///   (RFC 9112 §5.1: no whitespace before the colon); a whitespace-led line (obs-fold) only
///   continues a field (RFC 9112 §2.2, §5.2);
/// - NUL nowhere (RFC 9110 §5.5 lets a recipient reject it in a field value; it is never
///   valid in a reason phrase);
/// - line endings are CRLF or a lone LF (RFC 9112 §2.2: a recipient MAY recognize a single LF);
///   a CR not followed by LF is invalid (RFC 9112 §2.2: "a bare CR ... MUST be considered
///   invalid"), so it fails at the byte after the CR.
///
/// Other bytes of the reason phrase and field values (HTAB, obs-text, other controls) are left
/// alone: clients ignore the reason phrase, and RFC 9110 §5.5 lets a recipient retain them.
/// `ResponseHead` may therefore assume every CR is followed by LF and the head ends in LF.
struct HeadScanner {
  private enum State: UInt8 {
    /// Inside `HTTP/1.x NNN`, at `statusIndex`.
    case statusPrefix
    /// Reason phrase or field value: anything up to the line end.
    case inLine
    /// Inside a field name, before its colon.
    case fieldName
    case afterCR, lineStart, lineStartAfterCR
  }

  /// Where the scanner is, for the error kind and the obs-fold rule.
  private enum Section: UInt8 {
    case statusLine
    /// After the status line, before the first field (a whitespace-led line is invalid here).
    case noFieldYet
    case fields
  }

  private var state: State
  private var section: Section
  /// Bytes of the status line checked so far (0–12: `HTTP/1.1 200` is 12 bytes, then the
  /// separator).
  private var statusIndex: UInt8 = 0

  /// A scanner for a response head, starting at its status line.
  init() {
    state = .statusPrefix
    section = .statusLine
  }

  private init(state: State, section: Section) {
    self.state = state
    self.section = section
  }

  /// A scanner for a field section with no start line: the trailer section of a chunked body
  /// (RFC 9112 §7.1.2), starting at its first line.
  static var trailerSection: HeadScanner { HeadScanner(state: .lineStart, section: .noFieldYet) }

  /// Scans `bytes[start..<end]`.
  ///
  /// - Returns: the index just past the LF that ends the head, or nil if the head goes on. The
  ///   scanner is then ready for the next head.
  /// - Throws: `invalidStatusLine` for a byte that cannot continue a valid status line,
  ///   `invalidHeader` for one that cannot continue a valid header section; thrown at that byte.
  mutating func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
  ) throws(HTTPProtocolError) -> Int? {
    var i = start
    var s = state
    // Cases fall through in the order of a field line (name, colon, value, line end), so a
    // line costs one dispatch; the state is stored only when the input runs out mid-line.
    scanning: while i < end {
      switch s {
      case .lineStart:
        let b = bytes[i]
        i += 1
        guard HTTPBytes.isTChar(b) else {
          switch b {
          case HTTPBytes.lf:
            self = HeadScanner()
            return i
          case HTTPBytes.cr:
            s = .lineStartAfterCR
            continue scanning
          case HTTPBytes.space, HTTPBytes.tab:
            // obs-fold (RFC 9112 §5.2) continues a field; there is none before the first.
            guard section == .fields else {
              throw error("whitespace before the first header field")
            }
            s = .inLine
            continue scanning
          case HTTPBytes.colon:
            throw error("empty field name")
          default:
            throw error("invalid byte \(b) in a field name")
          }
        }
        section = .fields
        s = .fieldName
        fallthrough
      case .fieldName:
        i = HTTPBytes.firstIndexNotTChar(bytes, from: i, to: end)
        if i == end { break scanning }
        let b = bytes[i]
        i += 1
        guard b == HTTPBytes.colon else {
          if b == HTTPBytes.space || b == HTTPBytes.tab {
            // RFC 9112 §5.1: such a message MUST be rejected (request smuggling).
            throw error("whitespace inside a field name or before its colon")
          }
          throw error("invalid byte \(b) in a field name")
        }
        s = .inLine
        fallthrough
      case .inLine:
        // Most head bytes are printable: skip them a word at a time.
        i = HTTPBytes.firstIndexAtOrBelowCR(bytes, from: i, to: end)
        if i == end { break scanning }
        let b = bytes[i]
        i += 1
        if b == HTTPBytes.cr {
          if i == end {
            s = .afterCR
            break scanning
          }
          guard bytes[i] == HTTPBytes.lf else { throw error("bare CR in the \(sectionName)") }
          i += 1
          s = .lineStart
          endLine()
        } else if b == HTTPBytes.lf {
          s = .lineStart
          endLine()
        } else if b == 0 {
          throw error("NUL byte in the \(sectionName)")
        }
      case .afterCR:
        guard bytes[i] == HTTPBytes.lf else { throw error("bare CR in the \(sectionName)") }
        i += 1
        s = .lineStart
        endLine()
      case .lineStartAfterCR:
        guard bytes[i] == HTTPBytes.lf else { throw error("bare CR in the \(sectionName)") }
        self = HeadScanner()
        return i + 1
      case .statusPrefix:
        if statusIndex == 0 && end - i > 12 && Self.isValidStatusPrefix(bytes, at: i) {
          statusIndex = 12
          i += 12
        }
        let b = bytes[i]
        i += 1
        if let next = try statusPrefixByte(b) { s = next }
      }
    }
    state = s
    return nil
  }

  /// Whether `bytes[start..<start + 12]` is a valid `HTTP/1.x NNN` (the common case, checked at
  /// once; any other prefix goes byte by byte to fail at the right byte).
  @inline(__always)
  static func isValidStatusPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int)
    -> Bool
  {
    let prefix: StaticString = "HTTP/1."
    let p = prefix.utf8Start
    return bytes[start] == p[0] && bytes[start + 1] == p[1] && bytes[start + 2] == p[2]
      && bytes[start + 3] == p[3] && bytes[start + 4] == p[4] && bytes[start + 5] == p[5]
      && bytes[start + 6] == p[6] && HTTPBytes.isDigit(bytes[start + 7])
      && bytes[start + 8] == HTTPBytes.space && bytes[start + 9] &- 0x31 < 5
      && HTTPBytes.isDigit(bytes[start + 10]) && HTTPBytes.isDigit(bytes[start + 11])
  }

  /// Checks byte `statusIndex` of `HTTP/1.x NNN` and the separator after it.
  ///
  /// - Returns: the next state once the status code and its separator are read, else nil.
  @inline(__always)
  private mutating func statusPrefixByte(_ b: UInt8) throws(HTTPProtocolError) -> State? {
    let k = statusIndex
    statusIndex &+= 1
    switch k {
    case 0..<5:
      let prefix: StaticString = "HTTP/"
      guard b == prefix.utf8Start[Int(k)] else {
        throw error("response does not start with HTTP/ (byte \(b) at offset \(k))")
      }
    case 5:
      guard HTTPBytes.isDigit(b) else { throw error("malformed HTTP version") }
      guard b == 0x31 else { throw error("unsupported HTTP major version \(b &- 0x30)") }
    case 6:
      guard b == 0x2E else { throw error("malformed HTTP version") }
    case 7:
      guard HTTPBytes.isDigit(b) else { throw error("malformed HTTP version") }
    case 8:
      guard b == HTTPBytes.space else { throw error("expected one space after the HTTP version") }
    case 9:
      guard HTTPBytes.isDigit(b) else { throw error("status code is not three digits") }
      // RFC 9110 §15: status codes are three-digit integers from 100 to 599.
      guard b &- 0x31 < 5 else { throw error("status code outside 100–599") }
    case 10, 11:
      guard HTTPBytes.isDigit(b) else { throw error("status code is not three digits") }
    default:
      switch b {
      case HTTPBytes.space: return .inLine
      case HTTPBytes.cr: return .afterCR
      case HTTPBytes.lf:
        endLine()
        return .lineStart
      default: throw error("status code is not three digits")
      }
    }
    return nil
  }

  /// A line ended: past the status line, the header section begins.
  @inline(__always)
  private mutating func endLine() {
    if section == .statusLine { section = .noFieldYet }
  }

  private var sectionName: String {
    section == .statusLine ? "status line" : "header section"
  }

  private func error(_ reason: String) -> HTTPProtocolError {
    HTTPProtocolError(section == .statusLine ? .invalidStatusLine : .invalidHeader, reason)
  }
}
