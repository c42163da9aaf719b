extension Coordinator {
  /// What one `requestStop()` did, so the caller can say so (the CLI prints a line per signal).
  public enum StopEffect: Sendable, Equatable {
    /// The pattern was still running: it stops now and the requests in flight get the grace
    /// period to finish. The run's summary will be `interrupted`.
    case stopping
    /// The pattern had already ended: the drain is cut short, the requests still in flight are
    /// recorded as aborted. The run is not `interrupted` (it ran its whole pattern).
    case endingDrain
    /// A stop was already under way: everything still in flight is aborted at once.
    case aborting
    /// The run has finished (results are being written): nothing left to stop.
    case finished
  }
}
