import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The built-in demo target: a small shop API on 127.0.0.1 for first runs and examples
/// (`loadforge demo-target`, `loadforge run FILE --demo`). It is a test target, never part
/// of the measurement: sharing cores with the load generator slows both.
///
/// Endpoints (HTTP/1.1, keep-alive, JSON):
/// - `GET /health` → 200 `{"status":"ok"}`, no token needed.
/// - `POST /login` with `{"user": "…", "password": "…"}` → 200 `{"token": "…"}`; 400 without a user.
/// - `GET /products[?page=N&per_page=M]` → the catalogue, paged (default: all 20).
/// - `GET /products/{id}` → one product; 404 for an unknown id.
/// - `GET /search?q=…` → matching products; the slow endpoint (median 60 ms).
/// - `GET /export/products.ndjson` → one product per line, streamed with
///   `Transfer-Encoding: chunked` (RFC 9112 §7.1), one chunk per product.
/// Every endpoint but `/health` and `/login` needs `Authorization: Bearer <token>` (401 otherwise).
public final class DemoServer: Sendable {
  public let configuration: DemoConfiguration
  private let tokens = TokenStore()
  /// The running server's group and task; nil before `start()` and after `stop()`.
  private let running = Mutex<(group: ServiceGroup, task: Task<Void, Never>)?>(nil)

  public init(configuration: DemoConfiguration = DemoConfiguration()) {
    self.configuration = configuration
  }

  /// Why the server could not start.
  public struct StartError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Binds 127.0.0.1:`configuration.port` and serves until `stop()`.
  /// - Returns: the bound port (the kernel's choice when the configured port is 0).
  /// - Throws: `StartError` when the port cannot be bound (in use, no permission).
  public func start() async throws -> Int {
    let (events, continuation) = AsyncStream<Result<Int, StartError>>.makeStream()
    var logger = Logger(label: "loadforge.demo-target")
    // Hummingbird logs every start at info level; the CLI prints its own line.
    logger.logLevel = .error
    let app = Application(
      router: makeRouter(),
      configuration: .init(address: .hostname("127.0.0.1", port: configuration.port), serverName: "loadforge-demo"),
      onServerRunning: { channel in
        continuation.yield(.success(channel.localAddress?.port ?? 0))
      },
      logger: logger)
    let port = configuration.port
    // No signal handling here: the CLI owns SIGINT (a run drains first, then stops the target).
    let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
    let task = Task {
      do {
        try await group.run()
        continuation.yield(.failure(StartError(description: "the demo target stopped before it listened")))
      } catch {
        continuation.yield(.failure(StartError(description: "cannot listen on 127.0.0.1:\(port): \(error)")))
      }
      continuation.finish()
    }
    running.withLock { $0 = (group, task) }
    for await event in events { return try event.get() }
    throw StartError(description: "the demo target stopped before it listened")
  }

  /// Graceful shutdown: stops accepting, lets in-flight requests finish, closes idle
  /// keep-alive connections; returns once the server has stopped.
  public func stop() async {
    let current = running.withLock { running in
      defer { running = nil }
      return running
    }
    guard let current else { return }
    await current.group.triggerGracefulShutdown()
    await current.task.value
  }

