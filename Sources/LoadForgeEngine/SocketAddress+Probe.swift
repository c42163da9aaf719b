import Glibc

extension SocketAddress {
  /// The first of `addresses` that accepts a TCP connection within `timeoutMicros` each, or
  /// nil when none does.
  ///
  /// A name often resolves to several addresses (`localhost` → `::1`, `127.0.0.1`) while the
  /// server listens on one; clients try them in order (RFC 8305 §4 in spirit, one at a time).
  /// The engine probes once at start, then every worker uses the winner. The probe connection
  /// is closed at once without sending anything.
  static func firstReachable(_ addresses: [SocketAddress], timeoutMicros: Int64) -> SocketAddress? {
    for address in addresses where address.acceptsConnection(timeoutMicros: timeoutMicros) {
      return address
    }
    return nil
  }

  private func acceptsConnection(timeoutMicros: Int64) -> Bool {
    guard let fd = try? Syscall.tcpSocket(family: family) else { return false }
    defer { Syscall.close(fd) }
    do {
      if case .processed = try Syscall.connect(fd, to: self) { return true }
    } catch {
      return false
    }
    var poll = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
    let deadline = MonotonicClock.nowMicros() + timeoutMicros
    while true {
      let remaining = deadline - MonotonicClock.nowMicros()
      guard remaining > 0 else { return false }
      let ready = Glibc.poll(&poll, 1, Int32(clamping: (remaining + 999) / 1000))
      if ready < 0 && errno == EINTR { continue }
      guard ready > 0 else { return false }
      return (try? Syscall.socketError(fd)) == 0
    }
  }
}
