import LoadForgePlan

/// Following a redirect (`follow_redirects = N`, HTTP-CASES C12): where a 3xx points, and the
/// request that goes there, worked out from the request already on the wire.
///
/// Only redirects on the plan's own origin are followed: the worker's connections all go to one
/// address, and a load test that wandered to another host would load a system nobody asked to
/// test. A `Location` elsewhere ends the chain at that 3xx (counted as `http_3xx`).
enum Redirect {
  /// Whether `status` asks the client to repeat the request elsewhere (RFC 9110 §15.4: 301, 302,
  /// 303, 307, 308; 300, 304 and 305 do not name a place to go automatically).
  static func isFollowable(status: Int) -> Bool {
    switch status {
    case 301, 302, 303, 307, 308: true
    default: false
    }
  }

  /// The request target (origin form, `/path?query`) that `location` names, relative to
  /// `currentTarget`, when it is on `origin`; nil when it points to another origin or cannot be
  /// read.
  ///
  /// Reference resolution follows RFC 3986 §5.2 for the forms servers send: an absolute URL
  /// (`http://host:port/path`), a network-path (`//host/path`), an absolute path (`/path`), and a
  /// relative path (`next?page=2`, resolved against the current path's directory, with `.` and
  /// `..` segments removed, §5.2.4). A fragment is dropped (it is never sent, RFC 9110 §7.1).
  static func target(location: String, currentTarget: String, origin: Origin) -> String? {
    var reference = Substring(location.trimmingSpaces)
    if let hash = reference.firstIndex(of: "#") { reference = reference[..<hash] }
    guard !reference.isEmpty else { return nil }
    guard !reference.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" || $0 == "\t" }) else { return nil }
    if let colon = reference.firstIndex(of: ":"),
      reference[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
      reference[..<colon].first?.isLetter == true
    {
      let scheme = reference[..<colon].lowercased()
      guard scheme == origin.scheme else { return nil }
      let rest = reference[reference.index(after: colon)...]
      guard rest.hasPrefix("//") else { return nil }
      return networkPath(rest.dropFirst(2), origin: origin)
    }
    if reference.hasPrefix("//") { return networkPath(reference.dropFirst(2), origin: origin) }
    if reference.hasPrefix("/") { return removeDotSegments(String(reference)) }
    // A relative path or query: against the current target (RFC 3986 §5.2.2, §5.2.3).
    let current = Substring(currentTarget)
    let currentPath = current[..<(current.firstIndex(of: "?") ?? current.endIndex)]
    if reference.hasPrefix("?") { return String(currentPath) + reference }
    let directory = currentPath[...(currentPath.lastIndex(of: "/") ?? currentPath.startIndex)]
    let merged = directory.hasPrefix("/") ? String(directory) + reference : "/" + reference
    return removeDotSegments(merged)
  }

  /// `host[:port]/path…` after `//`: the path when the authority is `origin`'s.
  private static func networkPath(_ rest: Substring, origin: Origin) -> String? {
    let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
    var authority = rest[..<end]
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    var host: Substring
    var port = origin.scheme == "https" ? 443 : 80
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      host = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if after.hasPrefix(":") {
        guard let p = Int(after.dropFirst()) else { return nil }
        port = p
      }
    } else if let colon = authority.lastIndex(of: ":") {
      host = authority[..<colon]
      let digits = authority[authority.index(after: colon)...]
      if !digits.isEmpty {
        guard let p = Int(digits) else { return nil }
        port = p
      }
    } else {
      host = authority
    }
    guard host.lowercased() == origin.host.lowercased(), port == origin.port else { return nil }
    let path = rest[end...]
    if path.isEmpty { return "/" }
    if path.hasPrefix("?") { return "/" + path }
    return removeDotSegments(String(path))
  }

  /// RFC 3986 §5.2.4 on the path part of an origin-form target; the query is kept as is.
  static func removeDotSegments(_ target: String) -> String {
    let query = target.firstIndex(of: "?")
    let path = target[..<(query ?? target.endIndex)]
    var output: [Substring] = []
    let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
    for (i, segment) in segments.enumerated() {
      let last = i == segments.count - 1
      switch segment {
      case ".":
        if last { output.append("") }
      case "..":
        if !output.isEmpty { output.removeLast() }
        if last { output.append("") }
      default:
        output.append(segment)
      }
    }
    return "/" + output.joined(separator: "/") + (query.map { String(target[$0...]) } ?? "")
  }

  /// The method of the next hop: 303 always GET (RFC 9110 §15.4.4); 301 and 302 turn a POST into
  /// a GET, as every browser and curl do (§15.4.2, §15.4.3 allow it); 307 and 308 keep the
  /// method and body (§15.4.8, §15.4.9). HEAD stays HEAD.
  static func method(after status: Int, original: String) -> String {
    if original == "HEAD" { return "HEAD" }
    switch status {
    case 303: return "GET"
    case 301, 302: return original == "POST" ? "GET" : original
    default: return original
    }
  }

  /// `request` (an encoded HTTP/1.1 request: request line, header fields, blank line, body) sent
  /// again as `method` to `target`: the request line replaced; when the method changed to GET, the
  /// body and its `Content-Length`/`Content-Type` fields dropped (RFC 9110 §15.4.4). Every other
  /// header field is kept (same origin, so `Authorization` and cookies still apply).
  static func rewrite(_ request: UnsafeRawBufferPointer, method: String, target: String, dropBody: Bool) -> [UInt8] {
    let bytes = Array(request)
    guard let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return bytes }
    var headEnd = bytes.count
    var i = lineEnd + 1
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") {
        headEnd = i + 2
        break
      }
      if bytes[i] == UInt8(ascii: "\n") {
        headEnd = i + 1
        break
      }
      guard let next = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) else { break }
      i = next + 1
    }
    var out = Array("\(method) \(target) HTTP/1.1\r\n".utf8)
    var line = lineEnd + 1
    while line < headEnd {
      let end = (bytes[line..<headEnd].firstIndex(of: UInt8(ascii: "\n")) ?? headEnd - 1) + 1
      let field = bytes[line..<end]
      let name = field.prefix { $0 != UInt8(ascii: ":") }
      let lower = String(decoding: name, as: UTF8.self).lowercased()
      if !(dropBody && (lower == "content-length" || lower == "content-type")) { out += field }
      line = end
    }
    if !dropBody { out += bytes[headEnd...] }
    return out
  }
}

extension String {
  fileprivate var trimmingSpaces: Substring {
    var s = Substring(self)
    while s.first == " " || s.first == "\t" { s.removeFirst() }
    while s.last == " " || s.last == "\t" { s.removeLast() }
    return s
  }
}
