extension Snapshot {
  /// Which part of the run a snapshot covers (JSON `phase`: `"load"` or `"drain"`).
  ///
  /// As in k6's graceful stop, a run has two parts: the pattern (or the part of it that ran
  /// before a stop), then the drain, when no request is started any more and the ones in flight
  /// get the grace period to finish.
  public enum Phase: String, Codable, Sendable, Equatable {
    /// One tick of the pattern, closed at its boundary: `tickSeconds` long, or shorter for the
    /// last tick when the duration is not a multiple of the tick, or the tick a stop cut short.
    case load
    /// Everything that finished after the load phase ended: in-flight requests completing within
    /// the grace period, and the ones cut off then (or by a stop) as `aborted`. At most one per run.
    case drain
  }
}
