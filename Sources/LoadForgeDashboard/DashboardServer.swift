import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The dashboard's HTTP and WebSocket server (docs/dashboard-protocol.md): `GET /` the page,
/// `GET /assets/<name>` its files from an in-memory table, `GET /ws?from=SEQ` the hub's messages;
/// anything else 404.
///
/// Hummingbird 2 runs on its own one-thread event loop group (the machine's cores belong to the
/// load generator), logging errors only, never on stdout. Connections are served on Swift's
/// concurrency pool; the coordinator's thread only ever touches the hub.
public final class DashboardServer: Sendable {
  public let hub: DashboardHub
  public let host: String
  public let port: Int
  private let assets: DashboardAssets?
  private let running = Mutex<Running?>(nil)
  private let webSockets = DashboardChannelRegistry()
  /// How long `stop()` lets pages answer their close frame before it closes their connections, s.
  public static let defaultCloseGraceSeconds = 1.0
  /// This server's close grace, s (`defaultCloseGraceSeconds` unless given).
  let closeGraceSeconds: Double

  private struct Running: Sendable {
    var group: ServiceGroup
    var task: Task<Void, Never>
    var eventLoops: MultiThreadedEventLoopGroup
    /// Set when `task` ended.
    var stopped: Flag
  }

  /// A flag set once, readable from any thread.
  private final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }

    /// Waits until set, at most `seconds` (s), polling every 10 ms.
    /// - Returns: whether it was set.
    func wait(seconds: Double) async -> Bool {
      let deadline = ContinuousClock.now + .seconds(seconds)
      while !isSet, ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(10))
      }
      return isSet
    }
  }

  /// - Parameters:
  ///   - hub: what the WebSocket serves.
  ///   - host: the interface to listen on (default loopback only).
  ///   - port: TCP port; 0 lets the kernel choose (`start()` returns it).
  public convenience init(hub: DashboardHub, host: String = "127.0.0.1", port: Int = 5665) {
    self.init(hub: hub, host: host, port: port, assets: nil)
  }

  /// A server with the given page files instead of LoadForge's bundled ones (nil: bundled).
  /// - Parameter closeGraceSeconds: how long `stop()` lets pages answer their close frame, s.
  public init(
    hub: DashboardHub, host: String = "127.0.0.1", port: Int = 5665, assets: DashboardAssets?,
    closeGraceSeconds: Double = DashboardServer.defaultCloseGraceSeconds
  ) {
    self.hub = hub
    self.host = host
    self.port = port
    self.assets = assets
    self.closeGraceSeconds = closeGraceSeconds
  }

  /// Loads the assets, binds `host:port` and serves until `stop()`.
  /// - Returns: the bound port (the kernel's choice when `port` is 0).
  /// - Throws: `DashboardError` when the assets are missing (`DashboardAssets.bundled()`) or the
  ///   address cannot be bound: `cannot listen on 127.0.0.1:5665: address already in use`.
  public func start() async throws(DashboardError) -> Int {
    let assets: DashboardAssets
    if let given = self.assets {
      assets = given
    } else {
      assets = try DashboardAssets.bundled()
    }
    let (events, continuation) = AsyncStream<Result<Int, DashboardError>>.makeStream()
    var logger = Logger(label: "loadforge.dashboard")
    logger.logLevel = .critical
    let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let app = Application(
      router: Self.router(assets: assets, namesMustBeLocal: Self.isLoopback(host)),
      server: .http1WebSocketUpgrade(
        webSocketRouter: Self.webSocketRouter(hub: hub, channels: webSockets, namesMustBeLocal: Self.isLoopback(host)),
        configuration: .init(
          ws: WebSocketServerConfiguration(maxFrameSize: 1 << 20, autoPing: .enabled(timePeriod: .seconds(30))))),
      configuration: .init(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in
        continuation.yield(.success(channel.localAddress?.port ?? 0))
      },
      eventLoopGroupProvider: .shared(eventLoops),
      logger: logger)
    let address = "\(host):\(port)"
    // No signal handling here: the CLI owns SIGINT (a run drains first, then stops the server).
    let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
    let stopped = Flag()
    let task = Task {
      do {
        try await group.run()
        continuation.yield(.failure(DashboardError("the dashboard on \(address) stopped before it listened")))
      } catch {
        continuation.yield(.failure(Self.listenError(error, address: address)))
      }
      continuation.finish()
      stopped.set()
    }
    running.withLock { $0 = Running(group: group, task: task, eventLoops: eventLoops, stopped: stopped) }
    for await event in events {
      switch event {
      case .success(let port): return port
      case .failure(let error):
        await stop()
        throw error
      }
    }
    await stop()
    throw DashboardError("the dashboard on \(address) stopped before it listened")
  }

  /// Stops accepting, ends every page's connection with a close frame (`final` was sent before,
  /// when the run finished) and waits for the server to stop. A page that has not let go within
  /// `closeGraceSeconds` (a stalled or vanished browser) has its connection closed; should the
  /// server still not stop, its task is cancelled and `stop()` returns anyway, at most about
  /// 3 × `closeGraceSeconds` after it was called. A second call returns at once.
  public func stop() async {
    let current = running.withLock { running in
      defer { running = nil }
      return running
    }
    guard let current else { return }
    hub.closeConnections()
    await current.group.triggerGracefulShutdown()
    if await !current.stopped.wait(seconds: closeGraceSeconds) {
      webSockets.closeAll()
      if await !current.stopped.wait(seconds: closeGraceSeconds) {
        current.task.cancel()
        _ = await current.stopped.wait(seconds: closeGraceSeconds)
      }
    }
    // A server that did not stop keeps its one thread until the process exits: shutting the
    // group down under live channels would only trade a wait for NIO's complaints.
    if current.stopped.isSet { try? await current.eventLoops.shutdownGracefully() }
  }

  static let contentSecurityPolicy = "default-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'"

  /// Whether `host` (an address to listen on) accepts connections from this machine only:
  /// `127.x.x.x`, `::1` or `localhost`.
  public static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }

  static func router(assets: DashboardAssets, namesMustBeLocal: Bool = true) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: DashboardHostCheck<BasicRequestContext>(namesMustBeLocal: namesMustBeLocal))
    router.get("/") { _, _ in
      try response(assets.file(named: DashboardAssets.indexName))
    }
    router.get("/assets/:name") { _, context in
      // Only a name of the table answers: `..`, `%2f` or a NUL byte simply match nothing.
      guard let name = context.parameters.get("name"), DashboardAssets.assetNames.contains(name) else {
        throw HTTPError(.notFound)
      }
      return try response(assets.file(named: name))
    }
    return router
  }

  static func webSocketRouter(
    hub: DashboardHub, channels: DashboardChannelRegistry, namesMustBeLocal: Bool = true
  ) -> Router<DashboardWebSocketContext> {
    let router = Router(context: DashboardWebSocketContext.self)
    // A refused upgrade falls through to the page router, whose check answers 403.
    router.add(middleware: DashboardHostCheck<DashboardWebSocketContext>(namesMustBeLocal: namesMustBeLocal))
    router.ws("/ws") { inbound, outbound, context in
      let from = context.request.uri.queryParameters.get("from").flatMap { Int($0) } ?? 0
      let token = channels.add(context.requestContext.channel)
      defer { channels.remove(token) }
      await DashboardConnection.serve(hub: hub, from: max(0, from), inbound: inbound, outbound: outbound)
    }
    return router
  }

  private static func response(_ file: DashboardAssets.File?) throws -> Response {
    guard let file else { throw HTTPError(.notFound) }
    var headers = HTTPFields()
    headers[.contentType] = file.contentType
    headers[.cacheControl] = "no-store"
    headers[.xContentTypeOptions] = "nosniff"
    headers[.contentSecurityPolicy] = contentSecurityPolicy
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: file.body))
  }

  /// A bind failure in plain words: the host did not resolve, is not this machine's, or the
  /// port is busy (the only case `isAddressInUse`, where another port helps).
  static func listenError(_ error: any Error, address: String) -> DashboardError {
    let reason: String
    var inUse = false
    switch error {
    case is SocketAddressError.UnknownHost:
      reason = "no such host (give an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0)"
    case let io as IOError where io.errnoCode == EADDRINUSE:
      reason = "address already in use"
      inUse = true
    case let io as IOError where io.errnoCode == EADDRNOTAVAIL:
      reason = "not an address of this machine"
    case let io as IOError:
      reason = String(cString: strerror(io.errnoCode)).lowercased()
    default:
      reason = "\(error)"
    }
    return DashboardError("cannot listen on \(address): \(reason)", isAddressInUse: inUse)
  }
}
