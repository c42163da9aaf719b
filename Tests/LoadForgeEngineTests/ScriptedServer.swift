import Foundation
import Glibc
import Synchronization

/// A small blocking TCP server on 127.0.0.1 for loopback tests: one thread accepts, one thread
/// per connection runs the test's script (read a request, write bytes, pause, close …).
final class ScriptedServer: Sendable {
  private struct State {
    var accepted = 0
    var requests = 0
    var requestHeads: [String] = []
    var requestBytes: [[UInt8]] = []
    var clients: Set<Int32> = []
    var stopped = false
  }

  let port: Int
  private let listenFD: Int32
  private let state = Mutex(State())
  private let script: @Sendable (ServerConnection) -> Void
  private let done = DispatchGroup()

  /// - Parameters:
  ///   - backlog: listen backlog.
  ///   - accepting: false to never accept (connections pile up in the backlog).
  ///   - script: run on its own thread for each accepted connection; the connection is
  ///     closed when it returns.
  init(
    backlog: Int32 = 128, accepting: Bool = true,
    script: @escaping @Sendable (ServerConnection) -> Void
  ) throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw TestServerError("socket: errno \(errno)") }
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, backlog) == 0 else {
      close(fd)
      throw TestServerError("bind/listen: errno \(errno)")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
    listenFD = fd
    self.script = script
    if accepting { startAccepting() }
  }

  /// A server whose `i`-th accepted connection runs `scripts[i]`; connections past the last
  /// script run the last one.
  /// - Parameters:
  ///   - backlog: listen backlog.
  ///   - scripts: at least one script, in accept order.
  convenience init(
    backlog: Int32 = 128, scripts: [@Sendable (ServerConnection) -> Void]
  ) throws {
    precondition(!scripts.isEmpty, "a scripted server needs at least one script")
    try self.init(backlog: backlog) { c in scripts[min(c.index, scripts.count - 1)](c) }
  }

  deinit {
    close(listenFD)
  }

  /// Connections accepted so far.
  var connectionsAccepted: Int { state.withLock { $0.accepted } }
  /// Requests read completely so far (by `ServerConnection.readRequest`).
  var requestsRead: Int { state.withLock { $0.requests } }
  /// Heads of the requests read, in order.
  var requestHeads: [String] { state.withLock { $0.requestHeads } }
  /// Every request read, head and body exactly as received, in order.
  var requestBytes: [[UInt8]] { state.withLock { $0.requestBytes } }
  /// Request targets (`/path?query`) of the requests read, in order.
  var requestTargets: [String] { requestHeads.map(Self.target(ofHead:)) }

  /// The target of a request head (`GET /a?b HTTP/1.1` → `/a?b`).
  static func target(ofHead head: String) -> String {
    let line = head.prefix { $0 != "\r" }
    let parts = line.split(separator: " ")
    return parts.count >= 2 ? String(parts[1]) : ""
  }

  /// Stops accepting, breaks every open connection and waits for the connection threads.
  func stop() {
    let clients = state.withLock { s in
      s.stopped = true
      return s.clients
    }
    // shutdown() wakes threads blocked in accept/read on these fds; close() alone would not.
    shutdown(listenFD, Int32(SHUT_RDWR))
    for fd in clients { shutdown(fd, Int32(SHUT_RDWR)) }
    _ = done.wait(timeout: .now() + 5)
  }

  /// Waits until `condition` holds or `seconds` pass.
  @discardableResult
  func wait(seconds: Double, until condition: (ScriptedServer) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition(self) { return true }
      usleep(2_000)
    }
    return condition(self)
  }

  /// Closes a client fd under the lock, so `stop()` never shuts down a reused fd number.
  fileprivate func closeClient(_ fd: Int32) {
    state.withLock { s in
      s.clients.remove(fd)
      Glibc.close(fd)
    }
  }

  fileprivate func countRequest(head: String, bytes: [UInt8]) {
    state.withLock { s in
      s.requests += 1
      s.requestHeads.append(head)
      s.requestBytes.append(bytes)
    }
  }

  private func startAccepting() {
    done.enter()
    let thread = Thread { [self] in
      defer { done.leave() }
      var index = 0
      while true {
        let client = accept(listenFD, nil, nil)
        if client < 0 {
          if errno == EINTR { continue }
          return
        }
        let admitted = state.withLock { s -> Bool in
          if s.stopped { return false }
          s.accepted += 1
          s.clients.insert(client)
          return true
        }
        guard admitted else {
          close(client)
          return
        }
        let connectionIndex = index
        index += 1
        done.enter()
        let worker = Thread { [self] in
          defer { done.leave() }
          let connection = ServerConnection(fd: client, index: connectionIndex, server: self)
          script(connection)
          connection.close()
        }
        worker.start()
      }
    }
    thread.start()
  }
}

