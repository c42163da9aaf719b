/// What a worker needs besides the plan and the origin address.
struct WorkerSettings: Sendable {
  /// Position among the run's workers (thread names, reports).
  var index: Int
  /// Connect timeout, µs.
  var connectTimeoutMicros: Int64
  /// Size of the worker's one read buffer, bytes (shared by all its connections).
  var readBufferBytes: Int
  /// RNG seed for task picks and think times; nil = from the system generator.
  var seed: UInt64?

  init(
    index: Int = 0, connectTimeoutMicros: Int64 = 5_000_000, readBufferBytes: Int = 64 * 1024,
    seed: UInt64? = nil
  ) {
    self.index = index
    self.connectTimeoutMicros = connectTimeoutMicros
    self.readBufferBytes = readBufferBytes
    self.seed = seed
  }
}
