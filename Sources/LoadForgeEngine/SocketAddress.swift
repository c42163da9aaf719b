import Glibc

/// An IPv4 or IPv6 address and port, resolved once by the coordinator and handed to workers.
public enum SocketAddress: Sendable, Equatable, CustomStringConvertible {
  case v4(sockaddr_in)
  case v6(sockaddr_in6)

  /// Resolves `host` (name or IP literal) with getaddrinfo and returns every TCP address, in
  /// the resolver's order (RFC 6724 preference).
  ///
  /// - Throws: `EngineError` naming the host when resolution fails or yields nothing.
  public static func resolve(host: String, port: Int) throws(EngineError) -> [SocketAddress] {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    hints.ai_protocol = Int32(IPPROTO_TCP)
    hints.ai_flags = AI_NUMERICSERV
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &list)
    guard status == 0 else {
      let reason =
        status == EAI_SYSTEM
        ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
      throw EngineError("cannot resolve host \"\(host)\": \(reason)")
    }
    defer { freeaddrinfo(list) }
    var out: [SocketAddress] = []
    var node = list
    while let info = node?.pointee {
      if let addr = info.ai_addr {
        switch info.ai_family {
        case AF_INET:
          out.append(.v4(UnsafeRawPointer(addr).loadUnaligned(as: sockaddr_in.self)))
        case AF_INET6:
          out.append(.v6(UnsafeRawPointer(addr).loadUnaligned(as: sockaddr_in6.self)))
        default: break
        }
      }
      node = info.ai_next
    }
    guard !out.isEmpty else {
      throw EngineError("cannot resolve host \"\(host)\": no IPv4 or IPv6 address")
    }
    return out
  }

  /// AF_INET or AF_INET6.
  public var family: Int32 {
    switch self {
    case .v4: AF_INET
    case .v6: AF_INET6
    }
  }

  /// The port in host byte order.
  public var port: Int {
    switch self {
    case .v4(let a): Int(UInt16(bigEndian: a.sin_port))
    case .v6(let a): Int(UInt16(bigEndian: a.sin6_port))
    }
  }

  /// Calls `body` with a `sockaddr` pointer and its length, for connect/bind.
  func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
    switch self {
    case .v4(var a):
      withUnsafePointer(to: &a) { p in
        p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    case .v6(var a):
      withUnsafePointer(to: &a) { p in
        p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    }
  }

  /// `127.0.0.1:8080` or `[::1]:8080`.
  public var description: String {
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    switch self {
    case .v4(var a):
      _ = inet_ntop(AF_INET, &a.sin_addr, &text, socklen_t(text.count))
      return "\(Self.string(text)):\(port)"
    case .v6(var a):
      _ = inet_ntop(AF_INET6, &a.sin6_addr, &text, socklen_t(text.count))
      return "[\(Self.string(text))]:\(port)"
    }
  }

  private static func string(_ text: [CChar]) -> String {
    String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  public static func == (lhs: SocketAddress, rhs: SocketAddress) -> Bool {
    lhs.withSockAddr { l, ll in
      rhs.withSockAddr { r, rl in ll == rl && memcmp(l, r, Int(ll)) == 0 }
    }
  }
}
