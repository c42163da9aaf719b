import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A blocking TCP connection to 127.0.0.1 for tests: bytes exactly as written (no URL
/// normalisation), reads with a deadline. Use it off Swift's concurrency pool (`OffPool.run`):
/// the server under test needs that pool's threads.
final class RawSocket: @unchecked Sendable {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let fd: Int32
  /// Bytes read but not consumed yet.
  var pending: [UInt8] = []

  /// Connects to 127.0.0.1:`port`; every read waits at most `timeoutSeconds` (s): a bound against
  /// hanging, generous because the whole suite shares the cores with blocking integration tests.
  init(port: Int, timeoutSeconds: Double = 120) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
    var timeout = timeval(
      tv_sec: Int(timeoutSeconds), tv_usec: Int((timeoutSeconds.truncatingRemainder(dividingBy: 1)) * 1e6))
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw Failure(description: "connect: \(reason)")
    }
  }

  deinit {
    close(fd)
  }

  func write(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard n > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
      offset += n
    }
  }

  func write(_ text: String) throws {
    try write(Array(text.utf8))
  }

  /// Reads more bytes into `pending`.
  /// - Returns: false at the end of the stream (or a reset).
  /// - Throws: `Failure` when nothing came before the timeout.
  @discardableResult
  func fill() throws -> Bool {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    if n > 0 {
      pending += buffer[0..<n]
      return true
    }
    if n < 0, errno == EAGAIN || errno == EWOULDBLOCK { throw Failure(description: "read timed out") }
    return false
  }

  /// Everything until the peer closes (or resets) the connection.
  func readToEnd() throws -> [UInt8] {
    while try fill() {}
    defer { pending = [] }
    return pending
  }

  /// Consumes exactly `count` bytes.
  func take(_ count: Int) throws -> [UInt8] {
    while pending.count < count {
      guard try fill() else { throw Failure(description: "connection closed after \(pending.count) of \(count) bytes") }
    }
    let out = Array(pending[0..<count])
    pending.removeFirst(count)
    return out
  }

  /// Consumes up to and including `\r\n\r\n`: an HTTP head.
  func readHead() throws -> String {
    let end: [UInt8] = [13, 10, 13, 10]
    while true {
      if pending.count >= 4 {
        for i in 0...(pending.count - 4) where Array(pending[i..<(i + 4)]) == end {
          let head = String(decoding: pending[0..<(i + 4)], as: UTF8.self)
          pending.removeFirst(i + 4)
          return head
        }
      }
      guard try fill() else { throw Failure(description: "connection closed before the end of the head") }
    }
  }
}
