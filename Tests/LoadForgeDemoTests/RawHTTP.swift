import Foundation
import Glibc

/// A blocking HTTP/1.1 client on a raw socket: the tests see the exact framing (chunked,
/// keep-alive) that URLSession would hide.
enum RawHTTP {
  struct Failure: Error, CustomStringConvertible { var description: String }

  /// Sends `requests` (each a full request head + body) on ONE connection, the last with
  /// `Connection: close`, and reads every response until the server closes. The blocking
  /// socket calls run on their own thread: on the cooperative pool (2 threads on 2 cores) they
  /// would starve the server's own request handlers.
  static func exchange(port: Int, _ requests: [String]) async throws -> [RawResponse] {
    try await withCheckedThrowingContinuation { continuation in
      Thread { continuation.resume(with: Result { try blockingExchange(port: port, requests) }) }.start()
    }
  }

  static func blockingExchange(port: Int, _ requests: [String]) throws -> [RawResponse] {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
    defer { close(fd) }
    // Generous: in a full test run, blocking tests can hold the pool the server answers on for seconds.
    var timeout = timeval(tv_sec: 60, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure(description: "connect: errno \(errno)") }
    let bytes = Array(requests.joined().utf8)
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
      sent += n
    }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = recv(fd, &buffer, buffer.count, 0)
      if n == 0 { break }
      guard n > 0 else { throw Failure(description: "recv: errno \(errno) after \(received.count) bytes") }
      received += buffer[0..<n]
    }
    return try parse(received)
  }

  /// A request head (and JSON body) with `Connection: close` when `last`.
  static func request(
    _ method: String, _ path: String, token: String? = nil, json: String? = nil, last: Bool = true
  ) -> String {
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if let token { head += "Authorization: Bearer \(token)\r\n" }
    if let json { head += "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n" }
    if last { head += "Connection: close\r\n" }
    return head + "\r\n" + (json ?? "")
  }

  /// One request on its own connection.
  static func send(
    port: Int, _ method: String, _ path: String, token: String? = nil, json: String? = nil
  ) async throws -> RawResponse {
    let responses = try await exchange(port: port, [request(method, path, token: token, json: json)])
    guard responses.count == 1 else { throw Failure(description: "expected 1 response, got \(responses.count)") }
    return responses[0]
  }

  /// Splits a stream of responses (Content-Length or chunked framing).
  static func parse(_ bytes: [UInt8]) throws -> [RawResponse] {
    func find(_ needle: String, from start: Int) -> Int? {
      let pattern = Array(needle.utf8)
      guard bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
      return (start...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }
    var offset = 0
    var responses: [RawResponse] = []
    while offset < bytes.count {
      guard let headEnd = find("\r\n\r\n", from: offset) else { throw Failure(description: "no end of head") }
      let lines = String(decoding: bytes[offset..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
      let statusParts = lines[0].split(separator: " ")
      guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
        throw Failure(description: "bad status line \(lines[0])")
      }
      var headers: [String: String] = [:]
      for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
      let bodyStart = headEnd + 4
      let bodyEnd: Int
      if headers["transfer-encoding"] == "chunked" {
        guard let last = find("\r\n0\r\n\r\n", from: bodyStart) else { throw Failure(description: "no last chunk") }
        bodyEnd = last + 7
      } else {
        bodyEnd = min(bytes.count, bodyStart + (Int(headers["content-length"] ?? "0") ?? 0))
      }
      responses.append(
        RawResponse(
          status: status, headers: headers, rawBody: String(decoding: bytes[bodyStart..<bodyEnd], as: UTF8.self)))
      offset = bodyEnd
    }
    return responses
  }
}
