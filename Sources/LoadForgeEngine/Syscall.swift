import CLinux
import Glibc

/// The one wrapper every system call goes through (swift-nio's `syscall` helper).
///
/// EINTR is retried, EAGAIN / EWOULDBLOCK become `.wouldBlock`, EBADF is a bug in our fd
/// bookkeeping and traps, any other errno is thrown as a `SyscallError` naming the call.
enum Syscall {
  /// Runs `body` until it stops failing with EINTR.
  ///
  /// - Parameters:
  ///   - name: the call's name for the error message.
  ///   - blocking: whether EAGAIN is an expected outcome (non-blocking fd) rather than an error.
  /// - Returns: the call's non-negative result, or `.wouldBlock`.
  /// - Throws: `SyscallError` for any other errno.
  @inline(__always)
  static func call<T: FixedWidthInteger>(
    _ name: StaticString, _ body: () -> T
  ) throws(SyscallError) -> IOResult<T> {
    while true {
      let result = body()
      if result >= 0 { return .processed(result) }
      let err = errno
      switch err {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: return .wouldBlock
      case EBADF: preconditionFailure("\(name): EBADF — an fd was used after close")
      default: throw SyscallError(call: "\(name)", errno: err)
      }
    }
  }

  /// As `call`, for calls where EAGAIN cannot happen (or is itself an error).
  @inline(__always)
  @discardableResult
  static func blocking<T: FixedWidthInteger>(
    _ name: StaticString, _ body: () -> T
  ) throws(SyscallError) -> T {
    while true {
      let result = body()
      if result >= 0 { return result }
      let err = errno
      if err == EINTR { continue }
      if err == EBADF { preconditionFailure("\(name): EBADF — an fd was used after close") }
      throw SyscallError(call: "\(name)", errno: err)
    }
  }

  // MARK: - File descriptors

  /// Closes `fd`. EINTR is not retried: on Linux the fd is released even then (close(2)).
  static func close(_ fd: Int32) {
    let result = Glibc.close(fd)
    if result < 0 && errno == EBADF { preconditionFailure("close: EBADF — fd \(fd) closed twice") }
  }

  /// Reads up to `buffer.count` bytes.
  /// - Returns: bytes read (0 = end of stream) or `.wouldBlock`.
  /// - Throws: `SyscallError` (ECONNRESET, …).
  @inline(__always)
  static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SyscallError)
    -> IOResult<Int>
  {
    try call("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
  }

  /// Sends bytes without raising SIGPIPE on a closed peer (EPIPE is thrown instead).
  /// - Returns: bytes written (may be fewer than given) or `.wouldBlock`.
  @inline(__always)
  static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SyscallError) -> IOResult<
    Int
  > {
    try call("send") { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
  }

  // MARK: - Sockets

  /// A non-blocking, close-on-exec TCP socket for `family` (AF_INET / AF_INET6).
  static func tcpSocket(family: Int32) throws(SyscallError) -> Int32 {
    let type =
      Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    return try blocking("socket") { Glibc.socket(family, type, Int32(IPPROTO_TCP)) }
  }

  /// Sets an integer socket option.
  static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32, _ label: StaticString)
    throws(SyscallError)
  {
    var v = value
    try blocking(label) { setsockopt(fd, level, name, &v, socklen_t(MemoryLayout<Int32>.size)) }
  }

  /// Starts a non-blocking connect.
  /// - Returns: `.processed(())` when connected at once (loopback), `.wouldBlock` for EINPROGRESS.
  /// - Throws: `SyscallError(call: "connect", …)` (ECONNREFUSED, ENETUNREACH, …).
  static func connect(_ fd: Int32, to address: SocketAddress) throws(SyscallError) -> IOResult<Void> {
    while true {
      let result = address.withSockAddr { sa, len in Glibc.connect(fd, sa, len) }
      if result == 0 { return .processed(()) }
      let err = errno
      switch err {
      case EINTR: continue  // the connect goes on asynchronously; the next call reports EALREADY
      case EINPROGRESS, EALREADY, EAGAIN: return .wouldBlock
      case EBADF: preconditionFailure("connect: EBADF")
      default: throw SyscallError(call: "connect", errno: err)
      }
    }
  }

  /// The pending error of a socket (SO_ERROR): 0 once a non-blocking connect succeeded.
  static func socketError(_ fd: Int32) throws(SyscallError) -> Int32 {
    var value: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    try blocking("getsockopt") { getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) }
    return value
  }
}
