import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeDashboard

@Suite struct DashboardServerTests {
  /// A raw HTTP/1.1 exchange: status code, head and body bytes.
  struct Exchange: Sendable {
    var status: Int
    var head: String
    var body: [UInt8]
    var all: String { head + String(decoding: body, as: UTF8.self) }
  }

  static func get(_ path: String, port: Int) async throws -> Exchange {
    try await OffPool.run {
      let socket = try RawSocket(port: port)
      try socket.write("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
      let head = try socket.readHead()
      let body = try socket.readToEnd()
      let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? -1
      return Exchange(status: status, head: head, body: body)
    }
  }

  static func header(_ name: String, in head: String) -> String? {
    for line in head.split(separator: "\r\n") {
      let parts = line.split(separator: ":", maxSplits: 1)
      if parts.count == 2, parts[0].lowercased() == name.lowercased() {
        return parts[1].trimmingCharacters(in: .whitespaces)
      }
    }
    return nil
  }

  @Test func servesThePageAndEachAssetWithItsHeaders() async throws {
    let (server, port) = try await DashboardFixtures.server(DashboardHub(mode: .live))
    defer { Task { await server.stop() } }
    let expectedTypes = [
      "/": "text/html; charset=utf-8", "/assets/app.js": "text/javascript; charset=utf-8",
      "/assets/app.css": "text/css; charset=utf-8", "/assets/react.production.min.js": "text/javascript; charset=utf-8",
      "/assets/react-dom.production.min.js": "text/javascript; charset=utf-8",
      "/assets/plotly.min.js": "text/javascript; charset=utf-8", "/assets/LICENSES.txt": "text/plain; charset=utf-8",
    ]
    for (path, type) in expectedTypes {
      let exchange = try await Self.get(path, port: port)
      let name = path == "/" ? "index.html" : String(path.dropFirst("/assets/".count))
      #expect(exchange.status == 200, "\(path)")
      #expect(String(decoding: exchange.body, as: UTF8.self) == "CONTENT-OF-\(name)")
      #expect(Self.header("Content-Type", in: exchange.head) == type)
      #expect(Self.header("Cache-Control", in: exchange.head) == "no-store")
      #expect(Self.header("X-Content-Type-Options", in: exchange.head) == "nosniff")
      #expect(
        Self.header("Content-Security-Policy", in: exchange.head)
          == "default-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'")
    }
    // Without an upgrade, /ws is no page.
    #expect(try await Self.get("/ws", port: port).status == 404)
  }

  /// `loadforge dashboard RUN_DIR` serves its assets and that run over the WebSocket, nothing
  /// else: no request path reaches a file, in the run directory or beside it.
  @Test func noPathReachesTheFileSystem() async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("dash-traversal-\(UUID().uuidString)")
    let run = root.appendingPathComponent("run")
    try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    try Data("TOPSECRET-BESIDE".utf8).write(to: root.appendingPathComponent("secret"))
    try Data("TOPSECRET-INSIDE".utf8).write(to: run.appendingPathComponent("secret"))
    try DashboardReplayTests.writeRunByHand(to: run, seconds: 3, summary: true)
    let hub = try DashboardReplay.hub(runDirectory: run)
    let (server, port) = try await DashboardFixtures.server(hub)
    defer { Task { await server.stop() } }

