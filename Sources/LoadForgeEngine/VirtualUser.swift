/// One virtual user of the closed model as a value type: a loop of task → response → think
/// time, driven by the worker (no thread, no Task). Methods return what the worker must do.
///
/// A VU asked to stop while a request is in flight finishes that request first, so a ramp-down
/// never cuts requests the server is already processing.
struct VirtualUser {
  enum Phase: Equatable {
    /// Not running; the slot may be reused by a new VU.
    case stopped
    /// Waiting to send (queued behind other work of this loop turn).
    case ready
    /// Between a request and a response (connecting, writing or reading).
    case inFlight
    /// Pausing between tasks.
    case thinking
  }

  enum Action: Equatable {
    case none
    /// Pick the next task and send it.
    case sendNext
    /// Sleep this many µs, then call `thinkElapsed()`.
    case think(micros: Int64)
    /// The VU ended: release its slot (and cancel its timer if it was thinking).
    case stop
  }

  private(set) var phase: Phase = .stopped
  /// Set by `requestStop()` while a request is in flight.
  private(set) var stopRequested = false
  /// Index into `Plan.scenarios`, chosen once when the VU starts.
  var scenario = 0
  /// Index of the current task within the scenario.
  var task = 0
  /// The pending timer: think time, or the connect timeout of the request.
  var timer: TimerID?
  /// When the response timeout of the request in flight expires (µs), 0 when none is running.
  /// Checked by `deadlineTimer`, which the worker re-arms lazily (see `Worker`).
  var responseDeadline: Int64 = 0
  /// The pending timer that checks `responseDeadline`, due at `deadlineTimerDue` (µs); it may
  /// be due before the deadline (it was armed for an earlier request) but never after it.
  var deadlineTimer: TimerID?
  var deadlineTimerDue: Int64 = 0
  /// fd of the VU's own keep-alive connection, kept across requests and think times (-1 when
  /// none: not opened yet, or closed by either side). The worker maintains it.
  var connectionFD: Int32 = -1
  /// When the current request was issued (µs), before any connect.
  var issuedMicros: Int64 = 0
  /// When its write started (µs), 0 before that.
  var writeStartMicros: Int64 = 0

  init() {}

  /// Whether the VU counts toward the worker's active VUs (stopping VUs finishing a request
  /// still count until the response lands).
  var isRunning: Bool { phase != .stopped }

  /// Whether the VU still counts toward the target (not running, or asked to stop, do not).
  var countsTowardTarget: Bool { phase != .stopped && !stopRequested }

  /// Starts the VU on `scenario`.
  mutating func start(scenario: Int) -> Action {
    precondition(phase == .stopped, "start on a running VU")
    self.scenario = scenario
    stopRequested = false
    phase = .ready
    return .sendNext
  }

  /// The worker is sending the next request (after `.sendNext`).
  mutating func sending(task: Int, at micros: Int64) {
    precondition(phase == .ready, "send while \(phase)")
    self.task = task
    phase = .inFlight
    issuedMicros = micros
    writeStartMicros = 0
    responseDeadline = 0
  }

  /// The current request finished (any outcome) and has been recorded.
  /// - Parameter thinkMicros: the think time drawn for the finished task, µs.
  mutating func requestFinished(thinkMicros: Int64) -> Action {
    precondition(phase == .inFlight, "response while \(phase)")
    if stopRequested {
      phase = .stopped
      stopRequested = false
      return .stop
    }
    if thinkMicros > 0 {
      phase = .thinking
      return .think(micros: thinkMicros)
    }
    phase = .ready
    return .sendNext
  }

  /// The think time is over.
  mutating func thinkElapsed() -> Action {
    guard phase == .thinking else { return .none }
    phase = .ready
    return .sendNext
  }

  /// Graceful stop: at once unless a request is in flight, which is finished first.
  mutating func requestStop() -> Action {
    switch phase {
    case .stopped:
      return .none
    case .inFlight:
      stopRequested = true
      return .none
    case .ready, .thinking:
      phase = .stopped
      stopRequested = false
      return .stop
    }
  }

  /// Withdraws a pending `requestStop()` (the target went back up before the request in
  /// flight finished): the VU goes on as if never asked to stop.
  mutating func cancelStop() {
    guard phase != .stopped else { return }
    stopRequested = false
  }

  /// Immediate stop (abort, or the grace period ended); the caller records the request.
  mutating func forceStop() {
    phase = .stopped
    stopRequested = false
    connectionFD = -1
    timer = nil
    responseDeadline = 0
    deadlineTimer = nil
  }
}
