import Glibc

/// Wakes an `EventLoop` from another thread by writing its eventfd.
///
/// The loop closes the eventfd when it ends, so callers must not wake a finished loop: the
/// worker handle clears its waker under its lock before the loop closes (see `WorkerControl`).
struct EventLoopWaker: Sendable {
  let fd: Int32

  func wake() {
    var one: UInt64 = 1
    // EAGAIN means the counter is already non-zero: the loop will wake anyway.
    _ = withUnsafeBytes(of: &one) { Glibc.write(fd, $0.baseAddress, 8) }
  }
}
