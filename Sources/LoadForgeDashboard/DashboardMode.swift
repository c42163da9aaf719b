/// What a dashboard server shows: a run in progress or a finished run read back from its results
/// directory (`hello`'s `mode`, docs/dashboard-protocol.md).
public enum DashboardMode: String, Sendable {
  /// `loadforge run --dashboard`: snapshots arrive as the coordinator records them; each live
  /// message carries its `delay_ms`.
  case live
  /// `loadforge dashboard RUN_DIR`: the whole history is sent as back-fill, then `final`;
  /// `delay_ms` is null.
  case replay
}
