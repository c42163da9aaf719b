import Dispatch
import Synchronization

/// For synchronous callers (the CLI's commands): run `start()` and `stop()` on Swift's
/// concurrency pool and wait for them on the calling thread.
extension DemoServer {
  /// `start()`, waiting on the calling thread.
  /// - Returns: the bound port.
  /// - Throws: `StartError` when the port cannot be bound.
  public func startBlocking() throws -> Int {
    let result = Mutex<Result<Int, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
      do {
        let port = try await self.start()
        result.withLock { $0 = .success(port) }
      } catch {
        result.withLock { $0 = .failure(error) }
      }
      done.signal()
    }
    done.wait()
    return try result.withLock { $0! }.get()
  }

  /// `stop()`, waiting on the calling thread.
  public func stopBlocking() {
    let done = DispatchSemaphore(value: 0)
    Task {
      await self.stop()
      done.signal()
    }
    done.wait()
  }
}
