import Foundation
import Synchronization

/// The dashboard's one source of truth: the run's history (every snapshot, pre-encoded, its
/// index its sequence number) and the connected pages, each with its own bounded queue.
///
/// Publishing (`DashboardObserver`, on the coordinator's thread) appends to the history and
/// yields to every page's `AsyncStream` under one `Mutex`, never awaiting: a queue holds the
/// newest `queueLimit` events and drops the oldest, so a slow or dead browser costs the run one
/// dropped message, never a wait. Each connection reads its queue on its own task and writes to
/// its socket at its own pace (`DashboardConnection`).
public final class DashboardHub: Sendable {
  /// One snapshot as the hub keeps it.
  struct Entry: Sendable {
    /// The `snapshots.ndjson` line (without its newline).
    var json: String
    /// The interval's end (`RunInfo.startedAt + elapsed_s`), Unix epoch µs; nil when the run's
    /// start is unknown.
    var intervalEndMicros: Int64?
  }

  /// What the run looks like when a connection starts, taken under the lock with its registration.
  struct View: Sendable {
    /// `run.json`'s object and the plan's; nil before `runStarted`.
    var runJSON: String?
    var planJSON: String
    /// Sequence number of `backlog[0]`.
    var historyFrom: Int
    var backlog: [Entry]
    var draining: (inFlight: Int, graceSeconds: Double)?
    /// `summary.json`'s object once the run finished.
    var summaryJSON: String?
  }

  struct Client {
    var continuation: AsyncStream<DashboardEvent>.Continuation
    /// Messages (snapshots, `draining`) this connection's queue dropped.
    var dropped = 0
    var finalSent = false
  }

  struct State {
    var runJSON: String?
    var planJSON = "{}"
    /// The run's start, Unix epoch µs.
    var startedAtMicros: Int64?
    var history: [Entry] = []
    var draining: (inFlight: Int, graceSeconds: Double)?
    var summaryJSON: String?
    var clients: [Int: Client] = [:]
    var nextClientID = 0
    var statistics = DashboardStatistics()
    /// Set by `closeConnections()`: later connections get a queue that is already finished.
    var closing = false

    mutating func yield(_ event: DashboardEvent) {
      for (id, client) in clients {
        // `started` is no message of its own (hello waits on it), so it is not counted.
        if case .dropped(let lost) = client.continuation.yield(event), !lost.isStarted {
          clients[id]?.dropped += 1
          statistics.messagesDropped += 1
        }
      }
    }
  }

  public let mode: DashboardMode
  /// Events each connection's queue holds at most; older ones are dropped (and counted) first.
  public let queueLimit: Int
  private let state = Mutex(State())

  /// - Parameters:
  ///   - mode: live or replay (replay and back-filled messages carry no `delay_ms`).
  ///   - queueLimit: events each connection may have waiting, at least 1 (default 64, as the
  ///     protocol documents).
  public init(mode: DashboardMode, queueLimit: Int = 64) {
    self.mode = mode
    self.queueLimit = max(1, queueLimit)
  }

  /// What the hub did so far.
  public var statistics: DashboardStatistics {
    state.withLock { $0.statistics }
  }

  /// Snapshots published so far.
  public var historyCount: Int {
    state.withLock { $0.history.count }
  }

  /// Pages connected now.
  public var connectedClients: Int {
    state.withLock { $0.clients.count }
  }

  /// Whether `final` can be sent (the run finished).
  public var isFinished: Bool {
    state.withLock { $0.summaryJSON != nil }
  }

  /// Waits on the calling thread until every connected page was sent `final`, or `timeoutSeconds`
  /// (s) passed: the CLI calls it after the run, before it stops the server, so open pages show
  /// the run as finished. Returns at once when no page is connected.
  public func waitUntilFinalDelivered(timeoutSeconds: Double) {
    let deadline = Date(timeIntervalSinceNow: max(0, timeoutSeconds))
    while !state.withLock({ $0.clients.values.allSatisfy(\.finalSent) }), Date() < deadline {
      // The end of a run is not a hot path: polling keeps the connections free of any signalling.
      usleep(2_000)
    }
  }

