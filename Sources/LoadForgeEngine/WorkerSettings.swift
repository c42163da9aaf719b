/// What a worker needs besides the plan and the origin address.
struct WorkerSettings: Sendable {
  /// Position among the run's workers (thread names, reports, VU numbering).
  var index: Int
  /// Number of workers in the run: VU slot `k` of this worker is the run's VU `k·workerCount + index`.
  var workerCount: Int
  /// Connect timeout, µs.
  var connectTimeoutMicros: Int64
  /// Size of the worker's one read buffer, bytes (shared by all its connections).
  var readBufferBytes: Int
  /// RNG seed for task picks and think times; nil = from the system generator.
  var seed: UInt64?

  init(
    index: Int = 0, workerCount: Int = 1, connectTimeoutMicros: Int64 = 5_000_000, readBufferBytes: Int = 64 * 1024,
    seed: UInt64? = nil
  ) {
    self.index = index
    self.workerCount = max(1, workerCount)
    self.connectTimeoutMicros = connectTimeoutMicros
    self.readBufferBytes = readBufferBytes
    self.seed = seed
  }
}
