/// Incremental HTTP/1.1 response parser with no I/O (RFC 9112, RFC 9110 §15.2).
///
/// Usage per connection: call `expectResponse(toMethod:upgradeRequested:)` (or
/// `expectResponse(_:)` with a `ResponseExpectation` worked out once) before each request's
/// response, then `feed(_:)` every chunk of bytes read from the socket (any split
/// point is fine) until it returns `.complete` or `.failed`; on EOF call `feedEOF()`. Bytes after
/// a complete response (pipelining, or a server that wrote early) are not consumed:
/// `.complete(_, consumed:)` says how many were; call `expectResponse` and feed the rest. A new
/// parser expects a response to `GET` without an upgrade request.
///
/// Syntax fails fast: the head is validated byte by byte as it arrives (see `HeadScanner`), so a
/// peer that does not speak HTTP/1.x fails with `invalidStatusLine` at its first impossible byte
/// (`<` of `<html>`, `S` of an SSH banner) whatever the split, rather than waiting for the end of
/// the head, EOF or a timeout. Status codes outside 100–599 are `invalidStatusLine` (RFC 9110
/// §15). EOF after a prefix that may still become valid is `incompleteHead`.
///
/// Framing, in priority order (RFC 9112 §6.3, RFC 9110 §15.2):
/// 1. a response to HEAD, a 1xx, 204 or 304 has no body; a 1xx other than 101 is skipped and the
///    final response read (at most `Limits.maxInterimResponses` of them); a 101 fails with
///    `unsolicitedSwitchingProtocols` unless the request asked for an upgrade (RFC 9110
///    §15.2.2); an expected 101 and a 2xx to CONNECT end the HTTP exchange (no body, connection
///    not reusable);
/// 2. Transfer-Encoding with `chunked` last: chunked; Content-Length is ignored, and the
///    connection is not reused (RFC 9112 §6.3 item 3);
/// 3. Transfer-Encoding without `chunked` last: the body runs to EOF;
/// 4. an invalid Content-Length, or fields that disagree: `invalidContentLength`;
/// 5. Content-Length: that many bytes;
/// 6. otherwise the body runs to EOF.
/// A body cut short by EOF is `incompleteBody`, never a success.
///
/// Cost: a head that arrives whole in one feed (the common case) is checked and parsed in one
/// pass (`ResponseHead.parseWhole`); otherwise it is scanned once to find its end and parsed
/// once, a head split over feeds being copied into one reused buffer. Body bytes are skipped in
/// bulk. No per-byte allocation.
///
/// Retention (`retainNextResponse(maxBodyBytes:)`, for `expect` checks and `capture`s) copies the
/// final head and the content (chunked framing removed) of one response. Without it the cost is
/// one branch per feed: `feed` picks one of two specialised copies of the loop, and the one
/// without retention has no retention code in it.
public struct ResponseParser: Sendable {
  /// What the parser accepts. `maxHeadBytes` is the one knob for "header too large"
  /// (`HTTPProtocolError.Kind.headTooLarge`, HTTP-CASES H22).
  public struct Limits: Sendable, Equatable {
    /// Largest status line + headers accepted, bytes (default 64 KiB, `defaultMaxHeadBytes`);
    /// each head is counted alone (an interim 1xx head and the final head each get the whole
    /// limit). Also bounds a chunk-size line and a trailer section. A longer head fails with
    /// `headTooLarge` as soon as its byte `maxHeadBytes + 1` arrives.
    public var maxHeadBytes: Int
    /// Interim (1xx) responses skipped before a final one (default 8); one more fails with
    /// `tooManyInterimResponses` (RFC 9110 §15.2 sets no bound; a peer could send them forever).
    public var maxInterimResponses: Int
    /// Largest content kept by `retainNextResponse()` for checks and captures, bytes (default
    /// 1 MiB, `defaultMaxRetainedBodyBytes`); content past it fails the response with
    /// `bodyTooLarge`. Responses that are not retained are parsed and counted whatever their
    /// size.
    public var maxRetainedBodyBytes: Int

