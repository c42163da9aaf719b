/// What a hub did for its clients, for the CLI's closing line and the overhead measurements.
public struct DashboardStatistics: Sendable, Equatable {
  /// WebSocket connections accepted over the hub's life.
  public var clientsServed = 0
  /// Messages (snapshots and `draining`) lost over all connections because a page read too slowly
  /// (its queue kept the newest `queueLimit` and dropped the oldest).
  public var messagesDropped = 0
  /// Snapshot messages sent as they happened (`"backfill": false`), all connections.
  public var liveMessagesSent = 0
  /// The largest `delay_ms` of a live message in live mode, ms (from the end of an interval to its
  /// message being handed to the socket); nil before the first one, and always in replay.
  public var maxLiveDelayMs: Double?

  public init() {}
}
