import NIOCore
import Synchronization

/// The WebSocket connections a server has open, so that stopping it can close those a graceful
/// shutdown cannot end (a page that stopped reading: its socket never drains, so even the close
/// frame waits).
final class DashboardChannelRegistry: Sendable {
  private let channels = Mutex<(next: Int, open: [Int: any Channel])>((0, [:]))

  /// Keeps `channel` until `remove(_:)` with the returned token.
  func add(_ channel: any Channel) -> Int {
    channels.withLock {
      let token = $0.next
      $0.next += 1
      $0.open[token] = channel
      return token
    }
  }

  func remove(_ token: Int) {
    _ = channels.withLock { $0.open.removeValue(forKey: token) }
  }

  /// Closes every connection still open.
  func closeAll() {
    let open = channels.withLock { Array($0.open.values) }
    for channel in open { channel.close(promise: nil) }
  }
}
