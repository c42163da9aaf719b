import Foundation
import Glibc
import LoadForgeMetrics
import LoadForgePlan
import Testing

@testable import LoadForgeEngine

/// Loopback runs of one in-process worker against scripted servers (HTTP-CASES H1–H12, C1).
@Suite(.serialized) struct WorkerTests {
  @Test func h1ConnectionCloseEveryTimeReconnectsWithoutErrors() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.write(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nHello World!")
    }
    defer { server.stop() }
    let result = TestSupport.runWorker(
      plan: TestSupport.plan(port: server.port), port: server.port, users: 2
    ) {
      server.requestsRead >= 40
    }
    #expect(result.total >= 40)
    #expect(result.outcomes[.success] == result.total)
    #expect(result.total == server.requestsRead)
    #expect(result.statusCodes == [200: result.total])
    // One connection per request: churn is counted, not an error (C1).
    #expect(result.connectionsOpened == result.total)
    #expect(server.connectionsAccepted == result.total)
    #expect(result.bytesReceived >= result.total * 12)
  }

  @Test func h2CloseDelimitedResponsesToConnectionCloseRequestsSucceed() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nno length here")
    }
    defer { server.stop() }
    let plan = TestSupport.plan(
      port: server.port, headers: [HeaderField(name: "Connection", value: "close")])
    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 2) {
      server.requestsRead >= 20
    }
    #expect(result.total >= 20)
    #expect(result.outcomes[.success] == result.total)
    #expect(result.total == server.requestsRead)
    #expect(server.requestHeads.allSatisfy { $0.contains("Connection: close") })
  }

  @Test func h3ServerClosingAnIdleKeepAliveConnectionIsNotAnError() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
      // Keep-alive by the rules, yet closed while the VU thinks.
      c.pause(milliseconds: 10)
    }
    defer { server.stop() }
    let plan = TestSupport.plan(port: server.port, think: .constant(micros: 40_000))
    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 1) {
      server.requestsRead >= 6
    }
    #expect(result.total >= 6)
    #expect(result.outcomes[.success] == result.total)
    #expect(result.total == server.requestsRead)
    #expect(result.connectionsOpened == result.total)
  }

  /// The server closes a keep-alive connection just as it is reused: the request is read
  /// but never answered. An idempotent request goes again on a fresh connection.
  @Test func staleKeepAliveConnectionRetriesGetOnceOnAFreshConnection() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
      c.readRequest()
    }
    defer { server.stop() }
    let result = TestSupport.runWorker(
      plan: TestSupport.plan(port: server.port), port: server.port, users: 1
    ) {
      server.requestsRead >= 20
    }
    #expect(result.total >= 9)
    #expect(result.outcomes[.success] == result.total)
    #expect(result.connectionsOpened == result.total)
    // Every answered request but possibly the first was a retry of a swallowed one.
    let swallowed = server.requestsRead - result.total
    #expect(swallowed >= result.total - 1 && swallowed <= result.total)
    // Each swallowed request was retried once, counted apart from the requests (not an error).
    #expect(result.retried == swallowed)
  }

  @Test func staleKeepAliveConnectionNeverReplaysPost() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.write("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
      c.readRequest()
    }
    defer { server.stop() }
    let plan = TestSupport.plan(port: server.port, method: "POST", body: Array("{}".utf8))
    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 1) {
      server.requestsRead >= 20
    }
    #expect(result.outcomes[.success] >= 5)
    #expect(result.outcomes[.connectionReset] >= 5)
    #expect(result.outcomes[.success] + result.outcomes[.connectionReset] == result.total)
    // Each POST reached the server exactly once.
    #expect(server.requestsRead == result.total)
    #expect(result.retried == 0)
  }

  @Test func h6PersistentWithoutConnectionHeaderUsesOneConnection() throws {
    let server = try ScriptedServer { c in
      while c.readRequest() { c.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") }
    }
    defer { server.stop() }
    let result = TestSupport.runWorker(
      plan: TestSupport.plan(port: server.port), port: server.port, users: 1
    ) {
      server.requestsRead >= 200
    }
    #expect(result.total >= 200)
    #expect(result.outcomes[.success] == result.total)
    #expect(result.total == server.requestsRead)
    #expect(result.connectionsOpened == 1)
    #expect(server.connectionsAccepted == 1)
  }

  @Test(arguments: [
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",  // H11
    "HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n" + String(repeating: "x", count: 63),  // H12
  ])
  func truncatedBodiesAreErrorsNeverSuccesses(response: String) throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.write(response)
    }
    defer { server.stop() }
    let result = TestSupport.runWorker(
      plan: TestSupport.plan(port: server.port), port: server.port, users: 1
    ) {
      server.requestsRead >= 10
    }
    #expect(result.total >= 10)
    #expect(result.outcomes[.success] == 0)
    #expect(result.outcomes[.connectionReset] == result.total)
    #expect(result.total == server.requestsRead)
  }

  @Test func malformedResponsesAreProtocolErrors() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.write("HTTP/1.1 2 OK\r\nContent-Length: 0\r\n\r\n")
      c.readUntilEOF()
    }
    defer { server.stop() }
    let result = TestSupport.runWorker(
      plan: TestSupport.plan(port: server.port), port: server.port, users: 1
    ) {
      server.requestsRead >= 5
    }
    #expect(result.total >= 5)
    #expect(result.outcomes[.protocolError] == result.total)
  }

  @Test func statusClassesAreCountedApart() throws {
    let server = try ScriptedServer { c in
      let statuses = ["200 OK", "404 Not Found", "503 Service Unavailable"]
      var i = 0
      while c.readRequest() {
        c.write("HTTP/1.1 \(statuses[i % 3])\r\nContent-Length: 0\r\n\r\n")
        i += 1
      }
    }
    defer { server.stop() }
    let result = TestSupport.runWorker(
      plan: TestSupport.plan(port: server.port), port: server.port, users: 1
    ) {
      server.requestsRead >= 30
    }
    #expect(result.total == server.requestsRead)
    #expect(result.outcomes[.success] == result.statusCodes[200])
    #expect(result.outcomes[.http4xx] == result.statusCodes[404])
    #expect(result.outcomes[.http5xx] == result.statusCodes[503])
    #expect(result.outcomes[.http4xx] >= 9)
  }

  @Test func refusedConnectionsAreConnectionErrors() {
    let port = TestSupport.closedPort()
    let plan = TestSupport.plan(port: port, think: .constant(micros: 5_000))
    var elapsed = 0
    let result = TestSupport.runWorker(plan: plan, port: port, users: 2) {
      elapsed += 1
      return elapsed > 100
    }
    #expect(result.total >= 10)
    #expect(result.outcomes[.connectionRefused] == result.total)
    #expect(result.connectionsOpened == 0)
  }

  @Test func aServerThatNeverAnswersTimesOut() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.readUntilEOF()
    }
    defer { server.stop() }
    let plan = TestSupport.plan(port: server.port, timeoutMicros: 100_000)
    let start = MonotonicClock.nowMicros()
    let result = TestSupport.runWorker(
      plan: plan, port: server.port, users: 1, graceMicros: 1_000_000
    ) {
      server.requestsRead >= 3
    }
    #expect(result.total >= 3)
    #expect(result.outcomes[.responseTimeout] == result.total)
    #expect(result.total == server.requestsRead)
    #expect(MonotonicClock.nowMicros() - start >= 300_000)
  }

  /// Response timeouts are checked by a lazily re-armed timer (Worker): after many quick
  /// responses on one VU, a hanging one still times out at its own deadline, not at one left by
  /// an earlier request.
  @Test func aResponseTimesOutAtItsOwnDeadlineAfterQuickOnes() throws {
    let quick = Counter()
    let hangs = HangLog()
    let server = try ScriptedServer { c in
      while c.readRequest() {
        if quick.count < 40 {
          quick.increment()
          c.pause(milliseconds: 3)
          c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        } else {
          let read = MonotonicClock.nowMicros()
          c.readUntilEOF()
          hangs.append(read: read, closed: MonotonicClock.nowMicros())
          return
        }
      }
    }
    defer { server.stop() }
    let plan = TestSupport.plan(port: server.port, timeoutMicros: 150_000)
    let result = TestSupport.runWorker(
      plan: plan, port: server.port, users: 1, graceMicros: 1_000_000
    ) {
      hangs.count >= 2
    }
    #expect(result.outcomes[.success] == 40)
    #expect(result.outcomes[.responseTimeout] >= 2)
    // The first hang began ≥ 120 ms after the first request (40 × 3 ms): a timeout due at the
    // first request's deadline would have closed it after ~30 ms.
    for hang in hangs.all.prefix(2) {
      #expect(hang.closed - hang.read >= 140_000)
      #expect(hang.closed - hang.read < 1_000_000)
    }
  }

  @Test func aFullAcceptQueueIsAConnectTimeout() throws {
    // backlog 0 admits one queued connection; a second SYN is dropped and never answered.
    let server = try ScriptedServer(backlog: 0, accepting: false) { _ in }
    defer { server.stop() }
    var fillers: [Int32] = []
    defer { for fd in fillers { close(fd) } }
    for _ in 0..<2 {
      let fd = try Syscall.tcpSocket(family: AF_INET)
      _ = try? Syscall.connect(fd, to: TestSupport.loopback(server.port))
      fillers.append(fd)
    }
    usleep(50_000)
    let plan = TestSupport.plan(port: server.port)
    var polls = 0
    let result = TestSupport.runWorker(
      plan: plan, port: server.port, users: 1, graceMicros: 1_000_000, connectTimeoutMicros: 100_000
    ) {
      polls += 1
      return polls > 150
    }
    #expect(result.total >= 2)
    #expect(result.outcomes[.connectTimeout] == result.total)
    #expect(result.connectionsOpened == 0)
  }

  @Test func rampDownStopsVirtualUsersBetweenRequests() throws {
    let server = try ScriptedServer { c in
      while c.readRequest() { c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") }
    }
    defer { server.stop() }
    let plan = TestSupport.plan(port: server.port, think: .constant(micros: 20_000))
    let worker = ThreadWorker(
      plan: plan, address: TestSupport.loopback(server.port), settings: WorkerSettings(seed: 1))
    try worker.start()
    var result = TestSupport.Result()
    worker.setTargetVUs(4)
    usleep(150_000)
    worker.requestInterval(0)
    for report in worker.reports(
      waitingFor: 0, deadlineMicros: MonotonicClock.nowMicros() + 2_000_000)
    {
      result.add(report)
    }
    #expect(result.lastActiveVUs == 4)
    worker.setTargetVUs(1)
    usleep(100_000)
    worker.requestInterval(1)
    for report in worker.reports(
      waitingFor: 1, deadlineMicros: MonotonicClock.nowMicros() + 2_000_000)
    {
      result.add(report)
    }
    #expect(result.lastActiveVUs == 1)
    worker.stop(graceMicros: 1_000_000)
    for report in worker.reports(
      waitingFor: nil, deadlineMicros: MonotonicClock.nowMicros() + 3_000_000)
    {
      result.add(report)
    }
    // Every VU has ended by the final report.
    #expect(result.lastActiveVUs == 0)
    #expect(result.total == server.requestsRead)
    #expect(result.outcomes[.success] == result.total)
    // One keep-alive connection per VU.
    #expect(result.connectionsOpened == 4)
  }

  /// k6/Locust behaviour: a VU keeps its keep-alive connection across requests and think
  /// times, so ramping to N VUs opens exactly N connections (a shared pool opened fewer: a new
  /// VU took the idle connection of one that was thinking), and a VU that stops closes it.
  @Test func eachVirtualUserKeepsItsOwnConnection() throws {
    let closed = Counter()
    let server = try ScriptedServer { c in
      while c.readRequest() { c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") }
      closed.increment()
    }
    defer { server.stop() }
    let plan = TestSupport.plan(port: server.port, think: .constant(micros: 30_000))
    let worker = ThreadWorker(
      plan: plan, address: TestSupport.loopback(server.port), settings: WorkerSettings(seed: 3))
    try worker.start()
    // One VU more every 40 ms: each starts while the others think on idle connections.
    for users in 1...6 {
      worker.setTargetVUs(users)
      usleep(40_000)
    }
    usleep(100_000)
    #expect(server.connectionsAccepted == 6)
    #expect(closed.count == 0)
    worker.setTargetVUs(2)
    #expect(server.wait(seconds: 2) { _ in closed.count >= 4 })
    usleep(100_000)
    #expect(closed.count == 4)
    worker.stop(graceMicros: 1_000_000)
    var result = TestSupport.Result()
    for report in worker.reports(
      waitingFor: nil, deadlineMicros: MonotonicClock.nowMicros() + 3_000_000)
    {
      result.add(report)
    }
    #expect(result.connectionsOpened == 6)
    #expect(server.connectionsAccepted == 6)
    #expect(result.total >= 18)
    #expect(result.outcomes[.success] == result.total)
    #expect(result.total == server.requestsRead)
    #expect(server.wait(seconds: 2) { _ in closed.count == 6 })
  }

  /// A request the server never answers, still open when the grace period after the stop
  /// ends, was cut off by us: `aborted`, not `timeout` (its 30 s timeout never passed).
  @Test func requestsInFlightWhenTheGracePeriodEndsAreAborted() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.readUntilEOF()
    }
    defer { server.stop() }
    let plan = TestSupport.plan(port: server.port, timeoutMicros: 30_000_000)
    let start = MonotonicClock.nowMicros()
    let result = TestSupport.runWorker(
      plan: plan, port: server.port, users: 2, graceMicros: 200_000
    ) {
      server.requestsRead >= 2
    }
    #expect(MonotonicClock.nowMicros() - start < 2_000_000)
    #expect(result.total == 2)
    #expect(result.outcomes[.aborted] == 2)
    #expect(result.outcomes[.responseTimeout] == 0)
    #expect(result.outcomes[.connectTimeout] == 0)
    #expect(result.total == server.requestsRead)
  }

  /// An abort (second stop) records every request in flight before the final report.
  @Test func anAbortRecordsEveryRequestInFlightAsAborted() throws {
    let server = try ScriptedServer { c in
      guard c.readRequest() else { return }
      c.readUntilEOF()
    }
    defer { server.stop() }
    let plan = TestSupport.plan(port: server.port, timeoutMicros: 30_000_000)
    let worker = ThreadWorker(
      plan: plan, address: TestSupport.loopback(server.port), settings: WorkerSettings(seed: 5))
    try worker.start()
    worker.setTargetVUs(3)
    #expect(server.wait(seconds: 2) { $0.requestsRead >= 3 })
    worker.abort()
    var result = TestSupport.Result()
    var finals = 0
    for report in worker.reports(
      waitingFor: nil, deadlineMicros: MonotonicClock.nowMicros() + 2_000_000)
    {
      if report.kind == .final { finals += 1 }
      result.add(report)
    }
    #expect(finals == 1)
    #expect(result.total == 3)
    #expect(result.outcomes[.aborted] == 3)
    #expect(result.total == server.requestsRead)
  }
}
