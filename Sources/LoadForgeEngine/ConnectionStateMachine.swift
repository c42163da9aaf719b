import Glibc
import LoadForgeHTTP
import LoadForgeMetrics

/// The life of one keep-alive HTTP/1.1 client connection as a value type: each event the
/// I/O code observes goes in, an `Action` for it to perform comes out (swift-nio style), so
/// every rule here is testable without sockets.
///
/// States: connecting → writing → awaitingResponse → idle (kept alive) → writing → … → closed.
/// A response is only ever awaited for one request at a time (no pipelining).
struct ConnectionStateMachine {
  enum State: Equatable {
    /// Non-blocking connect in progress; the first request is pending.
    case connecting
    /// Connected, no request outstanding (in the pool).
    case idle
    /// Writing a request; the server may already answer (early error responses).
    case writing
    /// The request is written; reading its response.
    case awaitingResponse
    /// Closed or about to be: the connection must not be used again.
    case closed
  }

  /// What the I/O code must do next.
  enum Action: Equatable {
    /// Nothing: wait for the next event.
    case none
    /// Write the pending request bytes (continue after a partial write).
    case write
    /// A write would block: wait for EPOLLOUT.
    case waitForWritable
    /// The request is fully written: wait for EPOLLIN.
    case waitForResponse
    /// The response is complete. `reuse`: keep the connection in the pool, else close it.
    case complete(ResponseSummary, reuse: Bool)
    /// The request failed with `outcome`; close the connection.
    case fail(RequestOutcome, reason: String)
    /// A reused keep-alive connection was closed by the server before any response byte:
    /// close it and send the same request again on a fresh connection (not an error).
    case retryOnFreshConnection
    /// An idle connection was closed by the server (or sent unsolicited bytes): close it
    /// silently, no request is affected (HTTP-CASES H3).
    case drop
  }

  private(set) var state: State
  /// Responses completed on this connection; > 0 means the next request reuses it.
  private(set) var completedResponses = 0
  /// Bytes received for the current response, for the metrics of failed requests.
  private(set) var bytesReceived = 0
  private var parser: ResponseParser
  private var requestIsIdempotent = false

  /// - Parameters:
  ///   - connected: true when `connect` succeeded at once (loopback), false for EINPROGRESS.
  ///   - limits: response parser limits.
  init(connected: Bool, limits: ResponseParser.Limits = .init()) {
    state = connected ? .idle : .connecting
    parser = ResponseParser(limits: limits)
  }

  /// Whether the current request travels on a connection that already carried a response.
  var isReused: Bool { completedResponses > 0 }

  /// The monotonic time (µs) after which a kept-alive connection must carry no new request,
  /// given the server's `Keep-Alive: timeout=N` (RFC 2068 §19.7.1.1: how long, in seconds, the
  /// server keeps an idle connection open; RFC 9112 §9.3 lets it close one at any time).
  ///
  /// Reusing a connection the server is closing loses the request (a POST cannot be retried),
  /// so it is retired a safety margin early: 1 s when N ≥ 2 (servers such as Apache and nginx
  /// count whole seconds, and the close must not cross a request in flight), else 10 % of N but
  /// at least 100 ms. `timeout=0` gives a time already passed: never reused after idling.
  ///
  /// - Parameters:
  ///   - lastByteMicros: when the response's last byte was read (µs, monotonic).
  ///   - timeoutSeconds: N from the header (s); values past a day are taken as no limit.
  /// - Returns: µs on the same clock; `Int64.max` when there is no limit.
  static func keepAliveReuseDeadline(lastByteMicros: Int64, timeoutSeconds: Int) -> Int64 {
    guard timeoutSeconds <= 86_400 else { return .max }
    let timeout = Int64(max(0, timeoutSeconds)) * 1_000_000
    let margin: Int64 = timeout >= 2_000_000 ? 1_000_000 : max(100_000, timeout / 10)
    return lastByteMicros + timeout - margin
  }

  /// Methods safe to retry after a stale keep-alive connection (RFC 9110 §9.2.2); POST and
  /// PATCH are never replayed.
  static func isIdempotent(method: String) -> Bool {
    switch method {
    case "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE": true
    default: false
    }
  }

  /// A request is to be sent on this connection (a new one, still connecting, or an idle one).
  ///
  /// - Parameters:
  ///   - method: the request method (HEAD responses have no body; idempotency decides retries).
  ///   - idempotent: whether a stale-connection retry is allowed (usually `isIdempotent(method:)`).
  ///   - retainingBodyBytes: keep the response's head and up to this many content bytes for
  ///     `takeRetainedResponse()` (checks and captures); nil keeps nothing (the plain path).
  /// - Returns: `.write` when connected, `.waitForWritable` while connecting.
  mutating func startRequest(method: String, idempotent: Bool, retainingBodyBytes: Int? = nil) -> Action {
    startRequest(
      expecting: ResponseExpectation(method: method), idempotent: idempotent, retainingBodyBytes: retainingBodyBytes)
  }

  /// `startRequest(method:idempotent:retainingBodyBytes:)` with the method's framing worked out
  /// beforehand (the worker keeps one `ResponseExpectation` per request kind).
  mutating func startRequest(expecting expectation: ResponseExpectation, idempotent: Bool, retainingBodyBytes: Int?)
    -> Action
  {
    precondition(
      state == .idle || state == .connecting, "request started on a busy connection: \(state)")
    parser.expectResponse(expectation)
    if let retainingBodyBytes { parser.retainNextResponse(maxBodyBytes: retainingBodyBytes) }
    requestIsIdempotent = idempotent
    bytesReceived = 0
    if state == .connecting { return .waitForWritable }
    state = .writing
    return .write
  }

