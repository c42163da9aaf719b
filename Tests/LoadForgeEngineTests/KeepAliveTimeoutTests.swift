import Foundation
import Glibc
import LoadForgeMetrics
import LoadForgePlan
import Testing

@testable import LoadForgeEngine

/// `Keep-Alive: timeout=N` (RFC 2068 §19.7.1.1, RFC 9112 §9.3): a connection idle for longer
/// than the server keeps it is retired before the next request, not reused and lost.
@Suite(.serialized) struct KeepAliveTimeoutTests {
  @Test(
    arguments: [
      (0, 1_000_000 - 100_000),
      (1, 1_000_000 + 900_000),
      (2, 1_000_000 + 1_000_000),
      (5, 1_000_000 + 4_000_000),
      (60, 1_000_000 + 59_000_000),
    ] as [(Int, Int64)])
  func reuseDeadlineIsTheTimeoutLessItsMargin(seconds: Int, deadline: Int64) {
    #expect(
      ConnectionStateMachine.keepAliveReuseDeadline(lastByteMicros: 1_000_000, timeoutSeconds: seconds)
        == deadline)
  }

  @Test func reuseDeadlineOfAnAbsurdTimeoutIsNoLimit() {
    #expect(ConnectionStateMachine.keepAliveReuseDeadline(lastByteMicros: 5, timeoutSeconds: .max) == .max)
    #expect(ConnectionStateMachine.keepAliveReuseDeadline(lastByteMicros: 5, timeoutSeconds: 86_401) == .max)
  }

  /// Answers POSTs with `Keep-Alive: timeout=1` and keeps a connection for 1 s of idleness.
  /// A request arriving on a connection idle for longer is read but never answered: the
  /// server's close crossed it (the race of RFC 9112 §9.3.1), which is what a client reusing a
  /// connection past the timeout meets. A close while the client still idles would only be
  /// dropped (HTTP-CASES H3) and hide the bug.
  private static func server() throws -> ScriptedServer {
    try ScriptedServer { c in
      var lastResponse = MonotonicClock.nowMicros()
      while c.readRequest() {
        if MonotonicClock.nowMicros() - lastResponse >= 1_000_000 { return }
        c.write("HTTP/1.1 201 Created\r\nKeep-Alive: timeout=1\r\nContent-Length: 0\r\n\r\n")
        lastResponse = MonotonicClock.nowMicros()
      }
    }
  }

  @Test func connectionIdlePastTheTimeoutIsRetiredBeforeAPost() throws {
    let server = try Self.server()
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, method: "POST", body: Array("{}".utf8), think: .constant(micros: 1_300_000))
    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 1, maxSeconds: 8) {
      server.requestsRead >= 4
    }
    #expect(result.total >= 4)
    #expect(result.outcomes[.connectionReset] == 0)
    #expect(result.outcomes[.success] == result.total)
    // Each POST reached the server once, each on a connection of its own.
    #expect(server.requestsRead == result.total)
    #expect(server.connectionsAccepted == result.total)
    #expect(result.connectionsOpened == result.total)
  }

  @Test func connectionWithinTheTimeoutIsReused() throws {
    let server = try Self.server()
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, method: "POST", body: Array("{}".utf8), think: .constant(micros: 100_000))
    // Over 1.5 s in all: the deadline counts from each response, not from the connect.
    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 1, maxSeconds: 6) {
      server.requestsRead >= 15
    }
    #expect(result.total >= 15)
    #expect(result.outcomes[.success] == result.total)
    #expect(server.requestsRead == result.total)
    #expect(server.connectionsAccepted == 1)
    #expect(result.connectionsOpened == 1)
  }
}
