import Foundation
import Glibc
import Synchronization
import Testing

@testable import LoadForgeEngine

@Suite struct SignalTrapTests {
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
}
