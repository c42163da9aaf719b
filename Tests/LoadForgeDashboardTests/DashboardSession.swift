import Foundation

/// Everything one WebSocket connection received, read on a thread of its own.
struct DashboardSession: Sendable {
  /// The text messages, in order.
  var messages: [String]
  /// The close frame's status code; nil when the connection ended without one.
  var closeCode: UInt16?
  /// Bytes the server sent after its close frame, before closing the connection.
  var trailingBytes: Int

  /// Connects to `path`, reads until the server's close, answers it and reads to the end.
  static func record(port: Int, path: String = "/ws") async throws -> DashboardSession {
    try await OffPool.run {
      let socket = try RawWebSocket(port: port, path: path)
      var messages: [String] = []
      while true {
        switch try socket.nextOrEnd() {
        case .text(let text):
          messages.append(text)
        case .close(let code):
          let trailing = try socket.finishClose()
          return DashboardSession(messages: messages, closeCode: code, trailingBytes: trailing.count)
        case .end:
          return DashboardSession(messages: messages, closeCode: nil, trailingBytes: 0)
        }
      }
    }
  }

  var objects: [[String: Any]] { messages.map(DashboardFixtures.object) }

  /// Message `index`'s JSON object, empty when the session has fewer messages: a short session
  /// then fails the test's expectations instead of trapping the whole test process.
  func object(_ index: Int) -> [String: Any] {
    index < messages.count ? DashboardFixtures.object(messages[index]) : [:]
  }

  var types: [String] { objects.map { $0["type"] as? String ?? "?" } }

  /// `seq` of each snapshot message, in order.
  var seqs: [Int] { objects.filter { $0["type"] as? String == "snapshot" }.compactMap { $0["seq"] as? Int } }

  /// `backfill` of each snapshot message, in order.
  var backfills: [Bool] {
    objects.filter { $0["type"] as? String == "snapshot" }.compactMap { $0["backfill"] as? Bool }
  }
}
