/// The three outcomes of a non-blocking I/O call (wrk's OK / RETRY / ERROR); errors are thrown.
enum IOResult<Value> {
  /// The call did its work.
  case processed(Value)
  /// EAGAIN / EWOULDBLOCK (or EINPROGRESS for `connect`): try again when epoll says so.
  case wouldBlock
}