    public static let defaultMaxHeadBytes = 64 * 1024
    public static let defaultMaxRetainedBodyBytes = 1024 * 1024

    public init(
      maxHeadBytes: Int = Self.defaultMaxHeadBytes, maxInterimResponses: Int = 8,
      maxRetainedBodyBytes: Int = Self.defaultMaxRetainedBodyBytes
    ) {
      self.maxHeadBytes = maxHeadBytes
      self.maxInterimResponses = maxInterimResponses
      self.maxRetainedBodyBytes = maxRetainedBodyBytes
    }
  }

  private enum Phase: UInt8 {
    /// No response outstanding: the last one completed and `expectResponse` was not called.
    case idle
    case head, fixedBody, chunkedBody, closeDelimitedBody
    case failed
  }

  /// The limits this parser enforces.
  public let limits: Limits

  private var phase = Phase.head
  private var isResponseToHead = false
  private var isResponseToConnect = false
  private var upgradeRequested = false
  private var receivedBytes = false

  private var scanner = HeadScanner()
  /// Bytes of the current head seen so far.
  private var headLength = 0
  /// The current head when it spans feeds; empty otherwise (the common case parses in place).
  private var headBuffer: [UInt8] = []
  private var interimResponses = 0

  private var status = 0
  private var minorVersion = 1
  private var keepAlive = false
  private var keepAliveTimeoutSeconds: Int?
  private var headBytes = 0
  private var bodyBytes = 0
  private var bodyRemaining = 0
  private var chunked: ChunkedBodyDecoder
  private var failure: HTTPProtocolError?
  /// Set by `retainNextResponse`, cleared by `expectResponse` and `takeRetainedResponse`.
  private var retaining = false
  private var retention = RetentionBuffer()

  /// Capacity above which the split-head buffer is released after use, bytes.
  private static let retainedBufferCapacity = 8 * 1024

  public init(limits: Limits = Limits()) {
    self.limits = limits
    self.chunked = ChunkedBodyDecoder(maxLineBytes: limits.maxHeadBytes)
  }

  /// Resets state for the response to a request sent with `method` (HEAD responses have no body).
  ///
  /// - Parameters:
  ///   - method: the request method, as sent.
  ///   - upgradeRequested: whether the request carried `Upgrade` (RFC 9110 §7.8); only then is
  ///     `101 Switching Protocols` a valid answer. LoadForge never sends `Upgrade`, so the
  ///     default is false.
  public mutating func expectResponse(toMethod method: String, upgradeRequested: Bool = false) {
    expectResponse(ResponseExpectation(method: method, upgradeRequested: upgradeRequested))
  }

  /// Resets state for the response to a request described by `expectation` (worked out once
  /// per kind of request: the per-request path then handles no method string).
  public mutating func expectResponse(_ expectation: ResponseExpectation) {
    phase = .head
    isResponseToHead = expectation.isResponseToHead
    isResponseToConnect = expectation.isResponseToConnect
    upgradeRequested = expectation.upgradeRequested
    receivedBytes = false
    scanner = HeadScanner()
    headLength = 0
    releaseHeadBuffer()
    interimResponses = 0
    status = 0
    minorVersion = 1
    keepAlive = false
    keepAliveTimeoutSeconds = nil
    headBytes = 0
    bodyBytes = 0
    bodyRemaining = 0
    chunked = ChunkedBodyDecoder(maxLineBytes: limits.maxHeadBytes)
    // Assigning nil over nil still calls swift_bridgeObjectRelease on it (~15 instructions).
    if failure != nil { failure = nil }
    retaining = false
  }

  /// Keeps the head and up to `maxBodyBytes` of content of the response now expected: call
  /// after `expectResponse` and before feeding its bytes; `takeRetainedResponse()` returns them
  /// after `.complete`. The next `expectResponse` ends retention, so it applies to one response.
  ///
  /// - Parameter maxBodyBytes: content bytes kept (after removing chunked framing); the rest
  ///   is parsed as usual but dropped, and `RetainedResponse.bodyTruncated` is set.
  public mutating func retainNextResponse(maxBodyBytes: Int) {
    retainNextResponse(maxBodyBytes: maxBodyBytes, overflow: .truncate)
  }

