import Glibc
import LoadForgeMetrics

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

extension SyscallError {
  /// The request class of this failure on a connection (`RequestOutcome.classify(errno:)`).
  var outcome: RequestOutcome { RequestOutcome.classify(errno: errno) }

  /// The failure as a reason for the error table: the call and strerror text, and for a client
  /// limit what to do about it, e.g. `connect: Connection refused`.
  var failureReason: String {
    switch errno {
    case EMFILE, ENFILE:
      "\(call): \(reason) — the open-file limit (RLIMIT_NOFILE) is reached: raise `ulimit -n` or lower the VUs"
    case EADDRNOTAVAIL:
      "\(call): \(reason) — out of ephemeral ports: each closed connection holds its port in TIME_WAIT "
        + "for 60 s; keep connections alive, widen net.ipv4.ip_local_port_range, or lower the connection churn"
    default:
      "\(call): \(reason)"
    }
  }
}
