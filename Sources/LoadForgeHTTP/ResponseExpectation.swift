/// What `ResponseParser` must know of a request to frame its response: whether it was a HEAD
/// or a CONNECT, and whether it asked for an upgrade (RFC 9112 §6.3, RFC 9110 §15.2.2).
///
/// Worked out once per request kind (the engine keeps one per task), so starting a response
/// compares no method strings and passes no `String` (which would cost a retain and release
/// per request).
public struct ResponseExpectation: Sendable, Equatable {
  /// A response to HEAD has no body.
  public var isResponseToHead: Bool
  /// A 2xx response to CONNECT ends the HTTP exchange.
  public var isResponseToConnect: Bool
  /// Whether the request carried `Upgrade` (RFC 9110 §7.8); only then is `101 Switching
  /// Protocols` a valid answer. LoadForge never sends `Upgrade`.
  public var upgradeRequested: Bool

  /// - Parameters:
  ///   - method: the request method, as sent (methods are case-sensitive, RFC 9110 §9.1).
  ///   - upgradeRequested: whether the request carried `Upgrade`.
  public init(method: String, upgradeRequested: Bool = false) {
    isResponseToHead = method == "HEAD"
    isResponseToConnect = method == "CONNECT"
    self.upgradeRequested = upgradeRequested
  }
}
