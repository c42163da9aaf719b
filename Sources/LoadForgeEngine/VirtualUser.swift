/// One virtual user of the closed model as a value type, driven by the worker (no thread, no
/// Task). Methods return what the worker must do.
///
/// Stages (`ScenarioPlan`): `setup` requests in order once, then iterations until the VU is
/// stopped (one task picked by weight, or every task in order for a flow), then `teardown`
/// requests in order once. Think time follows every request, each task's own.
///
/// Stops:
/// - A graceful stop (`requestStop()`: ramp-down, or the end of the run within the drain's
///   grace period) lets a request in flight finish first, so a ramp-down never cuts requests
///   the server is already processing. Then the VU runs its teardown, without the think time
///   of the request before (the stop cuts a think time short, as it always did), if it sent at
///   least one request of its setup or an iteration; else it ends at once. A stop during setup
///   skips the rest of the setup. Stops during the teardown do not shorten it.
/// - A forced stop (`forceStop()`: abort, or the grace period ended) ends it at once: no
///   teardown.
///
/// Open model (`Shape.isPaced`): the VU is pre-allocated `.idle` (`startIdle`) and runs one
/// iteration each time the worker hands it one (`beginIteration(scheduledAt:)`): its setup
/// first when it is used for the first time, then one task picked by weight, or a whole flow.
/// At the iteration's end it goes back to `.idle` (`.iterationDone`), without the think time
/// of its last request (think times between the tasks of a flow still apply): the pacer, not
/// the VU, decides when the next iteration starts. The first request of an iteration carries
/// its scheduled start (`dueMicros`), so its latency counts from there.
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
    /// Open model: free, waiting for the worker to hand it an iteration.
    case idle
  }

  enum Stage: Equatable {
    case setup
    case iterations
    case teardown
  }

  /// What a VU's scenario looks like to the stage machine.
  struct Shape: Equatable {
    var setupCount = 0
    /// At least 1 (the coordinator refuses a scenario without tasks).
    var taskCount = 1
    /// Iterations run every task in order instead of one picked by weight.
    var isFlow = false
    var teardownCount = 0
    /// Open model: iterations are handed out by the worker's pacer, one at a time.
    var isPaced = false
  }

  /// The request to send next.
  enum Step: Equatable {
    /// Setup request at this index.
    case setup(Int)
    /// Task at this index of a flow.
    case task(Int)
    /// A task of a weighted scenario, picked by the worker (one per iteration).
    case pickTask
    /// Teardown request at this index.
    case teardown(Int)

    /// Whether this request starts an iteration (per-iteration data feeders draw a row then).
    var startsIteration: Bool {
      switch self {
      case .pickTask, .task(0): true
      case .setup, .task, .teardown: false
      }
    }
  }

  enum Action: Equatable {
    case none
    /// Send the next request (`nextStep`).
    case sendNext
    /// Sleep this many µs, then call `thinkElapsed()`.
    case think(micros: Int64)
    /// The VU ended: release its slot (and cancel its timer if it was thinking).
    case stop
    /// The VU ended its teardown while the target wanted it back (`cancelStop()` during the
    /// teardown): the slot starts a new VU at once (fresh variables and data row, setup again).
    case restart
    /// Open model: the iteration ended; the VU is `.idle` (free for the next one).
    case iterationDone
  }

  private(set) var phase: Phase = .stopped
  /// Set by `requestStop()`; the VU no longer counts toward the target.
  private(set) var stopRequested = false
  private(set) var stage: Stage = .setup
  /// Index of the next request within the stage (setup, flow or teardown list).
  private(set) var position = 0
  /// Whether a request of the setup or an iteration was sent (then a stop runs the teardown).
  private(set) var sentAny = false
  /// `cancelStop()` arrived during the teardown: start a new VU when it is done.
  private(set) var restartAfterTeardown = false
  private(set) var shape = Shape()
  /// Index into `Plan.scenarios`, chosen once when the VU starts.
  var scenario = 0
  /// The worker's flat index of the request in flight (or last sent).
  var request = 0
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
  /// Open model: the scheduled start of the iteration whose first request is in flight (µs);
  /// latency counts from it. 0 for every other request.
  var dueMicros: Int64 = 0
  /// The scheduled start handed over with the iteration, until its first request is sent.
  private(set) var pendingDueMicros: Int64 = 0

  init() {}

  /// Whether the VU counts toward the worker's active VUs (stopping VUs finishing a request
  /// or their teardown still count until they end).
  var isRunning: Bool { phase != .stopped }

  /// Whether the VU still counts toward the target (not running, or asked to stop, do not).
  var countsTowardTarget: Bool { phase != .stopped && !stopRequested }

  /// Starts the VU on `scenario` with the given shape.
  mutating func start(scenario: Int, shape: Shape = Shape()) -> Action {
    precondition(phase == .stopped, "start on a running VU")
    self.scenario = scenario
    self.shape = shape
    stopRequested = false
    restartAfterTeardown = false
    begin()
    return .sendNext
  }

  /// Open model: starts the VU free (`.idle`) on `scenario`; its setup waits for its first iteration.
  mutating func startIdle(scenario: Int, shape: Shape) {
    _ = start(scenario: scenario, shape: shape)
    phase = .idle
  }

  /// Open model: hands the idle VU an iteration that was due at `scheduled` (µs).
  /// - Returns: `.sendNext` (its setup, the first time, or the iteration's first task).
  mutating func beginIteration(scheduledAt scheduled: Int64) -> Action {
    precondition(phase == .idle, "iteration given while \(phase)")
    pendingDueMicros = scheduled
    phase = .ready
    return .sendNext
  }

  /// The stage machine at its start: setup, or iterations when there is none.
  private mutating func begin() {
    stage = shape.setupCount > 0 ? .setup : .iterations
    position = 0
    sentAny = false
    phase = .ready
  }

  /// The request to send now (phase `.ready`).
  var nextStep: Step {
    switch stage {
    case .setup: .setup(position)
    case .iterations: shape.isFlow ? .task(position) : .pickTask
    case .teardown: .teardown(position)
    }
  }

  /// The worker is sending the request of `nextStep` (after `.sendNext`).
  /// - Parameters:
  ///   - request: the worker's flat request index.
  ///   - micros: now, µs.
  mutating func sending(request: Int, at micros: Int64) {
    precondition(phase == .ready, "send while \(phase)")
    self.request = request
    if stage != .teardown { sentAny = true }
    phase = .inFlight
    issuedMicros = micros
    writeStartMicros = 0
    responseDeadline = 0
    dueMicros = pendingDueMicros
    pendingDueMicros = 0
  }

  /// The current request finished (any outcome) and has been recorded.
  /// - Parameter thinkMicros: the think time drawn for the finished request, µs.
  mutating func requestFinished(thinkMicros: Int64) -> Action {
    precondition(phase == .inFlight, "response while \(phase)")
    switch stage {
    case .setup:
      position += 1
      if position == shape.setupCount {
        stage = .iterations
        position = 0
      }
    case .iterations:
      if shape.isFlow { position = (position + 1) % max(1, shape.taskCount) }
      if shape.isPaced && position == 0 && !stopRequested {
        phase = .idle
        return .iterationDone
      }
    case .teardown:
      position += 1
      if position >= shape.teardownCount {
        if restartAfterTeardown {
          restartAfterTeardown = false
          begin()
          return .restart
        }
        return end()
      }
    }
    if stopRequested && stage != .teardown {
      if !enterTeardown() { return end() }
      // The stop cuts the think time short; the teardown starts at once.
      phase = .ready
      return .sendNext
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

  /// Graceful stop: a request in flight is finished first; then the teardown runs (see the
  /// type's doc) or the VU ends.
  /// - Returns: `.stop` when the VU ended now, `.sendNext` when its teardown starts now (the
  ///   worker cancels a think timer and queues it), else `.none`.
  mutating func requestStop() -> Action {
    guard phase != .stopped else { return .none }
    restartAfterTeardown = false
    if stopRequested || stage == .teardown {
      stopRequested = true
      return .none
    }
    stopRequested = true
    switch phase {
    case .stopped, .inFlight:
      return .none
    case .ready, .thinking, .idle:
      guard enterTeardown() else { return end() }
      phase = .ready
      return .sendNext
    }
  }

  /// Withdraws a pending `requestStop()` (the target went back up): the VU goes on as if
  /// never asked to stop, or, once its teardown began, restarts as a new VU when it is done.
  mutating func cancelStop() {
    guard phase != .stopped else { return }
    stopRequested = false
    if stage == .teardown { restartAfterTeardown = true }
  }

  /// Immediate stop (abort, or the grace period ended): no teardown; the caller records the
  /// request in flight.
  mutating func forceStop() {
    phase = .stopped
    stopRequested = false
    restartAfterTeardown = false
    connectionFD = -1
    timer = nil
    responseDeadline = 0
    deadlineTimer = nil
  }

  /// Switches to the teardown when there is one to run; false when the VU should just end.
  private mutating func enterTeardown() -> Bool {
    guard shape.teardownCount > 0 && sentAny else { return false }
    stage = .teardown
    position = 0
    return true
  }

  private mutating func end() -> Action {
    phase = .stopped
    stopRequested = false
    restartAfterTeardown = false
    return .stop
  }
}