    let paths = [
      "/../secret", "/../../secret", "/assets/../run.json", "/assets/../secret", "/assets/%2e%2e/%2e%2e/etc/passwd",
      "/assets/..%2fsnapshots.ndjson", "/assets/..%2F..%2Fsecret", "/assets/%2e%2e%2fsecret", "//etc/passwd",
      "/snapshots.ndjson", "/run.json", "/summary.json", "/secret", "/run/secret", "/assets/", "/assets",
      "/assets/app.js%00.txt", "/assets/app.js/../../secret", "/index.html/../secret", "/etc/passwd",
      "/" + String(repeating: "a", count: 10_240), "/assets/" + String(repeating: "../", count: 3_000) + "secret",
    ]
    for path in paths {
      let exchange = try await Self.get(path, port: port)
      #expect(exchange.status == 404 || exchange.status == 400, "\(path.prefix(60)) → \(exchange.status)")
      for leak in ["TOPSECRET", "peak_vus", "elapsed_s", "started_at", "root:x:", "CONTENT-OF-"] {
        #expect(!exchange.all.contains(leak), "\(path.prefix(60)) leaked \(leak)")
      }
    }
    #expect(try await Self.get("/", port: port).status == 200)
    for name in DashboardAssets.assetNames {
      #expect(try await Self.get("/assets/\(name)", port: port).status == 200, "\(name)")
    }
    // The run itself is what the WebSocket serves.
    let session = try await DashboardSession.record(port: port)
    #expect(session.seqs == [0, 1, 2])
  }

  @Test func busyPortIsAnErrorNamingHostAndPort() async throws {
    let (first, port) = try await DashboardFixtures.server(DashboardHub(mode: .live))
    defer { Task { await first.stop() } }
    let second = DashboardServer(hub: DashboardHub(mode: .live), port: port, assets: try DashboardFixtures.assets())
    let result: Result<Int, DashboardError>
    do throws(DashboardError) {
      result = .success(try await second.start())
    } catch {
      result = .failure(error)
    }
    switch result {
    case .success(let bound):
      Issue.record("a second server bound \(bound)")
      await second.stop()
    case .failure(let error):
      #expect(error.description == "cannot listen on 127.0.0.1:\(port): address already in use")
      #expect(error.isAddressInUse)
    }
    // The first one still serves.
    #expect(try await Self.get("/", port: port).status == 200)
  }

  /// A host that does not resolve (a name with spaces never reaches DNS) or is not this machine's
  /// is said in plain words, and is no busy address (another port would not help).
  @Test(arguments: [
    ("not an address", "no such host (give an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0)"),
    ("198.51.100.1", "not an address of this machine"),
  ])
  func aHostThatCannotBeBoundIsSaidPlainly(host: String, reason: String) async throws {
    let server = DashboardServer(
      hub: DashboardHub(mode: .live), host: host, port: 0, assets: try DashboardFixtures.assets())
    let result: Result<Int, DashboardError>
    do throws(DashboardError) {
      result = .success(try await server.start())
    } catch {
      result = .failure(error)
    }
    switch result {
    case .success(let bound):
      Issue.record("bound \(host):\(bound)")
      await server.stop()
    case .failure(let error):
      #expect(error.description == "cannot listen on \(host):0: \(reason)")
      #expect(!error.isAddressInUse)
    }
  }

  @Test func serverStopsAndFreesItsPort() async throws {
    let server = DashboardServer(hub: DashboardHub(mode: .live), port: 0, assets: try DashboardFixtures.assets())
    let port = try await server.start()
    #expect(port > 0)
    #expect(try await Self.get("/", port: port).status == 200)
    await server.stop()
    let refused = try await OffPool.run { () -> Bool in
      do {
        _ = try RawSocket(port: port)
        return false
      } catch {
        return true
      }
    }
    #expect(refused)
  }
}

extension DashboardServerTests {
  /// Stopping while a page is connected and idle (a run cut short): the page gets a normal close.
  @Test func stopClosesAnIdlePageNormally() async throws {
    let hub = DashboardHub(mode: .live)
    let observer = DashboardObserver(hub: hub, plan: DashboardFixtures.plan)
    observer.runStarted(DashboardFixtures.runInfo())
    // The page answers the close frame at once, but a loaded machine (the whole suite) can take
    // longer than the CLI's 1 s grace to carry it: a generous grace keeps this about behaviour.
    let (server, port) = try await DashboardFixtures.server(hub, closeGraceSeconds: 30)
    let page = try await OffPool.run { try RawWebSocket(port: port, path: "/ws") }
    try await DashboardFixtures.waitUntil { hub.connectedClients == 1 }
    try #require(hub.connectedClients == 1)
    observer.record(DashboardFixtures.snapshot(second: 1))
    let start = ContinuousClock.now
    await server.stop()
    // A bound against hanging, not a timing target (stop() gives up after 3 × its grace).
    #expect(ContinuousClock.now - start < .seconds(120))
    let events = try await OffPool.run { () -> [RawWebSocket.Event] in
      var events: [RawWebSocket.Event] = []
      while true {
        let event = try page.nextOrEnd()
        events.append(event)
        if !event.isText { return events }
      }
    }
    #expect(events.count == 3)
    #expect(events.last == .close(1000))
    #expect(hub.connectedClients == 0)
  }

  /// Stopping while a page stopped reading with its socket full: `stop()` closes its connection
  /// after `closeGraceSeconds` and returns; the page sees its connection end.
  @Test func stopDoesNotWaitForAStalledPage() async throws {
    let hub = DashboardHub(mode: .live)
    let observer = DashboardObserver(hub: hub, plan: DashboardFixtures.plan)
    observer.runStarted(DashboardFixtures.runInfo())
    let (server, port) = try await DashboardFixtures.server(hub)
    let page = try await OffPool.run { try RawWebSocket(port: port, path: "/ws") }
    try await DashboardFixtures.waitUntil { hub.connectedClients == 1 }
    try #require(hub.connectedClients == 1)
    var snapshot = DashboardFixtures.snapshot(second: 1)
    snapshot.errors = ["x" + String(repeating: "y", count: 64_000): 0]
    for second in 1...400 {
      snapshot.elapsedSeconds = Double(second)
      observer.record(snapshot)
    }
    let start = ContinuousClock.now
    await server.stop()
    // A bound against hanging (see above), not a timing target.
    #expect(ContinuousClock.now - start < .seconds(15 * DashboardServer.defaultCloseGraceSeconds))
    // Far less than the 25 MB published reaches the page before its connection ends.
    let received = try await OffPool.run { () -> Int in
      var count = 0
      while case .text = try page.nextOrEnd() { count += 1 }
      return count
    }
    #expect(received < 400)
    try await DashboardFixtures.waitUntil { hub.connectedClients == 0 }
    #expect(hub.connectedClients == 0)
  }
}

extension RawWebSocket.Event {
  var isText: Bool {
    if case .text = self { return true }
    return false
  }
}
