import Glibc
import Testing

@testable import LoadForgeEngine

@Suite struct SocketAddressTests {
  @Test func resolvesLiteralsAndNames() throws {
    let v4 = try SocketAddress.resolve(host: "127.0.0.1", port: 8080)
    #expect(v4.first?.description == "127.0.0.1:8080")
    #expect(v4.first?.family == AF_INET)
    let v6 = try SocketAddress.resolve(host: "::1", port: 80)
    #expect(v6.first?.description == "[::1]:80")
    #expect(v6.first?.port == 80)
    let named = try SocketAddress.resolve(host: "localhost", port: 1)
    #expect(!named.isEmpty)
    #expect(throws: EngineError.self) {
      try SocketAddress.resolve(host: "no-such-host.invalid", port: 80)
    }
  }

  @Test func probingPicksTheFirstAddressThatAccepts() throws {
    let server = try ScriptedServer { _ in }
    defer { server.stop() }
    let closed = TestSupport.loopback(TestSupport.closedPort())
    let open = TestSupport.loopback(server.port)
    #expect(SocketAddress.firstReachable([closed, open], timeoutMicros: 500_000) == open)
    #expect(SocketAddress.firstReachable([open, closed], timeoutMicros: 500_000) == open)
    #expect(SocketAddress.firstReachable([closed], timeoutMicros: 500_000) == nil)
  }
}
