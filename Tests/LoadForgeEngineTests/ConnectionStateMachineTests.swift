import Glibc
import LoadForgeHTTP
import LoadForgeMetrics
import Testing

@testable import LoadForgeEngine

@Suite struct ConnectionStateMachineTests {
  typealias Machine = ConnectionStateMachine

  private func feed(_ machine: inout Machine, _ text: String) -> Machine.Action {
    Array(text.utf8).withUnsafeBytes { machine.received($0) }
  }

  /// A connected machine with `method` fully written, awaiting its response.
  private func awaiting(_ method: String = "GET", reused: Bool = false) -> Machine {
    var m = Machine(connected: true)
    if reused {
      _ = m.startRequest(method: "GET", idempotent: true)
      _ = m.wrote(finished: true)
      _ = feed(&m, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
      #expect(m.state == .idle)
    }
    #expect(
      m.startRequest(method: method, idempotent: Machine.isIdempotent(method: method)) == .write)
    #expect(m.wrote(finished: true) == .waitForResponse)
    return m
  }

  private func status(_ action: Machine.Action) -> (status: Int, reuse: Bool)? {
    if case .complete(let summary, let reuse) = action { return (summary.status, reuse) }
    return nil
  }

  private func outcome(_ action: Machine.Action) -> RequestOutcome? {
    if case .fail(let outcome, _) = action { return outcome }
    return nil
  }

  @Test func freshConnectionWritesOnceConnected() {
    var m = Machine(connected: false)
    #expect(m.state == .connecting)
    #expect(m.startRequest(method: "GET", idempotent: true) == .waitForWritable)
    #expect(m.state == .connecting)
    #expect(m.connectFinished(socketError: 0) == .write)
    #expect(m.state == .writing)
    #expect(m.wrote(finished: false) == .waitForWritable)
    #expect(m.state == .writing)
    #expect(m.wrote(finished: true) == .waitForResponse)
    #expect(m.state == .awaitingResponse)
  }

