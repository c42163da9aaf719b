import Foundation
import Glibc
import Synchronization

/// Delivers SIGINT / SIGTERM / SIGHUP to a Swift closure on an ordinary thread, and makes
/// writes to a closed pipe fail with EPIPE instead of killing the process.
///
/// A signal handler may only call async-signal-safe functions, so the real handler just
/// writes the signal number to a pipe (self-pipe trick); a dedicated thread reads it and calls
/// the closure, which may then take locks, allocate, print. Works whichever thread the kernel
/// picks to deliver the signal on.
public enum SignalTrap {
  /// Write end of the self-pipe, read by the C handler (set before the handler is installed).
  nonisolated(unsafe) private static var writeFD: Int32 = -1
  private static let handler = Mutex<(@Sendable (Int32) -> Void)?>(nil)
  private static let started = Mutex(false)

  /// The signals trapped by default: SIGINT (Ctrl-C), SIGTERM (kill, CI cancel) and SIGHUP
  /// (the terminal was closed), so each of them still lets the run write its results.
  public static let defaultSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Routes `signals` to `onSignal(signalNumber)`, called on the trap's own thread, once per
  /// delivered signal. Installing again replaces the closure and adds any new signals.
  ///
  /// Also ignores SIGPIPE for the whole process: with `loadforge run … | head -1` the reader
  /// goes away after one line, and the default action would kill the run before its results
  /// are written; ignored, a write to the closed pipe just fails with EPIPE (which the
  /// terminal output ignores). Sockets use MSG_NOSIGNAL already.
  ///
  /// - Parameters:
  ///   - signals: signal numbers to trap (default `defaultSignals`).
  ///   - onSignal: called with the signal number; the CLI calls `Coordinator.requestStop()`.
  public static func install(
    signals: [Int32] = defaultSignals, _ onSignal: @Sendable @escaping (Int32) -> Void
  ) {
    signal(SIGPIPE, SIG_IGN)
    handler.withLock { $0 = onSignal }
    let readFD: Int32? = started.withLock { isStarted -> Int32? in
      if isStarted { return nil }
      var fds: [Int32] = [-1, -1]
      guard pipe(&fds) == 0 else { return nil }
      for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      writeFD = fds[1]
      isStarted = true
      return fds[0]
    }
    if let readFD { startReader(readFD) }
    guard writeFD >= 0 else { return }
    for signal in signals {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { signal in
        let saved = errno
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = Glibc.write(SignalTrap.writeFD, &byte, 1)
        errno = saved
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_RESTART
      sigaction(signal, &action, nil)
    }
    // A parent may spawn us with these signals blocked (Foundation's Process blocks nearly
    // all of them in the child): a blocked signal stays pending forever, so unblock them in
    // this thread, which threads created later inherit.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for signal in signals { sigaddset(&unblock, signal) }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
  }

  private static func startReader(_ fd: Int32) {
    let thread = Thread {
      var byte: UInt8 = 0
      while true {
        let n = Glibc.read(fd, &byte, 1)
        if n == 1 {
          let body = handler.withLock { $0 }
          body?(Int32(byte))
        } else if n < 0 && errno == EINTR {
          continue
        } else {
          return
        }
      }
    }
    thread.name = "loadforge-signals"
    thread.start()
  }
}
