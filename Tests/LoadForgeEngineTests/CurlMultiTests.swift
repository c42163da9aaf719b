import Foundation
import Glibc
import LoadForgeMetrics
import LoadForgePlan
import Testing

@testable import LoadForgeEngine

/// `CurlMulti` and `CurlTransfer` driven from an `EventLoop` against nginx over TLS on
/// 127.0.0.1, with a CA and server certificate the test made (`CurlTestNginx`).
@Suite("CurlMulti")
struct CurlMultiTests {
  private func settings(_ nginx: CurlTestNginx?, insecure: Bool = false, maxHeaderBytes: Int = 64 * 1024)
    -> ConnectionSettings
  {
    ConnectionSettings(
      connectTimeoutMicros: 2_000_000, maxHeaderBytes: maxHeaderBytes,
      tls: TLSSettings(caFile: nginx?.caFile, insecure: insecure))
  }

  @Test("requests on one transfer reuse one TLS connection, with the plain path's headers")
  func keepAlive() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let harness = try CurlHarness(connection: settings(nginx))
    try harness.send((0..<3).map { _ in CurlHarness.request(port: nginx.port, "/health") })
    try harness.run(until: 3)
    #expect(harness.finished.map(\.completion.status) == [204, 204, 204])
    #expect(harness.finished.map(\.completion.failure) == [nil, nil, nil])
    // One connection for the three requests: curl kept it alive in the multi handle's pool.
    #expect(harness.finished.map(\.completion.connectionsOpened) == [1, 0, 0])
    #expect(harness.finished.allSatisfy { $0.completion.bytesReceived > 50 })
    let log = nginx.accessLog()
    #expect(log.count == 3)
    #expect(log.allSatisfy { $0.contains("\"GET /health HTTP/1.1\" 204") && $0.contains("ua=\"loadforge/0.1\"") })
    #expect(harness.multi.activeCount == 0)
  }

  @Test("several transfers at once each complete, one connection each")
  func concurrent() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let harness = try CurlHarness(connection: settings(nginx))
    for owner in 0..<4 {
      try harness.send((0..<5).map { _ in CurlHarness.request(port: nginx.port, "/index.html") }, owner: owner)
    }
    try harness.run(until: 20)
    #expect(harness.finished.count == 20)
    #expect(harness.finished.allSatisfy { $0.completion.status == 200 && $0.completion.failure == nil })
    #expect(harness.finished.map(\.completion.connectionsOpened).reduce(0, +) == 4)
    for owner in 0..<4 { #expect(harness.finished.filter { $0.owner == owner }.count == 5) }
    // 204-byte index.html in each body.
    #expect(harness.finished.allSatisfy { $0.completion.bytesReceived > 204 })
    #expect(nginx.accessLog().count == 20)
  }

  @Test("without the CA file the certificate is not trusted: tls_error with curl's reason")
  func untrusted() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let harness = try CurlHarness(connection: settings(nil))
    try harness.send([CurlHarness.request(port: nginx.port, "/health")])
    try harness.run(until: 1)
    let failure = try #require(harness.finished.first?.completion.failure)
    #expect(failure.outcome == .tlsError)
    #expect(failure.reason.contains("certificate"))
    #expect(nginx.accessLog().isEmpty)
  }

  @Test("insecure skips verification")
  func insecure() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let harness = try CurlHarness(connection: settings(nil, insecure: true))
    try harness.send([CurlHarness.request(port: nginx.port, "/health")])
    try harness.run(until: 1)
    #expect(harness.finished.first?.completion.status == 204)
    #expect(harness.finished.first?.completion.failure == nil)
  }

  @Test("the host name is verified: localhost is in the certificate, a CA file that did not sign it fails")
  func hostAndWrongCA() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let harness = try CurlHarness(connection: settings(nginx))
    let localhost = CurlRequest(
      origin: Origin(scheme: "https", host: "localhost", port: nginx.port), method: "GET", target: "/health",
      headers: [], body: [])
    try harness.send([localhost])
    try harness.run(until: 1)
    #expect(harness.finished.first?.completion.status == 204)

    // CURLOPT_RESOLVE pins the name: localhost at 127.0.0.2, where nothing listens, is refused.
    let pinned = try CurlHarness(
      connection: settings(nginx), resolve: "localhost:\(nginx.port):127.0.0.2")
    try pinned.send([localhost])
    try pinned.run(until: 1)
    #expect(pinned.finished.first?.completion.failure?.outcome == .connectionRefused)

    let other = try CurlTestNginx()
    defer { other.stop() }
    let wrong = try CurlHarness(
      connection: ConnectionSettings(tls: TLSSettings(caFile: other.caFile)))
    try wrong.send([CurlHarness.request(port: nginx.port, "/health")])
    try wrong.run(until: 1)
    #expect(wrong.finished.first?.completion.failure?.outcome == .tlsError)
  }

  @Test("methods and bodies: POST, PUT with a body, DELETE, HEAD")
  func methods() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let harness = try CurlHarness(connection: settings(nginx))
    try harness.send(
      [
        CurlHarness.request(port: nginx.port, "/echo-method", method: "PUT", body: "abc"),
        CurlHarness.request(port: nginx.port, "/echo-method", method: "DELETE"),
        CurlHarness.request(port: nginx.port, "/echo-method", method: "POST"),
        CurlHarness.request(port: nginx.port, "/echo-method", method: "GET"),
        CurlHarness.request(port: nginx.port, "/index.html", method: "HEAD"),
      ], retaining: 1024)
    try harness.run(until: 5)
    let bodies = harness.finished.map { String(decoding: $0.retained?.body ?? [], as: UTF8.self) }
    #expect(bodies == ["PUT 3", "DELETE ", "POST 0", "GET ", ""])
    #expect(harness.finished.map(\.completion.status) == [200, 200, 200, 200, 200])
    #expect(harness.finished[4].retained?.headerValue("Content-Length") == "204")
    let log = nginx.accessLog()
    #expect(log.count == 5)
    #expect(log.last?.contains("\"HEAD /index.html HTTP/1.1\" 200 0") == true)
  }

  @Test("a retained response holds the final head and the body, for checks and captures")
  func retained() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let harness = try CurlHarness(connection: settings(nginx))
    try harness.send(
      [CurlHarness.request(port: nginx.port, "/api/login", method: "POST", body: "{}")], retaining: 1024)
    try harness.send(
      [
        CurlHarness.request(
          port: nginx.port, "/api/items", headers: [("Authorization", "Bearer lf-demo-token")])
      ], owner: 1, retaining: 16)
    try harness.run(until: 2)
    let login = try #require(harness.finished.first { $0.owner == 0 }?.retained)
    #expect(login.status == 200)
    #expect(String(decoding: login.body, as: UTF8.self) == #"{"ok":true,"token":"lf-demo-token","user":{"id":42}}"#)
    #expect(login.headerValue("content-type") == "application/json")
    #expect(!login.bodyTruncated)
    #expect(String(decoding: login.head.prefix(15), as: UTF8.self) == "HTTP/1.1 200 OK")
    #expect(!String(decoding: login.head, as: UTF8.self).hasSuffix("\r\n\r\n"))
    let items = try #require(harness.finished.first { $0.owner == 1 }?.retained)
    #expect(items.body.count == 16)
    #expect(items.bodyTruncated)
  }

  /// curl never follows a redirect itself (the worker does, on the origin only): it reports the
  /// 3xx and where it points, whatever `followRedirects` says.
  @Test("a redirect is reported with its absolute target, not followed by curl")
  func redirects() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    var connection = settings(nginx)
    connection.followRedirects = 2
    let harness = try CurlHarness(connection: connection)
    try harness.send([CurlHarness.request(port: nginx.port, "/moved")])
    try harness.run(until: 1)
    #expect(harness.finished.first?.completion.status == 302)
    #expect(try harness.transfer(0).redirectURL == "https://127.0.0.1:\(nginx.port)/health")
    #expect(nginx.accessLog().count == 1)
  }

  @Test("a head over max_header_bytes is a protocol error")
  func headTooLarge() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let harness = try CurlHarness(connection: settings(nginx, maxHeaderBytes: 4096))
    try harness.send([
      CurlHarness.request(port: nginx.port, "/big-head"), CurlHarness.request(port: nginx.port, "/health"),
    ])
    try harness.run(until: 2)
    let failure = try #require(harness.finished.first?.completion.failure)
    #expect(failure.outcome == .protocolError)
    #expect(failure.reason == "header too large: response head larger than the 4096-byte limit")
    #expect(harness.finished.last?.completion.status == 204)
  }

  @Test("a response slower than the request timeout is a response timeout")
  func responseTimeout() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let harness = try CurlHarness(connection: settings(nginx))
    let start = MonotonicClock.nowMicros()
    try harness.send([CurlHarness.request(port: nginx.port, "/slow")], timeoutMicros: 400_000)
    try harness.run(until: 1)
    let elapsed = MonotonicClock.nowMicros() - start
    let failure = try #require(harness.finished.first?.completion.failure)
    #expect(failure.outcome == .responseTimeout)
    #expect(failure.reason.contains("timed out"))
    #expect(elapsed >= 390_000 && elapsed < 1_500_000)
  }

  @Test("a server that accepts but never answers the handshake is a connect timeout")
  func connectTimeout() throws {
    // A listening socket nobody accepts from: TCP connects (the kernel's backlog), TLS never starts.
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    #expect(listen(fd, 8) == 0)
    let port = Int(UInt16(bigEndian: address.sin_port))
    let harness = try CurlHarness(
      connection: ConnectionSettings(connectTimeoutMicros: 300_000, tls: TLSSettings(insecure: true)))
    let start = MonotonicClock.nowMicros()
    try harness.send([CurlHarness.request(port: port, "/")], timeoutMicros: 5_000_000)
    try harness.run(until: 1)
    let elapsed = MonotonicClock.nowMicros() - start
    #expect(harness.finished.first?.completion.failure?.outcome == .connectTimeout)
    #expect(elapsed >= 290_000 && elapsed < 2_000_000)
  }

  @Test("nothing listening is connection refused")
  func refused() throws {
    let port = try CurlTestNginx.freePort()
    let harness = try CurlHarness(connection: ConnectionSettings(tls: TLSSettings(insecure: true)))
    try harness.send([CurlHarness.request(port: port, "/")])
    try harness.run(until: 1)
    let failure = try #require(harness.finished.first?.completion.failure)
    #expect(failure.outcome == .connectionRefused)
    #expect(failure.reason.contains("onnect"))
  }

  @Test("a cancelled transfer reports nothing, and its handle serves the next request")
  func cancel() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let harness = try CurlHarness(connection: settings(nginx))
    try harness.send([CurlHarness.request(port: nginx.port, "/slow")])
    try harness.run(for: 0.3)
    let transfer = try harness.transfer(0)
    #expect(transfer.isActive)
    harness.multi.cancel(transfer)
    #expect(!transfer.isActive)
    #expect(harness.multi.activeCount == 0)
    try harness.run(for: 0.2)
    #expect(harness.finished.isEmpty)
    try harness.send([CurlHarness.request(port: nginx.port, "/health")])
    try harness.run(until: 1)
    #expect(harness.finished.map(\.completion.status) == [204])
  }

  @Test("CURLcode classes")
  func classes() {
    // Codes by number (curl.h; this file does not import CCurl, see `classify(code:connected:)`).
    let table: [(UInt32, Bool, RequestOutcome)] = [
      (6, false, .dnsFailure),  // COULDNT_RESOLVE_HOST
      (7, false, .connectionRefused),  // COULDNT_CONNECT
      (28, false, .connectTimeout),  // OPERATION_TIMEDOUT before the connection was up
      (28, true, .responseTimeout),  // OPERATION_TIMEDOUT after
      (35, false, .tlsError),  // SSL_CONNECT_ERROR
      (60, false, .tlsError),  // PEER_FAILED_VERIFICATION (= SSL_CACERT)
      (77, false, .tlsError),  // SSL_CACERT_BADFILE
      (58, false, .tlsError),  // SSL_CERTPROBLEM
      (59, false, .tlsError),  // SSL_CIPHER
      (56, true, .connectionReset),  // RECV_ERROR
      (55, true, .connectionReset),  // SEND_ERROR
      (52, true, .connectionReset),  // GOT_NOTHING
      (18, true, .connectionReset),  // PARTIAL_FILE
      (8, true, .protocolError),  // WEIRD_SERVER_REPLY
      (61, true, .protocolError),  // BAD_CONTENT_ENCODING
      (47, true, .protocolError),  // TOO_MANY_REDIRECTS
      (27, true, .clientLimit),  // OUT_OF_MEMORY
      (42, true, .connectionReset),  // ABORTED_BY_CALLBACK: anything else
    ]
    for (code, connected, outcome) in table {
      #expect(CurlOutcome.classify(code: code, connected: connected) == outcome, "CURLcode \(code)")
    }
  }

  @Test("request headers: caller fields kept, CR/LF removed, curl's own defaults suppressed")
  func headerList() {
    let request = CurlRequest(
      origin: Origin(scheme: "https", host: "::1", port: 8443), method: "POST", target: "/a\r\nb",
      headers: [("X-A", "1\r\nX-Evil: 2"), ("Accept", "text/plain"), ("X-Empty", "")], body: [])
    #expect(request.url == "https://[::1]:8443/ab")
    var lines: [String] = []
    var node = request.headerList
    while let current = node {
      lines.append(String(cString: current.pointee.data))
      node = current.pointee.next
    }
    #expect(
      lines == [
        "X-A: 1X-Evil: 2", "Accept: text/plain", "X-Empty;", "User-Agent: loadforge/0.1", "Content-Type:", "Expect:",
      ])
    #expect(request.sendsBody)
  }
}
