import Foundation

/// How the engine runs a plan (as opposed to what it runs, which is the `Plan`).
public struct EngineOptions: Sendable, Equatable {
  /// Worker event loops (threads), each with its share of the VUs. Default: active cores.
  public var workers: Int
  /// After the pattern ends or a stop request, how long in-flight requests may take to
  /// finish, µs (default 5 s); requests still open then count as `.aborted`.
  public var gracePeriodMicros: Int64

  public init(
    workers: Int = ProcessInfo.processInfo.activeProcessorCount,
    gracePeriodMicros: Int64 = 5_000_000
  ) {
    self.workers = max(1, workers)
    self.gracePeriodMicros = gracePeriodMicros
  }
}