  /// Keeps the head and up to `limits.maxRetainedBodyBytes` of content of the response now
  /// expected, failing it with `bodyTooLarge` if its content is longer: for checks and
  /// captures that must see the whole body. Call as `retainNextResponse(maxBodyBytes:)`.
  public mutating func retainNextResponse() {
    retainNextResponse(maxBodyBytes: max(0, limits.maxRetainedBodyBytes), overflow: .fail)
  }

  /// Keeps the head and up to `maxBodyBytes` of content of the response now expected; what
  /// happens past that is `overflow`. Call as `retainNextResponse(maxBodyBytes:)`.
  ///
  /// - Parameters:
  ///   - maxBodyBytes: content bytes kept (after removing chunked framing).
  ///   - overflow: `.truncate` drops the rest and sets `RetainedResponse.bodyTruncated`;
  ///     `.fail` fails the response with `bodyTooLarge` at the first byte past the limit.
  public mutating func retainNextResponse(maxBodyBytes: Int, overflow: RetentionOverflow) {
    precondition(maxBodyBytes >= 0, "maxBodyBytes must not be negative")
    retaining = true
    retention = RetentionBuffer(limit: maxBodyBytes, overflow: overflow)
  }

  /// The response retained since `retainNextResponse`, once it completed (the final response:
  /// interim 1xx heads are not kept); nil when retention was not requested or the response is
  /// not complete yet. Clears it.
  public mutating func takeRetainedResponse() -> RetainedResponse? {
    // `.idle` is reached only through `complete`.
    guard retaining, phase == .idle else { return nil }
    retaining = false
    let response = RetainedResponse(
      status: status, head: retention.head, body: retention.body, bodyTruncated: retention.truncated)
    retention = RetentionBuffer()
    return response
  }

  /// Feeds the next bytes received.
  ///
  /// - Returns: `.needMore` until the response is complete; `.complete` with how many of these
  ///   bytes it used; `.failed` on a syntax or framing error, as soon as the first invalid byte
  ///   is fed (and on every later call until `expectResponse`). Bytes fed while no response is
  ///   outstanding fail with `invalidStatusLine`.
  public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> ParseEvent {
    bytes.withMemoryRebound(to: UInt8.self) { typed in
      do throws(HTTPProtocolError) {
        // The one retention branch per feed: each call runs a copy of the loop specialised for it.
        return retaining ? try feedTyped(typed, RetentionOn.self) : try feedTyped(typed, RetentionOff.self)
      } catch {
        fail(error)
        return .failed(error)
      }
    }
  }

  /// Convenience for tests.
  public mutating func feed(_ bytes: [UInt8]) -> ParseEvent {
    bytes.withUnsafeBytes { feed($0) }
  }

  /// The peer closed the connection (read returned 0). Completes a close-delimited body,
  /// otherwise fails with an incomplete-message error: `incompleteHead` before the end of the
  /// head (see `hasReceivedBytes`; the bytes so far were a valid prefix, or `feed` would have
  /// failed already), `incompleteBody` inside a Content-Length or chunked body.
  public mutating func feedEOF() -> ParseEvent {
    let error: HTTPProtocolError
    switch phase {
    case .closeDelimitedBody:
      return complete(consumed: 0)
    case .failed:
      return .failed(failure ?? HTTPProtocolError(.incompleteHead, "connection failed"))
    case .idle:
      error = HTTPProtocolError(.incompleteHead, "connection closed with no response outstanding")
    case .head:
      error = HTTPProtocolError(
        .incompleteHead,
        receivedBytes
          ? "connection closed after \(headBytes + headLength) bytes of the response head"
          : "connection closed before any byte of the response")
    case .fixedBody:
      error = HTTPProtocolError(
        .incompleteBody,
        "connection closed after \(bodyBytes) of \(bodyBytes + bodyRemaining) body bytes")
    case .chunkedBody:
      error = HTTPProtocolError(
        .incompleteBody, "connection closed inside a chunked body after \(bodyBytes) bytes")
    }
    fail(error)
    return .failed(error)
  }

