import Dispatch
import Synchronization

/// The CLI's commands are synchronous and the servers they start (the demo target, the
/// dashboard) are async: these run an operation on Swift's concurrency pool and wait for it on
/// the calling thread. Never call them from the pool itself (the wait would hold one of its
/// threads).
enum WaitForAsync {
  /// Runs `operation` and returns its result on the calling thread.
  /// - Throws: what `operation` threw.
  static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
    let result = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
      do {
        let value = try await operation()
        result.withLock { $0 = .success(value) }
      } catch {
        result.withLock { $0 = .failure(error) }
      }
      done.signal()
    }
    done.wait()
    return try result.withLock { $0! }.get()
  }

  /// Runs `operation`, which cannot fail, and waits for it on the calling thread.
  static func run(_ operation: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task {
      await operation()
      done.signal()
    }
    done.wait()
  }
}