/// One accepted connection, used by the one thread running the script.
final class ServerConnection {
  let fd: Int32
  /// 0 for the first connection the server accepted, 1 for the second, …
  let index: Int
  private unowned let server: ScriptedServer
  private var buffer: [UInt8] = []
  private var closed = false
  /// Head of the last request `readRequest` read.
  private(set) var lastHead = ""
  /// Its target (`/path?query`).
  var lastTarget: String { ScriptedServer.target(ofHead: lastHead) }

  fileprivate init(fd: Int32, index: Int, server: ScriptedServer) {
    self.fd = fd
    self.index = index
    self.server = server
  }

  /// Reads one request (head up to the blank line, then a `Content-Length` body).
  /// - Returns: false on EOF or error before a complete request.
  @discardableResult
  func readRequest() -> Bool {
    while true {
      if let end = headEnd() {
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        let length = contentLength(head)
        if buffer.count >= end + 4 + length {
          let bytes = Array(buffer[..<(end + 4 + length)])
          buffer.removeFirst(end + 4 + length)
          lastHead = head
          server.countRequest(head: head, bytes: bytes)
          return true
        }
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return false }
      buffer.append(contentsOf: chunk[..<n])
    }
  }

  /// Waits for the client to close (or the server to stop).
  func readUntilEOF() {
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
    }
  }

  func write(_ text: String) {
    write(Array(text.utf8))
  }

  func write(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes {
        send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      offset += n
    }
  }

  func pause(milliseconds: Int) {
    usleep(useconds_t(milliseconds * 1000))
  }

  /// Writes `text` `chunkSize` bytes at a time with a pause after each chunk but the last, so
  /// the client reads it in pieces (EAGAIN between them).
  /// - Parameters:
  ///   - chunkSize: bytes per write, at least 1.
  ///   - milliseconds: pause between writes, ms.
  func writeSlowly(_ text: String, chunkSize: Int = 1, pauseMilliseconds milliseconds: Int) {
    writeSlowly(Array(text.utf8), chunkSize: chunkSize, pauseMilliseconds: milliseconds)
  }

  /// Writes `bytes` `chunkSize` bytes at a time with a pause after each chunk but the last.
  /// - Parameters:
  ///   - chunkSize: bytes per write, at least 1.
  ///   - milliseconds: pause between writes, ms.
  func writeSlowly(_ bytes: [UInt8], chunkSize: Int = 1, pauseMilliseconds milliseconds: Int) {
    var offset = 0
    while offset < bytes.count {
      let end = min(bytes.count, offset + max(1, chunkSize))
      write(Array(bytes[offset..<end]))
      offset = end
      if offset < bytes.count { pause(milliseconds: milliseconds) }
    }
  }

  /// Stalls: neither answers nor closes until the client closes (or the server stops), or
  /// `milliseconds` pass, whichever is first.
  /// - Returns: whether the client closed the connection meanwhile.
  @discardableResult
  func stall(milliseconds: Int) -> Bool {
    waitForClientClose(milliseconds: milliseconds) != nil
  }

  /// Sends FIN (`shutdown(SHUT_WR)`) while still able to read: the client sees EOF, and the
  /// server can then tell when the client closes its side (`waitForClientClose`).
  func shutdownWrite() {
    guard !closed else { return }
    shutdown(fd, Int32(SHUT_WR))
  }

  /// Waits until the client closes its side (EOF or a reset), discarding what it sends.
  /// - Parameter milliseconds: longest wait, ms.
  /// - Returns: how long the wait took, µs; nil if the client had not closed within `milliseconds`.
  func waitForClientClose(milliseconds: Int) -> Int64? {
    let start = Self.nowMicros()
    let deadline = start + Int64(milliseconds) * 1000
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let left = deadline - Self.nowMicros()
      if left <= 0 { return nil }
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(min(left / 1000 + 1, 1_000)))
      if ready < 0 && errno == EINTR { continue }
      if ready < 0 { return Self.nowMicros() - start }
      if ready == 0 { continue }
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return Self.nowMicros() - start }
    }
  }

  /// Resets the connection now (RST, not FIN): `SO_LINGER` with a zero timeout, then close
  /// (the abortive close of RFC 9293 §3.6). The client's next read or write fails with
  /// ECONNRESET. Later calls do nothing.
  func reset() {
    guard !closed else { return }
    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    close()
  }

  private static func nowMicros() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1_000
  }

  /// Closes the connection now (FIN); later calls do nothing.
  func close() {
    guard !closed else { return }
    closed = true
    server.closeClient(fd)
  }

  private func headEnd() -> Int? {
    guard buffer.count >= 4 else { return nil }
    for i in 0...(buffer.count - 4)
    where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
      return i
    }
    return nil
  }

  private func contentLength(_ head: String) -> Int {
    for line in head.split(separator: "\r\n") {
      let parts = line.split(separator: ":", maxSplits: 1)
      if parts.count == 2, parts[0].lowercased() == "content-length" {
        return Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
      }
    }
    return 0
  }
}

struct TestServerError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