  func makeRouter() -> Router<BasicRequestContext> {
    let router = Router()
    router.get("/health") { _, _ in
      try await self.respond(.health) { Self.json(.ok, ["status": "ok"]) }
    }
    router.post("/login") { request, _ in
      let body = try await request.body.collect(upTo: 64 * 1024)
      return try await self.respond(.login, request: request, needsToken: false) {
        guard let login = try? JSONDecoder().decode(LoginRequest.self, from: Data(body.readableBytesView)),
          !login.user.isEmpty
        else {
          return Self.json(.badRequest, ["error": "send JSON {\"user\": \"…\", \"password\": \"…\"}"])
        }
        return Self.json(.ok, ["token": self.tokens.issue()])
      }
    }
    router.get("/products") { request, _ in
      try await self.respond(.listProducts, request: request) {
        let perPage = max(1, request.uri.queryParameters.get("per_page", as: Int.self) ?? DemoProduct.catalogue.count)
        let page = max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1)
        let items = DemoProduct.catalogue.dropFirst((page - 1) * perPage).prefix(perPage)
        return Self.json(.ok, Array(items))
      }
    }
    router.get("/products/:id") { request, context in
      try await self.respond(.productDetail, request: request) {
        guard let id = context.parameters.get("id", as: Int.self),
          let product = DemoProduct.catalogue.first(where: { $0.id == id })
        else { return Self.json(.notFound, ["error": "no such product"]) }
        return Self.json(.ok, product)
      }
    }
    router.get("/search") { request, _ in
      try await self.respond(.search, request: request) {
        let query = (request.uri.queryParameters.get("q") ?? "").lowercased()
        let found = DemoProduct.catalogue.filter { query.isEmpty || $0.name.lowercased().contains(query) }
        return Self.json(.ok, found)
      }
    }
    router.get("/export/products.ndjson") { request, _ in
      try await self.respond(.export, request: request) {
        let scale = self.configuration.latencyScale
        // No content length: Hummingbird sends the body chunked, one chunk per write.
        let body = ResponseBody { writer in
          var rng = SystemRandomNumberGenerator()
          let encoder = JSONEncoder()
          encoder.outputFormatting = .sortedKeys
          for product in DemoProduct.catalogue {
            let line = try encoder.encode(product) + Data("\n".utf8)
            try await writer.write(ByteBuffer(bytes: line))
            let pause = DemoEndpoint.export.latency.sampleMicros(scale: scale, using: &rng)
            if pause > 0 { try await Task.sleep(for: .microseconds(pause)) }
          }
          try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: body)
      }
    }
    return router
  }

  /// Waits the endpoint's sampled latency, then answers 401 without a valid bearer token, an
  /// injected error with probability `errorRate`, else `answer()`. Every answer says the
  /// latency it was given in `Server-Timing: app;dur=<ms>` (W3C Server Timing), so a client
  /// can tell the injected service time from time spent queueing.
  private func respond(
    _ endpoint: DemoEndpoint, request: Request? = nil, needsToken: Bool = true,
    _ answer: () throws -> Response
  ) async throws -> Response {
    var rng = SystemRandomNumberGenerator()
    let micros = endpoint.latency.sampleMicros(scale: configuration.latencyScale, using: &rng)
    if micros > 0 { try await Task.sleep(for: .microseconds(micros)) }
    var response: Response
    if needsToken, endpoint != .health, !isAuthorized(request) {
      response = Self.json(.unauthorized, ["error": "send Authorization: Bearer <token from POST /login>"])
      response.headers[.wwwAuthenticate] = "Bearer"
    } else if endpoint.injectsErrors, configuration.errorRate > 0,
      Double.random(in: 0..<1, using: &rng) < configuration.errorRate
    {
      response = Self.injectedError(using: &rng)
    } else {
      response = try answer()
    }
    response.headers[Self.serverTiming] = "app;dur=\(Double(micros) / 1000)"
    return response
  }

  static let serverTiming = HTTPField.Name("Server-Timing")!

  private func isAuthorized(_ request: Request?) -> Bool {
    guard let header = request?.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
    return tokens.isValid(String(header.dropFirst("Bearer ".count)))
  }

  /// 503 (40 %), 500 (30 %) or 429 with `Retry-After: 1` (30 %): the failures a load test
  /// meets on real services, so error categories and thresholds have something to show.
  static func injectedError(using rng: inout some RandomNumberGenerator) -> Response {
    let roll = Double.random(in: 0..<1, using: &rng)
    if roll < 0.4 { return json(.serviceUnavailable, ["error": "injected: service unavailable"]) }
    if roll < 0.7 { return json(.internalServerError, ["error": "injected: internal error"]) }
    var response = json(.tooManyRequests, ["error": "injected: rate limited"])
    response.headers[.retryAfter] = "1"
    return response
  }

  static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return Response(
      status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }
}
