import CLinux

/// One readiness event from `epoll_wait`.
struct SelectorEvent {
  var key: SelectorKey
  /// EPOLLIN / EPOLLOUT / EPOLLERR / EPOLLHUP / EPOLLRDHUP bits.
  var events: UInt32

  var isReadable: Bool {
    events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0
  }
  var isWritable: Bool { events & (EPOLLOUT.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 }
}