  // MARK: - Publishing (the coordinator's thread)

  /// The run started: `run.json`'s object, its start (Unix epoch µs; nil when unknown) and its plan.
  func start(runJSON: String, startedAtMicros: Int64?, planJSON: String) {
    state.withLock {
      $0.runJSON = runJSON
      $0.startedAtMicros = startedAtMicros
      $0.planJSON = planJSON
      $0.yield(.started)
    }
  }

  /// Appends one snapshot (its `snapshots.ndjson` line; `elapsedSeconds`: its `elapsed_s`).
  func publish(snapshotJSON: String, elapsedSeconds: Double) {
    state.withLock {
      let end = $0.startedAtMicros.map { $0 + Int64((elapsedSeconds * 1_000_000).rounded()) }
      let entry = Entry(json: snapshotJSON, intervalEndMicros: end)
      $0.history.append(entry)
      $0.yield(.snapshot(seq: $0.history.count - 1, entry: entry))
    }
  }

  /// The drain started (`graceSeconds`: s).
  func drain(inFlight: Int, graceSeconds: Double) {
    state.withLock {
      $0.draining = (inFlight, graceSeconds)
      $0.yield(.draining(inFlight: inFlight, graceSeconds: graceSeconds))
    }
  }

  /// The run ended; `summaryJSON` is `summary.json`'s object.
  func finish(summaryJSON: String) {
    state.withLock {
      guard $0.summaryJSON == nil else { return }
      $0.summaryJSON = summaryJSON
      $0.yield(.finished(summaryJSON: summaryJSON))
    }
  }

  // MARK: - Connections

  /// Registers a connection's queue and takes the history from sequence number `from` under the
  /// same lock, so every later snapshot is in the queue and every earlier one in the view.
  func register(from: Int) -> (id: Int, events: AsyncStream<DashboardEvent>, view: View) {
    let (events, continuation) = AsyncStream.makeStream(
      of: DashboardEvent.self, bufferingPolicy: .bufferingNewest(queueLimit))
    return state.withLock {
      let id = $0.nextClientID
      $0.nextClientID += 1
      if $0.closing {
        continuation.finish()
      } else {
        $0.clients[id] = Client(continuation: continuation)
      }
      $0.statistics.clientsServed += 1
      return (id, events, Self.view(of: $0, from: from))
    }
  }

  /// Ends every connection's queue, now and for connections still to come: each connection sends
  /// what it holds, then closes (the server is stopping).
  func closeConnections() {
    let clients = state.withLock {
      $0.closing = true
      return Array($0.clients.values)
    }
    for client in clients { client.continuation.finish() }
  }

  /// The history from `from` and the rest of the view, now.
  func view(from: Int) -> View {
    state.withLock { Self.view(of: $0, from: from) }
  }

  private static func view(of state: State, from: Int) -> View {
    let first = min(max(0, from), state.history.count)
    return View(
      runJSON: state.runJSON, planJSON: state.planJSON, historyFrom: first, backlog: Array(state.history[first...]),
      draining: state.draining, summaryJSON: state.summaryJSON)
  }

  /// Snapshots connection `id` lost so far.
  func dropped(_ id: Int) -> Int {
    state.withLock { $0.clients[id]?.dropped ?? 0 }
  }

  /// Connection `id` was sent `final`.
  func finalSent(_ id: Int) {
    state.withLock { $0.clients[id]?.finalSent = true }
  }

  /// Connection `id` sent a live snapshot, `delayMs` (ms) after its interval ended (nil in replay).
  func liveSent(delayMs: Double?) {
    state.withLock {
      $0.statistics.liveMessagesSent += 1
      if let delayMs { $0.statistics.maxLiveDelayMs = max($0.statistics.maxLiveDelayMs ?? delayMs, delayMs) }
    }
  }

  /// Connection `id` closed.
  func unregister(_ id: Int) {
    let client = state.withLock { $0.clients.removeValue(forKey: id) }
    client?.continuation.finish()
  }
}
