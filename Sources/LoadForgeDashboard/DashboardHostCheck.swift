import Foundation
import HTTPTypes
import Hummingbird

/// Refuses requests that a page of another site could make through DNS rebinding: a name the
/// attacker controls resolving to this machine reaches the dashboard with that name in `Host`, and
/// the browser then treats the dashboard as the attacker's origin. So, on a loopback address
/// (the default, where only this machine should see the run), every request (page, assets,
/// WebSocket) must name the server by an IP literal or `localhost` (a request without `Host`,
/// HTTP/1.0, passes); served on another interface (`--dashboard-host`), any name may reach it,
/// since the network can anyway. In both cases a WebSocket upgrade's `Origin`, which browsers always send and pages
/// cannot forge, must be that same host and port (RFC 6455 §10.2). Answers 403 with one line of
/// text; a refused WebSocket upgrade gets Hummingbird's own empty 400 instead (it gives the
/// router no say in that answer).
struct DashboardHostCheck<Context: RequestContext>: RouterMiddleware {
  /// Whether `Host` must be an IP literal or `localhost` (the server listens on loopback only).
  var namesMustBeLocal = true

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    if let reason = Self.rejection(
      host: request.head.authority, extraHosts: request.headers.count { $0.name.canonicalName == "host" },
      origin: request.uri.path == "/ws" ? request.headers[.origin] : nil, namesMustBeLocal: namesMustBeLocal)
    {
      var headers = HTTPFields()
      headers[.contentType] = "text/plain; charset=utf-8"
      headers[.cacheControl] = "no-store"
      headers[.xContentTypeOptions] = "nosniff"
      return Response(status: .forbidden, headers: headers, body: .init(byteBuffer: ByteBuffer(string: reason + "\n")))
    }
    return try await next(request, context)
  }

  /// Why a request is refused, nil when it passes.
  /// - Parameters:
  ///   - host: the first `Host` header (nil without one).
  ///   - extraHosts: further `Host` headers (RFC 9112 §3.2: a request has at most one).
  ///   - origin: the `Origin` header when it is checked (`/ws`), nil otherwise.
  ///   - namesMustBeLocal: whether `host` must be an IP literal or `localhost`.
  static func rejection(host: String?, extraHosts: Int, origin: String?, namesMustBeLocal: Bool = true) -> String? {
    guard extraHosts == 0 else { return "forbidden: more than one Host header" }
    guard let host else { return nil }
    guard let authority = DashboardAuthority(host), authority.isLocalName || !namesMustBeLocal else {
      return "forbidden: the dashboard answers only to an IP address or localhost, not to \(host)"
    }
    if let origin {
      guard DashboardAuthority.origin(origin, matches: authority) else {
        return "forbidden: a WebSocket from origin \(origin) to \(host)"
      }
    }
    return nil
  }
}
