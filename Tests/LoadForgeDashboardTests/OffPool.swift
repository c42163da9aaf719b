import Foundation

/// Runs blocking test code (raw sockets, `waitUntilFinalDelivered`) on a thread
/// of its own, so Swift's concurrency pool (2 threads here) stays free for the server under test.
enum OffPool {
  static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        continuation.resume(with: Result { try body() })
      }
      thread.start()
    }
  }
}
