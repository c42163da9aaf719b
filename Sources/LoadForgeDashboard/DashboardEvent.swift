/// What the hub hands each connection's queue: the connection turns each into a message when it
/// sends it (stamping the send time then).
enum DashboardEvent: Sendable {
  /// `runStarted` arrived: `hello` can be sent.
  case started
  /// The snapshot with sequence number `seq`.
  case snapshot(seq: Int, entry: DashboardHub.Entry)
  /// The load phase ended with requests in flight (`graceSeconds`: s).
  case draining(inFlight: Int, graceSeconds: Double)
  /// The run ended; `summaryJSON` is `summary.json`'s object.
  case finished(summaryJSON: String)

  var isStarted: Bool {
    if case .started = self { return true }
    return false
  }
}