  @Test func refusedConnectFailsAsConnectionRefused() {
    var m = Machine(connected: false)
    _ = m.startRequest(method: "GET", idempotent: true)
    let action = m.connectFinished(socketError: ECONNREFUSED)
    #expect(outcome(action) == .connectionRefused)
    if case .fail(_, let reason) = action { #expect(reason.contains("refused")) }
    #expect(m.state == .closed)
  }

  @Test func keepAliveResponseReturnsTheConnectionToThePool() {
    var m = awaiting()
    let action = feed(&m, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
    #expect(status(action)?.status == 200)
    #expect(status(action)?.reuse == true)
    #expect(m.state == .idle)
    #expect(m.isReused)
    #expect(m.bytesReceived == 43)
  }

  @Test func responseSplitAtEveryOffsetCompletesOnce() {
    let text = Array("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nnop".utf8)
    for split in 1..<text.count {
      var m = awaiting()
      let first = text[..<split].withUnsafeBytes { m.received($0) }
      #expect(first == .none, "split at \(split)")
      let second = text[split...].withUnsafeBytes { m.received($0) }
      #expect(status(second)?.status == 404, "split at \(split)")
    }
  }

  @Test func connectionCloseResponseIsNotReused() {
    var m = awaiting()
    let action = feed(&m, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
    #expect(status(action)?.reuse == false)
    #expect(m.state == .closed)
  }

  @Test func closeDelimitedBodyCompletesAtEOF() {
    var m = awaiting()
    #expect(feed(&m, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nHello World!") == .none)
    let action = m.receivedEOF()
    #expect(status(action)?.status == 200)
    #expect(status(action)?.reuse == false)
  }

  @Test func truncatedBodyIsAConnectionResetNotASuccess() {
    var m = awaiting()
    #expect(
      feed(&m, "HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n" + String(repeating: "x", count: 63))
        == .none)
    let action = m.receivedEOF()
    #expect(outcome(action) == .connectionReset)
    if case .fail(_, let reason) = action { #expect(reason.contains("closed after 63 of 64 body bytes"), "\(reason)") }
    #expect(m.state == .closed)
  }

  @Test func truncatedChunkedBodyIsAConnectionReset() {
    var m = awaiting()
    #expect(feed(&m, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel") == .none)
    #expect(outcome(m.receivedEOF()) == .connectionReset)
  }

  @Test func malformedResponseIsAProtocolError() {
    var m = awaiting()
    #expect(outcome(feed(&m, "HTP/1.1 200 OK\r\n\r\n")) == .protocolError)
    #expect(m.state == .closed)
  }

  @Test func bytesBeyondTheResponsePreventReuse() {
    var m = awaiting()
    let action = feed(&m, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n")
    #expect(status(action)?.reuse == false)
    #expect(m.state == .closed)
  }

  @Test func headResponseEndsAtTheBlankLine() {
    var m = awaiting("HEAD")
    let action = feed(&m, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n")
    #expect(status(action)?.reuse == true)
  }

  @Test func earlyResponseWhileWritingCompletesWithoutReuse() {
    var m = Machine(connected: true)
    _ = m.startRequest(method: "POST", idempotent: false)
    #expect(m.wrote(finished: false) == .waitForWritable)
    let action = feed(&m, "HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\n\r\n")
    #expect(status(action)?.status == 413)
    #expect(status(action)?.reuse == false)
  }

  @Test func staleReusedConnectionRetriesIdempotentRequests() {
    for method in ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"] {
      var m = awaiting(method, reused: true)
      #expect(m.receivedEOF() == .retryOnFreshConnection, "\(method)")
      var reset = awaiting(method, reused: true)
      #expect(
        reset.readFailed(SyscallError(call: "read", errno: ECONNRESET)) == .retryOnFreshConnection)
    }
  }

  @Test func staleReusedConnectionNeverReplaysPostOrPatch() {
    for method in ["POST", "PATCH"] {
      var m = awaiting(method, reused: true)
      #expect(outcome(m.receivedEOF()) == .connectionReset, "\(method)")
    }
  }

  @Test func freshConnectionClosedBeforeAnyByteIsAnError() {
    var m = awaiting("GET", reused: false)
    #expect(outcome(m.receivedEOF()) == .connectionReset)
  }

  @Test func writeFailureOnAReusedConnectionRetries() {
    var m = Machine(connected: true)
    _ = m.startRequest(method: "GET", idempotent: true)
    _ = m.wrote(finished: true)
    _ = feed(&m, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    #expect(m.startRequest(method: "GET", idempotent: true) == .write)
    #expect(m.writeFailed(SyscallError(call: "send", errno: EPIPE)) == .retryOnFreshConnection)

    var fresh = Machine(connected: true)
    _ = fresh.startRequest(method: "GET", idempotent: true)
    #expect(
      outcome(fresh.writeFailed(SyscallError(call: "send", errno: EPIPE))) == .connectionReset)
  }

  @Test func resetMidResponseIsAConnectionResetEvenWhenReused() {
    var m = awaiting("GET", reused: true)
    #expect(feed(&m, "HTTP/1.1 200 OK\r\nContent-Len") == .none)
    #expect(
      outcome(m.readFailed(SyscallError(call: "read", errno: ECONNRESET))) == .connectionReset)
  }

  @Test func idleConnectionClosedByTheServerIsDroppedSilently() {
    var eof = awaiting("GET", reused: true)
    _ = feed(&eof, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    #expect(eof.state == .idle)
    #expect(eof.receivedEOF() == .drop)

    var reset = awaiting()
    _ = feed(&reset, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    #expect(reset.readFailed(SyscallError(call: "read", errno: ECONNRESET)) == .drop)

    var chatty = awaiting()
    _ = feed(&chatty, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    #expect(feed(&chatty, "HTTP/1.1 408 Request Timeout\r\n\r\n") == .drop)
  }

  @Test func timeoutsNameTheirPhase() {
    var connecting = Machine(connected: false)
    _ = connecting.startRequest(method: "GET", idempotent: true)
    #expect(connecting.timedOut() == .fail(.connectTimeout, reason: "no connection within connect_timeout"))

    var waiting = awaiting()
    #expect(waiting.timedOut() == .fail(.responseTimeout, reason: "no complete response within timeout"))

    var idle = Machine(connected: true)
    #expect(idle.timedOut() == .none)
  }

  @Test func idempotentMethodsFollowRFC9110() {
    #expect(
      ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"].allSatisfy(Machine.isIdempotent(method:))
    )
    #expect(!["POST", "PATCH", "CONNECT", "get"].contains(where: Machine.isIdempotent(method:)))
  }
}
