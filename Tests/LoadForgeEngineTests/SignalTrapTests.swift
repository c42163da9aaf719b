import Foundation
import Glibc
import Synchronization
import Testing

@testable import LoadForgeEngine

/// Serialized: the trap's closure is process-wide, each test installs its own.
@Suite(.serialized) struct SignalTrapTests {
  @Test func deliversEachTrappedSignalToTheHandlerOnItsThread() {
    let received = Mutex<[Int32]>([])
    func waitFor(_ count: Int) {
      let deadline = Date().addingTimeInterval(2)
      while Date() < deadline && received.withLock({ $0.count }) < count { usleep(1_000) }
    }
    // SIGUSR2 rather than SIGINT, so the test runner's own handling is untouched. Signals
    // pending at the same time merge (POSIX), so the second is sent after the first arrived.
    // Spawned children may inherit a mask blocking SIGINT (Foundation's Process does that):
    // installing unblocks the trapped signals in the calling thread.
    var blocked = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, SIGUSR2)
    pthread_sigmask(SIG_BLOCK, &blocked, nil)
    SignalTrap.install(signals: [SIGUSR2]) { signal in received.withLock { $0.append(signal) } }
    var mask = sigset_t()
    pthread_sigmask(SIG_BLOCK, nil, &mask)
    #expect(sigismember(&mask, SIGUSR2) == 0)
    kill(getpid(), SIGUSR2)
    waitFor(1)
    kill(getpid(), SIGUSR2)
    waitFor(2)
    #expect(received.withLock { $0 } == [SIGUSR2, SIGUSR2])
  }

  /// Closing the terminal (SIGHUP) stops the run like SIGTERM; `… | head -1` must not kill it.
  @Test func trapsSIGHUPByDefaultAndIgnoresSIGPIPE() {
    #expect(SignalTrap.defaultSignals == [SIGINT, SIGTERM, SIGHUP])
    // Restore the runner's dispositions afterwards, so Ctrl-C still ends the test run. SIGPIPE
    // stays ignored: other suites running in parallel may rely on that.
    var saved: [(Int32, sigaction)] = []
    for signal in SignalTrap.defaultSignals {
      var old = sigaction()
      sigaction(signal, nil, &old)
      saved.append((signal, old))
    }
    defer {
      for (signal, var old) in saved { sigaction(signal, &old, nil) }
    }
    let received = Mutex<[Int32]>([])
    SignalTrap.install { signal in received.withLock { $0.append(signal) } }

    func disposition(_ signal: Int32) -> Int {
      var action = sigaction()
      sigaction(signal, nil, &action)
      return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }
    #expect(disposition(SIGPIPE) == unsafeBitCast(SIG_IGN, to: Int.self))
    for signal in SignalTrap.defaultSignals {
      #expect(disposition(signal) != unsafeBitCast(SIG_DFL, to: Int.self), "signal \(signal)")
    }
    // Only raise SIGHUP once it is trapped: its default action would end the test process.
    guard disposition(SIGHUP) != unsafeBitCast(SIG_DFL, to: Int.self) else { return }
    kill(getpid(), SIGHUP)
    let deadline = Date().addingTimeInterval(2)
    while Date() < deadline && received.withLock({ $0.isEmpty }) { usleep(1_000) }
    #expect(received.withLock { $0 } == [SIGHUP])

    // A write to a pipe nobody reads fails with EPIPE instead of killing the process.
    var fds: [Int32] = [-1, -1]
    #expect(pipe(&fds) == 0)
    close(fds[0])
    var byte: UInt8 = 0
    #expect(write(fds[1], &byte, 1) == -1)
    #expect(errno == EPIPE)
    close(fds[1])
  }
}
