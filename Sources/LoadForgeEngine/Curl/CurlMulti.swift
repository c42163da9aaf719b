import CCurl
import CCurlShim
import CLinux

/// libcurl's multi interface driven from a worker's own `EventLoop` (curl's "multi_socket"
/// API): curl does the HTTP and TLS work, the worker's epoll and timer heap do the waiting.
///
/// - Sockets: `CURLMOPT_SOCKETFUNCTION` tells which of its sockets curl waits on and for what;
///   they are registered, modified and removed in the loop's `EpollSelector` (level-triggered,
///   the same set as the worker's own fds). An event for one of them is handed back through
///   `handleIO` to `curl_multi_socket_action` with the ready directions.
/// - Time: `CURLMOPT_TIMERFUNCTION` asks for one deadline at a time; it is kept as one timer in
///   the loop's `TimerHeap` with `timerPayload`, and `handleTimer` runs
///   `curl_multi_socket_action(CURL_SOCKET_TIMEOUT)` when it fires (connect and request
///   timeouts, curl's own retries).
/// - Completion: after each action, `curl_multi_info_read` yields the finished transfers; each
///   is removed from the multi handle (so its VU can start the next request on it) and handed
///   to `onCompletion` with its `CurlCompletion`.
///
/// The connections curl opens live in this multi handle's pool and are kept alive between
/// requests (HTTP/1.1, one request per connection at a time), so open connections track the
/// VUs with a request in flight, as on the plain HTTP path.
///
/// Not Sendable: created, used and closed by one thread. The C callbacks capture nothing and
/// find `self` through the userdata pointer (unretained: `self` outlives the multi handle).
final class CurlMulti {
  /// The payload of this driver's timer in the loop's timer heap; the owner hands timers with
  /// it to `handleTimer`. Distinct from the worker's own payloads (`UInt64.max` … `max - 2`).
  static let timerPayload: UInt64 = .max - 3

  private let multi: UnsafeMutableRawPointer
  private let loop: EventLoop
  private struct Registration {
    var key: SelectorKey
    var interest: UInt32
  }
  /// curl's sockets currently watched, by fd.
  private var sockets: [Int32: Registration] = [:]
  /// The loop timer standing for curl's deadline, when it asked for one.
  private var timer: TimerID?
  /// Transfers in the multi handle, kept alive until they complete or are cancelled.
  private var active: [ObjectIdentifier: CurlTransfer] = [:]
  private var closed = false
  /// Called for each finished transfer, after it was removed from the multi handle.
  var onCompletion: (CurlTransfer, CurlCompletion) -> Void = { _, _ in }