  /// The response retained for the request (`startRequest(…, retainingBodyBytes:)`) once it
  /// completed; nil when none was asked for. Clears it.
  mutating func takeRetainedResponse() -> RetainedResponse? {
    parser.takeRetainedResponse()
  }

  /// The socket became writable (or reported an error) while connecting.
  /// - Parameter socketError: the SO_ERROR value (0 = connected).
  mutating func connectFinished(socketError: Int32) -> Action {
    guard state == .connecting else { return .none }
    if socketError != 0 {
      let error = SyscallError(call: "connect", errno: socketError)
      return closeFailing(error.outcome, reason: error.failureReason)
    }
    state = .writing
    return .write
  }

  /// A write call returned.
  /// - Parameter finished: whether the whole request is now written.
  mutating func wrote(finished: Bool) -> Action {
    guard state == .writing else { return .none }
    if finished {
      state = .awaitingResponse
      return .waitForResponse
    }
    return .waitForWritable
  }

  /// A write failed (EPIPE, ECONNRESET, …).
  mutating func writeFailed(_ error: SyscallError) -> Action {
    guard state == .writing else { return .none }
    return lost(error.outcome, reason: error.failureReason)
  }

  /// Bytes arrived.
  mutating func received(_ bytes: UnsafeRawBufferPointer) -> Action {
    switch state {
    case .idle:
      // Nothing was asked: a server talking out of turn (e.g. a 408 before closing).
      state = .closed
      return .drop
    case .connecting, .closed:
      return .none
    case .writing, .awaitingResponse:
      bytesReceived += bytes.count
      switch parser.feed(bytes) {
      case .needMore:
        return .none
      case .complete(let summary, let consumed):
        // Bytes past the response answer nothing we asked: do not reuse the connection.
        let reuse = summary.keepAlive && consumed == bytes.count && state == .awaitingResponse
        return finish(summary, reuse: reuse)
      case .failed(let error):
        return closeFailing(.protocolError, reason: error.description)
      }
    }
  }

  /// The peer closed its side (read returned 0).
  mutating func receivedEOF() -> Action {
    switch state {
    case .idle:
      state = .closed
      return .drop
    case .connecting, .closed:
      return .none
    case .writing, .awaitingResponse:
      if !parser.hasReceivedBytes {
        return lost(.connectionReset, reason: "connection closed by the server before any response byte")
      }
      // The server ended the connection inside a response whose length was known: the body (or
      // head) is cut short, an error, never a success (RFC 9112 §8; HTTP-CASES H11, H12).
      switch parser.feedEOF() {
      case .complete(let summary, _):
        return finish(summary, reuse: false)
      case .failed(let error):
        // The parser's text already says the connection closed ("incomplete body: connection
        // closed after 20 of 100 body bytes").
        return closeFailing(.connectionReset, reason: error.description)
      case .needMore:
        return closeFailing(.connectionReset, reason: "connection closed mid-response")
      }
    }
  }

  /// A read failed (ECONNRESET, …).
  mutating func readFailed(_ error: SyscallError) -> Action {
    switch state {
    case .idle:
      state = .closed
      return .drop
    case .connecting, .closed:
      return .none
    case .writing, .awaitingResponse:
      if !parser.hasReceivedBytes { return lost(error.outcome, reason: error.failureReason) }
      return closeFailing(error.outcome, reason: error.failureReason)
    }
  }

  /// The connect or response timer fired.
  /// - Parameter limitMicros: the timeout that passed (µs), named in the reason when given, with
  ///   how much of the response had arrived, e.g. `no complete response within timeout (2s; 60
  ///   bytes received)`.
  mutating func timedOut(limitMicros: Int64? = nil) -> Action {
    var detail: [String] = []
    if let limitMicros { detail.append(Self.formatDuration(limitMicros)) }
    if state != .connecting && bytesReceived > 0 {
      detail.append(bytesReceived == 1 ? "1 byte received" : "\(bytesReceived) bytes received")
    }
    let suffix = detail.isEmpty ? "" : " (\(detail.joined(separator: "; ")))"
    switch state {
    case .connecting:
      return closeFailing(.connectTimeout, reason: "no connection within connect_timeout" + suffix)
    case .writing, .awaitingResponse:
      return closeFailing(.responseTimeout, reason: "no complete response within timeout" + suffix)
    case .idle, .closed:
      return .none
    }
  }

  /// `micros` as the config writes durations: `2s`, `500ms`, `1.5s`, `250us`.
  static func formatDuration(_ micros: Int64) -> String {
    if micros % 1_000_000 == 0 { return "\(micros / 1_000_000)s" }
    if micros < 1_000_000 && micros % 1_000 == 0 { return "\(micros / 1_000)ms" }
    if micros < 1_000 { return "\(micros)us" }
    return "\(Double(micros) / 1_000_000)s"
  }

  /// The request fails with `outcome`; the connection cannot be used again.
  private mutating func closeFailing(_ outcome: RequestOutcome, reason: String) -> Action {
    state = .closed
    return .fail(outcome, reason: reason)
  }

  /// The connection goes away without a request outstanding (worker stop, idle pruning).
  mutating func close() {
    state = .closed
  }

  /// The connection broke before any byte of the response came back, in class `outcome`.
  private mutating func lost(_ outcome: RequestOutcome, reason: String) -> Action {
    state = .closed
    // A server may close an idle keep-alive connection just as we reuse it (RFC 9112 §9.3.1):
    // nothing was processed, so an idempotent request can safely go again.
    if isReused && requestIsIdempotent { return .retryOnFreshConnection }
    return .fail(outcome, reason: reason)
  }

  private mutating func finish(_ summary: ResponseSummary, reuse: Bool) -> Action {
    completedResponses += 1
    state = reuse ? .idle : .closed
    return .complete(summary, reuse: reuse)
  }
}
