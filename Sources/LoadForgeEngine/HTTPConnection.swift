import CLinux
import Glibc
import LoadForgeHTTP

/// One non-blocking TCP connection to the origin: the socket, its epoll registration and its
/// `ConnectionStateMachine`. The worker performs the machine's actions; nothing here decides.
///
/// Used by its worker's thread only, and no access to a property spans a call that could touch
/// the same connection, so the dynamic exclusivity checks are switched off (see `Worker`).
final class HTTPConnection {
  let fd: Int32
  let key: SelectorKey
  @exclusivity(unchecked) var machine: ConnectionStateMachine
  /// The epoll interest currently registered, to skip redundant epoll_ctl calls.
  @exclusivity(unchecked) var interest: UInt32
  /// The VU this connection belongs to (its requests, and idle between them), -1 once closed.
  @exclusivity(unchecked) var owner: Int = -1
  /// Index of the pre-encoded request being written.
  @exclusivity(unchecked) var requestIndex: Int = 0
  /// Bytes of that request already written.
  @exclusivity(unchecked) var written: Int = 0
  /// When the connection must no longer carry a new request (µs, monotonic): set from the
  /// last response's `Keep-Alive: timeout=N`
  /// (`ConnectionStateMachine.keepAliveReuseDeadline`), `Int64.max` when it named none.
  @exclusivity(unchecked) var reuseDeadline: Int64 = .max

  private init(fd: Int32, key: SelectorKey, machine: ConnectionStateMachine, interest: UInt32) {
    self.fd = fd
    self.key = key
    self.machine = machine
    self.interest = interest
  }

  /// Opens a socket to `address`, starts a non-blocking connect and registers it.
  ///
  /// - Returns: the connection, still connecting or (loopback) already connected.
  /// - Throws: `SyscallError` from socket, setsockopt, connect (e.g. ECONNREFUSED reported at
  ///   once) or epoll_ctl; the socket is closed then.
  static func open(to address: SocketAddress, selector: EpollSelector, limits: ResponseParser.Limits = .init())
    throws(SyscallError) -> HTTPConnection
  {
    let fd = try Syscall.tcpSocket(family: address.family)
    do {
      // Requests are small single writes: Nagle would hold them back waiting for an ACK.
      try Syscall.setOption(
        fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1, "setsockopt(TCP_NODELAY)")
      let connected: Bool
      switch try Syscall.connect(fd, to: address) {
      case .processed: connected = true
      case .wouldBlock: connected = false
      }
      // Interest for a fresh connection: writability signals the connect result; a connected
      // one is written to at once and then waits for the response.
      let interest = connected ? EpollSelector.readable : EpollSelector.writable
      let key = try selector.register(fd: fd, interest: interest)
      return HTTPConnection(
        fd: fd, key: key, machine: ConnectionStateMachine(connected: connected, limits: limits), interest: interest)
    } catch {
      Syscall.close(fd)
      throw error
    }
  }

  /// Switches the epoll interest when it differs from the current one.
  @inline(__always)
  func setInterest(_ wanted: UInt32, selector: EpollSelector) throws(SyscallError) {
    guard interest != wanted else { return }
    try selector.modify(key, interest: wanted)
    interest = wanted
  }

  /// Closes the socket (which also removes it from the epoll set).
  func close() {
    machine.close()
    Syscall.close(fd)
  }
}
