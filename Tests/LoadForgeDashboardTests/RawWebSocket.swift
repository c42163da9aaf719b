import Foundation

/// A minimal blocking WebSocket client for tests (RFC 6455): the opening handshake, unmasked
/// server frames (fragmented text reassembled), a masked close. Every frame is seen as sent, so
/// tests can check the order of messages and that the server closes the connection.
/// Handed from thread to thread, used by one at a time: hence `@unchecked Sendable`.
final class RawWebSocket: @unchecked Sendable {
  /// What the next read found.
  enum Event: Equatable {
    case text(String)
    /// A close frame with its status code (RFC 6455 §7.4).
    case close(UInt16?)
    /// The connection ended without a close frame.
    case end
  }

  let socket: RawSocket

  /// Connects and upgrades `path` (e.g. `/ws?from=3`).
  /// - Throws: `RawSocket.Failure` when the server does not answer 101.
  init(port: Int, path: String, timeoutSeconds: Double = 120) throws {
    socket = try RawSocket(port: port, timeoutSeconds: timeoutSeconds)
    try socket.write(
      "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    let head = try socket.readHead()
    guard head.hasPrefix("HTTP/1.1 101") else {
      throw RawSocket.Failure(description: "no upgrade: \(head)")
    }
  }

  /// The next text message or close.
  func next() throws -> Event {
    var message: [UInt8] = []
    while true {
      let header = try socket.take(2)
      let fin = header[0] & 0x80 != 0
      let opcode = header[0] & 0x0F
      var length = Int(header[1] & 0x7F)
      if length == 126 {
        let b = try socket.take(2)
        length = Int(b[0]) << 8 | Int(b[1])
      } else if length == 127 {
        length = try socket.take(8).reduce(0) { $0 << 8 | Int($1) }
      }
      let payload = try socket.take(length)
      switch opcode {
      case 0x8:
        return .close(payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : nil)
      case 0x9, 0xA:
        continue
      default:
        message += payload
        if fin { return .text(String(decoding: message, as: UTF8.self)) }
      }
    }
  }

  /// Like `next()`, but `.end` when the connection closed first.
  func nextOrEnd() throws -> Event {
    do {
      return try next()
    } catch let failure as RawSocket.Failure where failure.description.hasPrefix("connection closed") {
      return .end
    }
  }

  /// Answers the server's close (masked, code 1000) and reads until the connection ends.
  /// - Returns: bytes the server sent after its close frame (none expected).
  func finishClose() throws -> [UInt8] {
    let mask: [UInt8] = [1, 2, 3, 4]
    let payload: [UInt8] = [0x03, 0xE8]
    try socket.write([0x88, 0x80 | UInt8(payload.count)] + mask + payload.enumerated().map { $1 ^ mask[$0 % 4] })
    return try socket.readToEnd()
  }
}