  /// - Parameters:
  ///   - loop: the event loop whose selector and timers curl's sockets and deadline use.
  ///   - maxIdleConnections: keep-alive connections curl keeps open while idle
  ///     (CURLMOPT_MAXCONNECTS); at least the VUs this worker may run, or connections of VUs
  ///     that think would be closed and reopened.
  /// - Throws: `CurlError` when curl cannot be initialised or the handle made.
  init(loop: EventLoop, maxIdleConnections: Int) throws(CurlError) {
    guard CurlGlobal.isInitialized else { throw CurlError(call: "curl_global_init", reason: "failed") }
    guard let multi = curl_multi_init() else { throw CurlError(call: "curl_multi_init", reason: "out of memory") }
    self.multi = multi
    self.loop = loop
    let me = Unmanaged.passUnretained(self).toOpaque()
    var code = lf_curl_multi_setopt_socket_callback(multi, CURLMOPT_SOCKETFUNCTION, Self.socketCallback)
    if code == CURLM_OK { code = lf_curl_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, me) }
    if code == CURLM_OK {
      code = lf_curl_multi_setopt_timer_callback(multi, CURLMOPT_TIMERFUNCTION, Self.timerCallback)
    }
    if code == CURLM_OK { code = lf_curl_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, me) }
    if code == CURLM_OK { code = lf_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, maxIdleConnections)) }
    guard code == CURLM_OK else {
      curl_multi_cleanup(multi)
      throw CurlError(call: "curl_multi_setopt", reason: String(cString: curl_multi_strerror(code)))
    }
  }

  deinit {
    close()
  }

  /// Transfers started and not yet completed or cancelled.
  var activeCount: Int { active.count }

  /// Whether `key` is one of curl's sockets (its current registration).
  func owns(_ key: SelectorKey) -> Bool {
    sockets[key.fd]?.key == key
  }

  /// Starts `transfer` (prepared with `CurlTransfer.prepare`); curl drives it from the next
  /// timer or socket event, and `onCompletion` reports it.
  /// - Throws: `CurlError` when curl refuses the handle (already added, out of memory).
  func start(_ transfer: CurlTransfer) throws(CurlError) {
    let code = curl_multi_add_handle(multi, transfer.easy)
    guard code == CURLM_OK else {
      throw CurlError(call: "curl_multi_add_handle", reason: String(cString: curl_multi_strerror(code)))
    }
    transfer.isActive = true
    active[ObjectIdentifier(transfer)] = transfer
  }

  /// Stops `transfer` without completing it (abort, grace period over): curl closes its
  /// connection if a response was under way. No `onCompletion` call.
  func cancel(_ transfer: CurlTransfer) {
    guard transfer.isActive else { return }
    curl_multi_remove_handle(multi, transfer.easy)
    transfer.isActive = false
    active[ObjectIdentifier(transfer)] = nil
  }

  /// One of curl's sockets is ready (an event whose key `owns`); stale events are dropped.
  func handleIO(_ event: SelectorEvent) {
    guard let registration = sockets[event.key.fd], registration.key == event.key else { return }
    var mask: Int32 = 0
    if event.events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue) != 0 { mask |= CURL_CSELECT_IN }
    if event.events & EPOLLOUT.rawValue != 0 { mask |= CURL_CSELECT_OUT }
    if event.events & EPOLLERR.rawValue != 0 { mask |= CURL_CSELECT_ERR }
    act(socket: event.key.fd, mask: mask)
  }

  /// A timer with `timerPayload` fired; runs curl's timeouts when it is the current one.
  func handleTimer(_ id: TimerID) {
    guard timer == id else { return }
    timer = nil
    act(socket: lf_curl_socket_timeout, mask: 0)
  }

  /// Cancels every transfer and frees the multi handle (closing its connections). Idempotent.
  func close() {
    guard !closed else { return }
    closed = true
    for transfer in active.values {
      curl_multi_remove_handle(multi, transfer.easy)
      transfer.isActive = false
    }
    active.removeAll()
    curl_multi_cleanup(multi)
    if let timer { loop.cancelTimer(timer) }
    timer = nil
    for registration in sockets.values { try? loop.selector.deregister(registration.key) }
    sockets.removeAll()
  }

  // MARK: - Driving curl

  private func act(socket: Int32, mask: Int32) {
    var running: Int32 = 0
    // A CURLM error here means a bad handle or socket; the transfers still report through
    // info_read, so there is nothing more to do with it.
    _ = curl_multi_socket_action(multi, socket, mask, &running)
    collectFinished()
  }

  private func collectFinished() {
    var left: Int32 = 0
    while let message = curl_multi_info_read(multi, &left) {
      // The message is freed by curl_multi_remove_handle: read it first.
      guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
      let code = message.pointee.data.result
      var userdata: UnsafeMutableRawPointer?
      guard lf_curl_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &userdata) == CURLE_OK, let userdata else { continue }
      // A strong reference: `active` lets go of it before `onCompletion` runs.
      let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
      let completion = transfer.completion(code)
      curl_multi_remove_handle(multi, easy)
      transfer.isActive = false
      active[ObjectIdentifier(transfer)] = nil
      onCompletion(transfer, completion)
    }
  }

  // MARK: - Callbacks from curl

  /// CURLMOPT_SOCKETFUNCTION: `what` is CURL_POLL_IN / OUT / INOUT / REMOVE for socket `fd`.
  private func socketChanged(_ fd: Int32, what: Int32) {
    if what == CURL_POLL_REMOVE {
      if let registration = sockets.removeValue(forKey: fd) {
        // curl may close the fd right after; a closed fd has already left the epoll set.
        try? loop.selector.deregister(registration.key)
      }
      return
    }
    var interest: UInt32 = 0
    if what & CURL_POLL_IN != 0 { interest |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
    if what & CURL_POLL_OUT != 0 { interest |= EPOLLOUT.rawValue }
    if var registration = sockets[fd] {
      guard registration.interest != interest else { return }
      do {
        try loop.selector.modify(registration.key, interest: interest)
        registration.interest = interest
        sockets[fd] = registration
      } catch {
        // The fd cannot be watched: curl's timeout (connect or request) ends the transfer.
        sockets[fd] = nil
      }
    } else {
      if let key = try? loop.selector.register(fd: fd, interest: interest) {
        sockets[fd] = Registration(key: key, interest: interest)
      }
    }
  }

  /// CURLMOPT_TIMERFUNCTION: curl wants `socket_action(CURL_SOCKET_TIMEOUT)` in `millis` ms
  /// (0: as soon as possible, -1: no deadline). Replaces the previous deadline.
  private func timerChanged(millis: Int) {
    if let timer { loop.cancelTimer(timer) }
    timer = nil
    guard millis >= 0 else { return }
    // curl must not be called back from inside its own callback: a 0 ms deadline fires at the
    // end of the current loop turn, after the handler returned.
    timer = loop.scheduleTimer(at: loop.currentTime() + Int64(millis) * 1000, payload: Self.timerPayload)
  }

  private static let socketCallback: lf_curl_socket_callback = { _, fd, what, userp, _ in
    guard let userp else { return 0 }
    Unmanaged<CurlMulti>.fromOpaque(userp).takeUnretainedValue().socketChanged(fd, what: what)
    return 0
  }

  private static let timerCallback: lf_curl_timer_callback = { _, millis, userp in
    guard let userp else { return 0 }
    Unmanaged<CurlMulti>.fromOpaque(userp).takeUnretainedValue().timerChanged(millis: millis)
    return 0
  }
}
