import Synchronization

/// The bearer tokens `POST /login` has issued; other endpoints accept only these.
final class TokenStore: Sendable {
  /// A long run logs in once per VU; past this many tokens the oldest half is forgotten so
  /// memory stays bounded (a VU holding a forgotten token then gets 401, as after an expiry).
  let capacity: Int
  private let state = Mutex<(tokens: Set<String>, order: [String])>(([], []))

  init(capacity: Int = 100_000) {
    self.capacity = max(2, capacity)
  }

  /// A new random token (128 bits, hex), remembered.
  func issue() -> String {
    var rng = SystemRandomNumberGenerator()
    let token = (0..<2).map { _ in String(rng.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
    state.withLock { state in
      if state.order.count >= capacity {
        let dropped = state.order.prefix(capacity / 2)
        state.tokens.subtract(dropped)
        state.order.removeFirst(dropped.count)
      }
      state.tokens.insert(token)
      state.order.append(token)
    }
    return token
  }

  func isValid(_ token: String) -> Bool { state.withLock { $0.tokens.contains(token) } }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
