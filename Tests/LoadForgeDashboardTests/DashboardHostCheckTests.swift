import Foundation
import Hummingbird
import Testing

@testable import LoadForgeDashboard

/// DNS rebinding: only requests naming the server by an IP literal or `localhost` are served, and
/// a WebSocket only to a page of that same host and port.
@Suite struct DashboardHostCheckTests {
  /// Sends `head` (request line and headers, without the blank line) and reads the answer.
  static func exchange(_ head: String, port: Int) async throws -> DashboardServerTests.Exchange {
    try await OffPool.run {
      let socket = try RawSocket(port: port)
      try socket.write(head + "\r\n\r\n")
      let answer = try socket.readHead()
      let status = Int(answer.split(separator: " ").dropFirst().first ?? "") ?? -1
      // A 101 keeps the connection open: its head is all there is to read.
      let body = status == 101 ? [] : try socket.readToEnd()
      return DashboardServerTests.Exchange(status: status, head: answer, body: body)
    }
  }

  static func get(_ path: String, host: String, port: Int) async throws -> DashboardServerTests.Exchange {
    try await exchange("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close", port: port)
  }

  static func upgrade(host: String, origin: String?, port: Int) async throws -> DashboardServerTests.Exchange {
    try await exchange(
      "GET /ws HTTP/1.1\r\nHost: \(host)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13"
        + (origin.map { "\r\nOrigin: \($0)" } ?? ""), port: port)
  }

  /// Served on another interface (`--dashboard-host 0.0.0.0`), any name reaches the page (the
  /// network can anyway), but a WebSocket still needs a page of the same host and port.
  @Test func onAnotherInterfaceAnyNameIsServedButOriginsStillMatch() {
    #expect(
      DashboardHostCheck<BasicRequestContext>.rejection(
        host: "myhost:5665", extraHosts: 0, origin: nil, namesMustBeLocal: false) == nil)
    #expect(
      DashboardHostCheck<BasicRequestContext>.rejection(
        host: "myhost:5665", extraHosts: 0, origin: "http://myhost:5665", namesMustBeLocal: false) == nil)
    #expect(
      DashboardHostCheck<BasicRequestContext>.rejection(
        host: "myhost:5665", extraHosts: 0, origin: "http://evil.example:5665", namesMustBeLocal: false) != nil)
    #expect(
      DashboardHostCheck<BasicRequestContext>.rejection(
        host: "myhost:5665", extraHosts: 0, origin: nil, namesMustBeLocal: true) != nil)
    #expect(DashboardServer.isLoopback("127.0.0.1") && DashboardServer.isLoopback("::1"))
    #expect(!DashboardServer.isLoopback("0.0.0.0"))
  }

  /// Hummingbird answers every refused upgrade with an empty 400 of its own.
  static let refusedUpgrade = 400

  static func startedHub() -> DashboardHub {
    let hub = DashboardHub(mode: .live)
    DashboardObserver(hub: hub, plan: DashboardFixtures.plan).runStarted(DashboardFixtures.runInfo())
    return hub
  }

  @Test func aForeignHostNameGets403OnEveryPath() async throws {
    let (server, port) = try await DashboardFixtures.server(Self.startedHub())
    defer { Task { await server.stop() } }
    for host in ["evil.example:\(port)", "evil.example", "127.0.0.1.evil.example:\(port)", "localhost.evil.example"] {
      for path in ["/", "/assets/app.js", "/nothing"] {
        let answer = try await Self.get(path, host: host, port: port)
        #expect(answer.status == 403, "\(host) \(path)")
        let body = String(decoding: answer.body, as: UTF8.self)
        #expect(body == "forbidden: the dashboard answers only to an IP address or localhost, not to \(host)\n")
        #expect(DashboardServerTests.header("Content-Type", in: answer.head) == "text/plain; charset=utf-8")
        #expect(DashboardServerTests.header("X-Content-Type-Options", in: answer.head) == "nosniff")
        #expect(!answer.all.contains("CONTENT-OF-"))
      }
      let ws = try await Self.upgrade(host: host, origin: nil, port: port)
      #expect(ws.status == Self.refusedUpgrade, "\(host) /ws")
      #expect(!ws.all.contains("\"type\":\"hello\""))
      // Without the upgrade headers /ws is a plain request, refused like any other.
      #expect(try await Self.get("/ws", host: host, port: port).status == 403)
    }
    let twice = try await Self.exchange(
      "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: evil.example\r\nConnection: close", port: port)
    #expect(twice.status == 403)
    #expect(String(decoding: twice.body, as: UTF8.self) == "forbidden: more than one Host header\n")
  }

  @Test func addressesAndLocalhostAreServed() async throws {
    let (server, port) = try await DashboardFixtures.server(Self.startedHub())
    defer { Task { await server.stop() } }
    for host in [
      "127.0.0.1:\(port)", "localhost:\(port)", "LOCALHOST:\(port)", "[::1]:\(port)", "127.0.0.1", "10.1.2.3:80",
    ] {
      let page = try await Self.get("/", host: host, port: port)
      #expect(page.status == 200, "\(host)")
      #expect(String(decoding: page.body, as: UTF8.self) == "CONTENT-OF-index.html")
      #expect(try await Self.get("/assets/app.js", host: host, port: port).status == 200, "\(host)")
    }
    // HTTP/1.0 without Host.
    let old = try await Self.exchange("GET /assets/app.css HTTP/1.0\r\nConnection: close", port: port)
    #expect(old.status == 200)
    #expect(String(decoding: old.body, as: UTF8.self) == "CONTENT-OF-app.css")
  }

  @Test func theWebSocketOnlyForItsOwnOrigin() async throws {
    let (server, port) = try await DashboardFixtures.server(Self.startedHub())
    defer { Task { await server.stop() } }
    let host = "127.0.0.1:\(port)"
    for origin in ["http://evil.example:\(port)", "http://127.0.0.1:\(port + 1)", "http://localhost:\(port)", "null"] {
      let answer = try await Self.upgrade(host: host, origin: origin, port: port)
      #expect(answer.status == Self.refusedUpgrade, "\(origin)")
      #expect(answer.body.isEmpty)
    }
    #expect(try await Self.upgrade(host: host, origin: "http://127.0.0.1:\(port)", port: port).status == 101)
    #expect(try await Self.upgrade(host: "[::1]:\(port)", origin: "http://[::1]:\(port)", port: port).status == 101)
    // A client library's own origin (scheme ws, no port); none at all (not a browser).
    #expect(try await Self.upgrade(host: host, origin: "ws://127.0.0.1", port: port).status == 101)
    #expect(try await Self.upgrade(host: host, origin: "ws://evil.example", port: port).status == Self.refusedUpgrade)
    #expect(try await Self.upgrade(host: host, origin: nil, port: port).status == 101)
  }

  @Test func authoritiesParse() {
    typealias Authority = DashboardAuthority
    #expect(Authority("LocalHost:5665") == Authority("localhost:5665"))
    #expect(Authority("127.0.0.1")?.port == 80)
    #expect(Authority("[::1]:8080")?.host == "[::1]")
    #expect(Authority("[::1]x") == nil)
    #expect(Authority("127.0.0.1:99999") == nil)
    #expect(Authority(origin: "https://127.0.0.1")?.port == 443)
    #expect(Authority(origin: "http://127.0.0.1:80") == Authority("127.0.0.1"))
    #expect(Authority("127.1")?.isLocalName == false)
    #expect(Authority("0x7f.0.0.1")?.isLocalName == false)
    #expect(Authority("[fe80::1]")?.isLocalName == true)
    #expect(Authority("evil.example")?.isLocalName == false)
  }
}
