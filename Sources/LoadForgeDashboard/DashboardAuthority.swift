import Foundation

/// The host and port a `Host` header (RFC 9110 §7.2) or an `Origin` (RFC 6454 §7) names: the
/// host lowercased, an IPv6 address with its brackets, the scheme's port when none is given.
struct DashboardAuthority: Equatable {
  var host: String
  var port: Int

  /// From a `Host` header value: `host[:port]`, `[v6][:port]`.
  init?(_ text: String, defaultPort: Int = 80) {
    let value = text.lowercased()
    let rest: Substring
    if value.hasPrefix("[") {
      guard let close = value.firstIndex(of: "]") else { return nil }
      host = String(value[...close])
      rest = value[value.index(after: close)...]
    } else {
      let colon = value.firstIndex(of: ":") ?? value.endIndex
      host = String(value[..<colon])
      rest = value[colon...]
    }
    if rest.isEmpty {
      port = defaultPort
    } else {
      guard rest.first == ":", let number = Int(rest.dropFirst()), (0...65_535).contains(number) else { return nil }
      port = number
    }
    if host.isEmpty { return nil }
  }

  /// From an `Origin` header value: `scheme://host[:port]` (RFC 6454 §7).
  init?(origin: String) {
    let value = origin.lowercased()
    let scheme: String
    if value.hasPrefix("http://") {
      scheme = "http://"
    } else if value.hasPrefix("https://") {
      scheme = "https://"
    } else {
      return nil
    }
    self.init(String(value.dropFirst(scheme.count)), defaultPort: scheme == "https://" ? 443 : 80)
  }

  /// Whether a WebSocket upgrade's `Origin` is the page `host` serves. A browser's is `http(s)://`
  /// with the page's host and port (or `null`); a `ws(s)://` one comes from a client library
  /// (WebSocketClient sends its URL's scheme and host, without the port), never from a page, so
  /// only its host must match.
  static func origin(_ origin: String, matches host: DashboardAuthority) -> Bool {
    let value = origin.lowercased()
    for scheme in ["ws://", "wss://"] where value.hasPrefix(scheme) {
      return DashboardAuthority(String(value.dropFirst(scheme.count)))?.host == host.host
    }
    return DashboardAuthority(origin: value) == host
  }

  /// `localhost`, an IPv4 literal or a bracketed IPv6 literal: names no other site can own.
  var isLocalName: Bool {
    if host == "localhost" { return true }
    if host.hasPrefix("[") {
      return Self.parses(String(host.dropFirst().dropLast()), family: AF_INET6)
    }
    return Self.parses(host, family: AF_INET)
  }

  private static func parses(_ text: String, family: Int32) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 16)
    return inet_pton(family, text, &buffer) == 1
  }
}
