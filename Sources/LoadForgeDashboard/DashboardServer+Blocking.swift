import Dispatch
import Synchronization

/// For synchronous callers (the CLI's commands): run `start()` and `stop()` on Swift's
/// concurrency pool and wait for them on the calling thread. Not for use on that pool itself.
extension DashboardServer {
  /// `start()`, waiting on the calling thread.
  /// - Returns: the bound port.
  /// - Throws: `DashboardError` when the assets are missing or the address cannot be bound.
  public func startBlocking() throws(DashboardError) -> Int {
    let result = Mutex<Result<Int, DashboardError>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
      do throws(DashboardError) {
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
