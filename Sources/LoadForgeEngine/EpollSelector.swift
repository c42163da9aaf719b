import CLinux
import Glibc

/// A level-triggered epoll instance. Used by one thread (its event loop); not Sendable.
final class EpollSelector {
  /// Interest for a connection waiting to connect or to finish writing.
  static let writable: UInt32 = EPOLLOUT.rawValue
  /// Interest for a connection waiting for a response, or idle in the pool (a server closing
  /// an idle keep-alive connection shows up as EPOLLRDHUP, HTTP-CASES H3).
  static let readable: UInt32 = EPOLLIN.rawValue | EPOLLRDHUP.rawValue

  let fd: Int32
  private var nextRegistrationID: UInt32 = 1
  /// Unchecked exclusivity: one thread, and `wait` reads it only after `epoll_wait` returned.
  @exclusivity(unchecked) private var events: [epoll_event]

  /// - Parameter maxEvents: events returned per `wait`.
  /// - Throws: `SyscallError(call: "epoll_create1")`.
  init(maxEvents: Int = 256) throws(SyscallError) {
    fd = try Syscall.blocking("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
    events = [epoll_event](repeating: epoll_event(), count: maxEvents)
  }

  deinit {
    Syscall.close(fd)
  }

  /// Adds `fd` with `interest` and returns the key its events will carry.
  /// - Throws: `SyscallError(call: "epoll_ctl")`.
  func register(fd: Int32, interest: UInt32) throws(SyscallError) -> SelectorKey {
    let key = SelectorKey(fd: fd, registrationID: nextRegistrationID)
    nextRegistrationID &+= 1
    if nextRegistrationID == 0 { nextRegistrationID = 1 }
    try control(EPOLL_CTL_ADD, key: key, interest: interest)
    return key
  }

  /// Changes the interest of a registered fd.
  func modify(_ key: SelectorKey, interest: UInt32) throws(SyscallError) {
    try control(EPOLL_CTL_MOD, key: key, interest: interest)
  }

  /// Removes a registered fd. Closing the fd also removes it; this is for fds that stay open.
  func deregister(_ key: SelectorKey) throws(SyscallError) {
    try Syscall.blocking("epoll_ctl") { epoll_ctl(self.fd, EPOLL_CTL_DEL, key.fd, nil) }
  }

  private func control(_ op: Int32, key: SelectorKey, interest: UInt32) throws(SyscallError) {
    var event = epoll_event()
    event.events = interest
    event.data.u64 = key.packed
    try Syscall.blocking("epoll_ctl") { epoll_ctl(self.fd, op, key.fd, &event) }
  }

  /// Waits up to `timeoutMillis` (-1 = forever, 0 = poll) and calls `body` for each event.
  /// - Returns: the number of events delivered.
  /// - Throws: `SyscallError(call: "epoll_wait")`.
  @inline(__always)
  func wait(timeoutMillis: Int32, _ body: (SelectorEvent) -> Void) throws(SyscallError) -> Int {
    let capacity = Int32(events.count)
    let count: Int32 = try events.withUnsafeMutableBufferPointer { buffer throws(SyscallError) in
      while true {
        let n = epoll_wait(fd, buffer.baseAddress, capacity, timeoutMillis)
        if n >= 0 { return n }
        let err = errno
        // A signal interrupting the wait is not an error: return to let timers run.
        if err == EINTR { return 0 }
        throw SyscallError(call: "epoll_wait", errno: err)
      }
    }
    for i in 0..<Int(count) {
      // epoll_event is packed (size 12, alignment 1): copy it out, never take field pointers.
      let event = events[i]
      body(SelectorEvent(key: SelectorKey(packed: event.data.u64), events: event.events))
    }
    return Int(count)
  }
}
