import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The WebSocket router's request context: Hummingbird's basic one plus the connection's channel,
/// so `DashboardServer.stop()` can close a page that neither reads nor answers its close frame.
struct DashboardWebSocketContext: RequestContext, WebSocketRequestContext {
  var coreContext: CoreRequestContextStorage
  let webSocket: WebSocketHandlerReference<Self>
  let channel: any Channel

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    webSocket = .init()
    channel = source.channel
  }
}