  /// True once any byte of the current response has been received (used to tell a stale
  /// keep-alive connection, closed before answering, from a failure mid-response).
  public var hasReceivedBytes: Bool { receivedBytes }

  // MARK: - Feeding

  /// - Parameter mode: whether this copy of the loop retains the response (see `RetentionMode`).
  private mutating func feedTyped<Mode: RetentionMode>(_ bytes: UnsafeBufferPointer<UInt8>, _ mode: Mode.Type)
    throws(HTTPProtocolError) -> ParseEvent
  {
    let end = bytes.count
    if end == 0 {
      if let failure { return .failed(failure) }
      return .needMore
    }
    var i = 0
    while true {
      switch phase {
      case .head:
        receivedBytes = true
        let room = limits.maxHeadBytes - headLength
        let scanEnd = min(end, i + room)
        if headLength == 0, let (head, headEnd) = ResponseHead.parseWhole(bytes, from: i, to: scanEnd) {
          // The whole head arrived in this feed (the common case): parsed in one pass.
          if Mode.isOn && Self.isFinal(head.status) {
            retention.keepHead(UnsafeBufferPointer(rebasing: bytes[i..<headEnd]))
          }
          headBytes += headEnd - i
          i = headEnd
          if try startBody(after: head) { return complete(consumed: i) }
          if i == end { return .needMore }
          continue
        }
        guard let headEnd = try scanner.scan(bytes, from: i, to: scanEnd) else {
          if scanEnd < end || room == 0 {
            throw HTTPProtocolError(
              .headTooLarge, "response head longer than the \(limits.maxHeadBytes)-byte limit")
          }
          headBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
          headLength += end - i
          return .needMore
        }
        let head: ResponseHead
        if headBuffer.isEmpty {
          let whole = UnsafeBufferPointer(rebasing: bytes[i..<headEnd])
          head = try ResponseHead(parsing: whole)
          if Mode.isOn && Self.isFinal(head.status) { retention.keepHead(whole) }
        } else {
          headBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<headEnd]))
          head = try headBuffer.withUnsafeBufferPointer { buffer throws(HTTPProtocolError) in
            try ResponseHead(parsing: buffer)
          }
          if Mode.isOn && Self.isFinal(head.status) {
            let buffer = headBuffer
            buffer.withUnsafeBufferPointer { retention.keepHead($0) }
          }
          releaseHeadBuffer()
        }
        headBytes += headLength + (headEnd - i)
        headLength = 0
        i = headEnd
        if try startBody(after: head) { return complete(consumed: i) }
        if i == end { return .needMore }
      case .fixedBody:
        let take = min(bodyRemaining, end - i)
        if Mode.isOn { try retention.appendContent(UnsafeBufferPointer(rebasing: bytes[i..<(i + take)])) }
        bodyRemaining -= take
        bodyBytes += take
        i += take
        if bodyRemaining == 0 { return complete(consumed: i) }
        return .needMore
      case .chunkedBody:
        let next = try chunked.decode(bytes, from: i, to: end, mode, into: &retention)
        bodyBytes += next - i
        i = next
        if chunked.isDone { return complete(consumed: i) }
        return .needMore
      case .closeDelimitedBody:
        if Mode.isOn { try retention.appendContent(UnsafeBufferPointer(rebasing: bytes[i..<end])) }
        bodyBytes += end - i
        return .needMore
      case .idle:
        throw HTTPProtocolError(.invalidStatusLine, "bytes received with no response outstanding")
      case .failed:
        return .failed(failure ?? HTTPProtocolError(.invalidStatusLine, "parser failed"))
      }
    }
  }

  /// Chooses how the body of `head` is delimited (RFC 9112 §6.3) and whether the connection
  /// can be reused (RFC 9112 §9.3).
  ///
  /// - Returns: true when the response is complete at the end of its head.
  /// - Throws: `unsolicitedSwitchingProtocols`, `tooManyInterimResponses`,
  ///   `invalidContentLength`.
  private mutating func startBody(after head: ResponseHead) throws(HTTPProtocolError) -> Bool {
    let code = head.status
    if code == 101 && !upgradeRequested {
      // RFC 9110 §15.2.2: a server MUST NOT switch protocols unless the client asked; what
      // follows is not an HTTP response we can measure, so it is not a success.
      throw HTTPProtocolError(
        .unsolicitedSwitchingProtocols, "101 Switching Protocols to a request without Upgrade")
    }
    if code < 200 && code != 101 {
      interimResponses += 1
      guard interimResponses <= limits.maxInterimResponses else {
        throw HTTPProtocolError(
          .tooManyInterimResponses,
          "more than \(limits.maxInterimResponses) interim (1xx) responses")
      }
      return false
    }
    status = code
    minorVersion = head.minorVersion
    keepAliveTimeoutSeconds = head.keepAliveTimeoutSeconds
    // RFC 9112 §9.3: HTTP/1.1 persists unless `close`; HTTP/1.0 only with `keep-alive`.
    let persistent = !head.connectionClose && (head.minorVersion >= 1 || head.connectionKeepAlive)

    let tunnel = code == 101 || (isResponseToConnect && code >= 200 && code < 300)
    if isResponseToHead || tunnel || code < 200 || code == 204 || code == 304 {
      keepAlive = persistent && !tunnel
      return true
    }
    if head.hasTransferEncoding {
      guard head.chunkedIsLast else {
        phase = .closeDelimitedBody
        keepAlive = false
        return false
      }
      // RFC 9112 §6.1 and §6.3 item 3: Transfer-Encoding in HTTP/1.0, or with Content-Length,
      // is faulty framing; read the message, then close.
      keepAlive =
        persistent && head.minorVersion >= 1 && head.contentLength == nil
        && !head.contentLengthInvalid
      phase = .chunkedBody
      return false
    }
    if head.contentLengthInvalid {
      throw HTTPProtocolError(.invalidContentLength, "invalid or conflicting Content-Length")
    }
    guard let length = head.contentLength else {
      phase = .closeDelimitedBody
      keepAlive = false
      return false
    }
    keepAlive = persistent
    bodyRemaining = length
    phase = .fixedBody
    return length == 0
  }

  /// Whether a head with `status` is the final response, not an interim one that is skipped
  /// (RFC 9110 §15.2; `101` ends the exchange, so it is final).
  @inline(__always)
  private static func isFinal(_ status: Int) -> Bool { status >= 200 || status == 101 }

  private mutating func complete(consumed: Int) -> ParseEvent {
    let summary = ResponseSummary(
      status: status, minorVersion: minorVersion,
      keepAlive: keepAlive && phase != .closeDelimitedBody,
      headBytes: headBytes, bodyBytes: bodyBytes, keepAliveTimeoutSeconds: keepAliveTimeoutSeconds,
      contentBytes: phase == .chunkedBody ? chunked.contentBytes : bodyBytes)
    phase = .idle
    return .complete(summary, consumed: consumed)
  }

  private mutating func fail(_ error: HTTPProtocolError) {
    phase = .failed
    failure = error
    releaseHeadBuffer()
  }

  private mutating func releaseHeadBuffer() {
    if headBuffer.capacity > Self.retainedBufferCapacity {
      headBuffer = []
    } else if !headBuffer.isEmpty {
      // Only when there is something to clear: on the shared empty array (the common case: the
      // head arrived whole) `removeAll(keepingCapacity:)` fails its uniqueness check and
      // allocates, ~50 instructions per response for nothing.
      headBuffer.removeAll(keepingCapacity: true)
    }
  }
}
