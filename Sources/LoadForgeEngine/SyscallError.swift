import Glibc

/// A system call failed with an errno other than EINTR or EAGAIN.
///
/// Names the call (`connect`, `epoll_ctl`, …) so a message says what failed, not only why.
public struct SyscallError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The failing call, e.g. `"connect"`.
  public var call: String
  /// The `errno` value it set.
  public var errno: Int32

  public init(call: String, errno: Int32) {
    self.call = call
    self.errno = errno
  }

  /// `strerror` text, e.g. "Connection refused".
  public var reason: String { String(cString: strerror(errno)) }

  public var description: String { "\(call): \(reason) (errno \(errno))" }
}
