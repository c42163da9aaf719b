import CLinux
import Glibc
import LoadForgeHTTP
import LoadForgeMetrics
import LoadForgePlan

/// One event loop running a share of the virtual users, their connections and their metrics.
///
/// Created and run by one thread; talks to the coordinator only through its `WorkerChannel`
/// (commands in, reports out), so the hot path takes no lock. Request bytes are encoded once
/// per task at start, the read buffer is shared by every connection, and each VU keeps its
/// own keep-alive connection across requests and think times (connection affinity, as in k6
/// and Locust: open connections ≈ active VUs): sending a request on a warm connection
/// allocates nothing here.
///
/// Reference counting: the per-request state is laid out so that a request retains and
/// releases as little as possible and never asks whether an array is shared. The encoded
/// requests live in one raw allocation (`encodedBytes`; writing from an element of a
/// `[[UInt8]]` retained and released it), the VUs in a `SlotArray` (every write through an
/// `Array` subscript calls `swift_isUniquelyReferenced_nonNull_native`, five per request),
/// and a request's method reaches the parser as a `ResponseExpectation` worked out at start
/// (a `String` argument cost a retain, a release and two comparisons). What is left is the
/// `HTTPConnection` reference taken out of `connections` while an event is handled (~80
/// instructions per request).
///
/// Exclusivity: the state touched on every request is marked `@exclusivity(unchecked)`. The
/// worker runs on one thread and never holds an access to these properties across a call back
/// into itself, so the runtime checks could never fire; they cost ~30 `swift_beginAccess` calls
/// per request (~2,000 instructions, a sixth of the loop; `Benchmarks/callgrind-per-request.sh`).
///
/// Response timeouts are checked lazily, as in wrk and Netty's idle handlers: a request only
/// sets its VU's `responseDeadline`; one timer per VU, armed when none is pending, checks it
/// and re-arms itself for a deadline that moved on. So a response costs no timer-heap insert
/// and cancel (two O(log n) heap updates, ~500 instructions), and a timeout still fires at its
/// exact deadline: the checking timer is never due after the deadline it checks.
///
/// Clock reads: one when the write starts and one at the last byte of each response (exact
/// latency), two per `epoll_wait` batch for timers. The issue time of a request (before any
/// connect) takes the loop's last reading, at most one batch of event handling old (µs): it
/// only times connection failures, which are counted, never put into latency histograms.
///
/// VU slots: the VUs counting toward the target always occupy the lowest slots (new VUs take
/// the lowest free slot, ramp-down stops the highest), so slot `k` of worker `w` out of `W`
/// is the run's VU number `k·W + w` and runs the scenario at that position of the plan's
/// smooth weighted round-robin. The coordinator splits VUs remainder-first, so n VUs cover
/// numbers 0..<n exactly and scenario weights hold even for a handful of VUs.
///
/// The scenario model (setup/teardown, flows, checks, captures, variables, data feeders) stays
/// off this path for plans that do not use it: a request without a template is written from
/// its pre-encoded bytes, a task without checks or captures is classified by status alone
/// (one `Bool` lookup each), and the code for the other case is out of line (`render`,
/// `inspect`), so a plain request does not pay for its setup either. A request with `${vu.…}`
/// parts is encoded per send (`TemplatedRequest`), and a task with checks or captures has its
/// response retained and inspected (`TaskInspection`); captured and fed values live in the
/// VU's `VariableValues`.
///
/// An `https://` origin runs every request through libcurl instead (`CurlMulti`, plugged into
/// this loop: curl's sockets in the same epoll set, its deadline in the same timer heap), with
/// the same VU model, metrics and error classes; each VU keeps one `CurlTransfer` (easy
/// handle). The plain path pays one `Bool` test per request for it (`dispatch`); curl's
/// socket events are the ones no `HTTPConnection` claims, and its timer payload sits inside
/// the deadline-flag branch, so neither adds a test to the plain path's events or timers.
final class Worker: EventLoopHandler {
  private let address: SocketAddress
  private let settings: WorkerSettings
  private let channel: WorkerChannel
  private let loop: EventLoop
  private let recorder: MetricsRecorder
  @exclusivity(unchecked) private var rng: Xoshiro256StarStar

  private let taskTables: [WeightTable]
  /// Flat request indexes, per scenario: `setupBase[s] + k` is setup request `k`,
  /// `taskBase[s] + k` task `k`, `teardownBase[s] + k` teardown request `k`.
  private let setupBase: [Int]
  private let taskBase: [Int]
  private let teardownBase: [Int]
  private let shapes: [VirtualUser.Shape]
  /// Pre-encoded bytes of every request without a template, back to back in one allocation
  /// (so a send retains and releases no array); `encodedRange[r]` is request `r`'s.
  private let encodedBytes: UnsafeMutableRawBufferPointer
  private let encodedRange: [Range<Int>]
  /// Whether the request has `${vu.…}` parts: then `templates` encodes it per send.
  private let isTemplated: [Bool]
  private let templates: [TemplatedRequest?]
  /// Whether the request's task has checks or captures: then `inspections` classifies it.
  private let isInspected: [Bool]
  private let inspections: [TaskInspection?]
  /// Content bytes the parser keeps for the inspector, nil when it reads no header or body.
  private let retainBytes: [Int?]
  private let requestEndpoint: [Int]
  private let requestThink: [ThinkTime]
  /// How each request's response is framed (HEAD, CONNECT), worked out once.
  private let requestExpectation: [ResponseExpectation]
  private let requestIdempotent: [Bool]
  private let requestTimeout: [Int64]
  /// `follow_redirects`: hops allowed per request (0: none, and nothing of `follow` runs).
  private let followRedirects: Int
  /// Per VU slot, while a request follows redirects: the hops taken, the request sent to the
  /// current hop (`Redirect.rewrite`), and the response bytes of the hops before it.
  @exclusivity(unchecked) private var redirectHops: [Int] = []
  @exclusivity(unchecked) private var redirectRequest: [[UInt8]] = []
  @exclusivity(unchecked) private var redirectBytes: [Int] = []
  /// The response head limit (`max_header_bytes`) every connection's parser enforces.
  private let parserLimits: ResponseParser.Limits
  /// Per-check counts by flat request index and check/capture index, for the final report.
  @exclusivity(unchecked) private var checkItems: CheckItemCounters
  /// Why requests failed (class, reason, count), for the final report's error table.
  private var errorReasons = ErrorReasons()

  /// By slot; written in place (`SlotArray`: no copy-on-write check per write).
  @exclusivity(unchecked) private var vus = SlotArray<VirtualUser>()
  /// Each slot's variable values (`Plan.variables`; no storage when the plan has none).
  @exclusivity(unchecked) private var values: [VariableValues] = []
  /// Each slot's rendered request, while a templated one is being sent.
  @exclusivity(unchecked) private var rendered: [[UInt8]] = []
  /// Reused for rendering template parts.
  @exclusivity(unchecked) private var scratch: [UInt8] = []
  private let variableCount: Int
  @exclusivity(unchecked) private var feeders: [FeederCursor]
  /// Indexes into `feeders` of those with `per = vu` and `per = iteration`.
  private let vuFeeders: [Int]
  private let iterationFeeders: [Int]
  /// Scenario of each VU slot, fixed when the slot is first used (see the type's doc).
  private var slotScenarios: [Int] = []
  private var scenarioSequence: WeightedRoundRobin
  /// Positions of `scenarioSequence` consumed so far, and the last one's scenario.
  private var scenarioPicks = 0
  private var lastScenarioPick = 0
  @exclusivity(unchecked) private var runningVUs = 0
  /// VUs ready to send, served after the current batch of events (never recursively, so a
  /// request failing at once cannot loop without returning to epoll).
  @exclusivity(unchecked) private var runQueue: [Int] = []
  @exclusivity(unchecked) private var draining: [Int] = []

  /// https:// origins: every request goes through curl (`dispatchCurl`).
  private let usesCurl: Bool
  /// libcurl's multi handle on this loop (https:// only; nil when it could not be made, then
  /// `curlSetupError` fails each request).
  private let curl: CurlMulti?
  private let curlSetupError: String?
  private let origin: Origin
  private let connectionSettings: ConnectionSettings
  /// CURLOPT_RESOLVE entry pinning the origin's host name to the coordinator's address (DNS
  /// resolved once per run, DESIGN §3); nil for an IP literal.
  private let curlResolve: String?
  /// The curl form of each request without a template (https:// only).
  private let curlRequests: [CurlRequest?]
  /// Each slot's curl transfer, made at its first request and reused (keep-alive).
  private var transfers: [CurlTransfer?] = []
  /// Each slot's templated request rendered for curl, while it is being sent.
  private var renderedCurl: [CurlRequest?] = []

  /// Open connections by fd; each belongs to one VU (`HTTPConnection.owner`).
  @exclusivity(unchecked) private var connections: [HTTPConnection?] = []
  private let readBuffer: UnsafeMutableRawBufferPointer

  private var lastInterval = -1
  /// Open model: this worker's share of `max_vus`, pre-allocated when the pacing starts.
  private let poolSize: Int
  private var appliedTarget = 0
  /// Length of one pattern tick, µs: the VUs a new target adds start spread over it.
  private let tickMicros: Int64
  /// VUs still to start for `appliedTarget`, one every `startSpacingMicros`, the next at
  /// `nextStartDue` (µs, loop clock) by `startTimer`: one timer however many are pending.
  private var pendingStarts = 0
  /// The coordinator's `WorkerCommands.startLevel`, once received.
  private var startLevel: Int?
  private var startSpacingMicros: Int64 = 0
  private var nextStartDue: Int64 = 0
  private var startTimer: TimerID?
  /// When `run()` began, µs (loop clock): a target arriving in the first half tick after it is
  /// the pattern's level at elapsed 0, started at once.
  private var runStartMicros: Int64 = 0
  @exclusivity(unchecked) private var stopping = false
  @exclusivity(unchecked) private var finished = false
  private static let graceTimerPayload = UInt64.max
  /// Payload of the open model's pacing timer.
  private static let paceTimerPayload = UInt64.max - 1

  /// Open model (nil in the closed one): when each iteration of the run is due.
  private let pacer: ArrivalPacer?
  /// When the run started (µs, monotonic), once the coordinator started the pacing.
  private var paceStartMicros: Int64?
  /// The run's next iteration number for this worker: worker `w` of `W` starts iterations
  /// w, w + W, w + 2W, … of the pacer's sequence, so the run's total is exact for any W.
  private var nextIteration = 0
  /// Open model: slots of the VUs free for an iteration (the last freed is reused first, so
  /// warm keep-alive connections are preferred).
  @exclusivity(unchecked) private var idleVUs: [Int] = []
  /// The payload of `startTimer` (checked before the deadline flag, which it also carries;
  /// distinct from `graceTimerPayload` and `paceTimerPayload`).
  private static let startTimerPayload = UInt64.max - 2
  /// Set in the payload of a VU's response-deadline timer (the VU index is in the low bits).
  private static let deadlineTimerFlag: UInt64 = 1 << 62

  /// - Throws: `SyscallError` when the event loop cannot be created.
  init(plan: Plan, address: SocketAddress, settings: WorkerSettings, channel: WorkerChannel)
    throws(SyscallError)
  {
    self.address = address
    self.settings = settings
    self.channel = channel
    tickMicros = plan.load.tickMicros
    loop = try EventLoop()
    recorder = MetricsRecorder(endpointCount: plan.endpoints.count)
    rng = settings.seed.map { Xoshiro256StarStar(seed: $0) } ?? Xoshiro256StarStar()
    scenarioSequence = WeightedRoundRobin(table: plan.scenarioTable)
    taskTables = plan.scenarios.map(\.taskTable)
    let isPaced = plan.load.isOpenModel
    shapes = plan.scenarios.map {
      VirtualUser.Shape(
        setupCount: $0.setup.count, taskCount: $0.tasks.count, isFlow: $0.isFlow, teardownCount: $0.teardown.count,
        isPaced: isPaced)
    }
    pacer = isPaced ? ArrivalPacer(pattern: plan.load.pattern) : nil
    nextIteration = settings.index
    poolSize = isPaced ? Coordinator.split(plan.load.maxVUs, across: settings.workerCount)[settings.index] : 0
    variableCount = plan.variables.count
    feeders = plan.dataFeeders.map {
      FeederCursor($0, workerIndex: settings.index, workerCount: settings.workerCount)
    }
    vuFeeders = plan.dataFeeders.indices.filter { plan.dataFeeders[$0].per == .vu }
    iterationFeeders = plan.dataFeeders.indices.filter { plan.dataFeeders[$0].per == .iteration }

    checkItems = CheckItemCounters(itemsPerTask: plan.tasksInWorkerOrder.map { $0.checks.count + $0.captures.count })
    var setupBase: [Int] = []
    var taskBase: [Int] = []
    var teardownBase: [Int] = []
    var encoded: [[UInt8]] = []
    var templates: [TemplatedRequest?] = []
    var inspections: [TaskInspection?] = []
    var endpoint: [Int] = []
    var think: [ThinkTime] = []
    var expectation: [ResponseExpectation] = []
    var idempotent: [Bool] = []
    var timeout: [Int64] = []
    let host = plan.origin.hostHeader
    func add(_ task: TaskPlan) {
      let r = task.request
      if let template = r.template {
        encoded.append([])
        templates.append(TemplatedRequest(r, template: template, host: host))
      } else {
        encoded.append(
          RequestEncoder.encode(
            method: r.method, target: r.target, host: host,
            headers: r.headers.map { ($0.name, $0.value) },
            body: r.body))
        templates.append(nil)
      }
      inspections.append(TaskInspection(task, maxBodyBytes: plan.connection.maxBodyBytes))
      endpoint.append(task.endpoint)
      think.append(task.thinkTime)
      expectation.append(ResponseExpectation(method: r.method))
      idempotent.append(ConnectionStateMachine.isIdempotent(method: r.method))
      timeout.append(r.timeoutMicros)
    }
    for scenario in plan.scenarios {
      setupBase.append(encoded.count)
      scenario.setup.forEach(add)
      taskBase.append(encoded.count)
      scenario.tasks.forEach(add)
      teardownBase.append(encoded.count)
      scenario.teardown.forEach(add)
    }
    self.setupBase = setupBase
    self.taskBase = taskBase
    self.teardownBase = teardownBase
    var flat: [UInt8] = []
    encodedRange = encoded.map { bytes in
      defer { flat += bytes }
      return flat.count..<flat.count + bytes.count
    }
    encodedBytes = .allocate(byteCount: max(1, flat.count), alignment: 16)
    encodedBytes.copyBytes(from: flat)
    self.templates = templates
    isTemplated = templates.map { $0 != nil }
    self.inspections = inspections
    isInspected = inspections.map { $0 != nil }
    retainBytes = inspections.map { $0.flatMap { $0.inspector.needsResponse ? $0.inspector.maxBodyBytes : nil } }
    requestEndpoint = endpoint
    requestThink = think
    requestExpectation = expectation
    requestIdempotent = idempotent
    requestTimeout = timeout
    readBuffer = .allocate(byteCount: settings.readBufferBytes, alignment: 16)
    parserLimits = ResponseParser.Limits(maxHeadBytes: plan.connection.maxHeaderBytes)
    followRedirects = plan.connection.followRedirects
    origin = plan.origin
    connectionSettings = plan.connection
    usesCurl = plan.origin.scheme == "https"
    // An IP literal needs no resolving (and "::1:443:…" would not parse as an entry).
    let name = plan.origin.host
    let isLiteral = name.contains(":") || name.allSatisfy { $0 == "." || $0.isASCII && $0.isNumber }
    let ip = address.description.dropLast(":\(address.port)".count)
    curlResolve = isLiteral ? nil : "\(name):\(plan.origin.port):\(ip)"
    if usesCurl {
      curlRequests = plan.scenarios.flatMap { $0.setup + $0.tasks + $0.teardown }.map { task in
        task.request.template == nil ? CurlRequest(task.request, origin: plan.origin) : nil
      }
      do {
        // Idle keep-alive connections kept: every VU this worker may run (curl's default, 4 per
        // handle in the multi, would close those of VUs that think).
        curl = try CurlMulti(loop: loop, maxIdleConnections: max(64, poolSize, plan.load.peakPoolVUs))
        curlSetupError = nil
      } catch {
        curl = nil
        curlSetupError = error.description
      }
    } else {
      curlRequests = []
      curl = nil
      curlSetupError = nil
    }
    curl?.onCompletion = { [unowned self] transfer, completion in curlFinished(transfer, completion) }
  }

  deinit {
    readBuffer.deallocate()
    encodedBytes.deallocate()
  }

  /// Runs until stopped or aborted; returns the final report (metrics not yet reported).
  func run() -> WorkerReport {
    runStartMicros = loop.currentTime()
    channel.setWaker(loop.waker)
    applyCommands()
    var failure: String?
    while !finished {
      do {
        try loop.runOnce(self, maxWaitMicros: runQueue.isEmpty ? nil : 0)
      } catch {
        failure = "worker \(settings.index): \(error)"
        abort()
        break
      }
      drainRunQueue()
      if stopping && runningVUs == 0 { finished = true }
    }
    // Withdraw the waker before the loop (and its eventfd) goes away.
    channel.setWaker(nil)
    closeAllConnections()
    curl?.close()
    return WorkerReport(
      kind: .final, metrics: recorder.takeInterval(), activeVUs: busyVUs,
      inFlight: requestsInFlight(), failure: failure, checkItems: checkItems, errorReasons: errorReasons)
  }

  // MARK: - Commands

  func handleWakeup() {
    applyCommands()
  }

  private func applyCommands() {
    let commands = channel.receive()
    // An interval asked for together with a stop or an abort closes the load phase: answer it
    // first, so it holds what happened before the stop and the final report what came after.
    if commands.intervalRequested > lastInterval {
      lastInterval = commands.intervalRequested
      channel.post(
        WorkerReport(
          kind: .interval(lastInterval), metrics: recorder.takeInterval(), activeVUs: busyVUs,
          inFlight: requestsInFlight()))
    }
    if commands.aborted {
      abort()
      return
    }
    if let grace = commands.stopGraceMicros {
      if !stopping { beginStop(graceMicros: grace) }
      return
    }
    if let start = commands.paceStartMicros, paceStartMicros == nil, pacer != nil { beginPacing(at: start) }
    if let level = commands.startLevel { startLevel = level }
    if commands.targetVUs != appliedTarget { adjustVUs(to: commands.targetVUs) }
  }

  /// Requests sent and not finished (VUs in `.inFlight`): counted once per report rather than
  /// kept in a counter, so the per-request path does no extra work for it (O(VUs) per interval).
  private func requestsInFlight() -> Int {
    var count = 0
    for i in vus.indices where vus[i].phase == .inFlight { count += 1 }
    return count
  }

  /// Moves toward `target` VUs. Growing, VUs still finishing their last request are taken back
  /// at once (they are running already); the `k` that must start begin one every tick/k µs,
  /// the first now, so the last one starts (k−1)/k of a tick in and the count reaches the
  /// target before the tick ends without a burst of k connects. The pattern's level at
  /// elapsed 0 (`startLevel`, sent with the first target) starts at once, as k6's start VUs:
  /// it is where the pattern begins, not a rise. Shrinking is immediate and
  /// graceful: the VUs above the target stop after their current request. A new target
  /// replaces the starts still pending for the previous one.
  private func adjustVUs(to target: Int) {
    appliedTarget = target
    cancelPendingStarts()
    var counting = 0
    for i in vus.indices where vus[i].countsTowardTarget { counting += 1 }
    // Grow from the lowest slot, keeping the counting VUs in the lowest slots (see the type's doc).
    var slot = 0
    while counting < target {
      if slot == vus.count { addSlot() }
      if !vus[slot].countsTowardTarget {
        guard vus[slot].isRunning else { break }
        vus[slot].cancelStop()
        counting += 1
      }
      slot += 1
    }
    if counting < target {
      let now = loop.currentTime()
      // Within half a tick of the start: the pattern's level at 0 s starts at once (the whole
      // target when no start level was given); the rest is a rise, spread over the tick.
      if now - runStartMicros < tickMicros / 2 {
        let atOnce = min(target, startLevel ?? target) - counting
        if atOnce > 0 {
          pendingStarts = atOnce
          startSpacingMicros = 0
          nextStartDue = now
          startDueVUs()
          counting += atOnce
        }
      }
      if counting < target {
        pendingStarts = target - counting
        startSpacingMicros = tickMicros / Int64(target - counting)
        nextStartDue = now
        startDueVUs()
      }
    }
    // Shrink from the highest slot; one mid-request finishes it first (VirtualUser).
    slot = vus.count - 1
    while counting > target && slot >= 0 {
      if vus[slot].countsTowardTarget {
        stopVU(slot)
        counting -= 1
      }
      slot -= 1
    }
  }

  /// A new, never-used slot at the end, with its scenario fixed (see the type's doc).
  private func addSlot() {
    let slot = vus.count
    vus.append(VirtualUser())
    values.append(VariableValues(count: variableCount))
    rendered.append([])
    redirectHops.append(0)
    redirectRequest.append([])
    redirectBytes.append(0)
    if usesCurl { addCurlSlot() }
    slotScenarios.append(scenario(ofVUNumber: slot * settings.workerCount + settings.index))
  }

  /// Starts the pending VUs that are due (more than one when the loop ran late), each in the
  /// lowest slot not counting toward the target, and arms `startTimer` for the next.
  private func startDueVUs() {
    startTimer = nil
    let now = loop.currentTime()
    while pendingStarts > 0 && nextStartDue <= now {
      var slot = 0
      while slot < vus.count && vus[slot].countsTowardTarget { slot += 1 }
      if slot == vus.count { addSlot() }
      if vus[slot].isRunning {
        vus[slot].cancelStop()
      } else {
        startVU(slot)
      }
      pendingStarts -= 1
      nextStartDue += startSpacingMicros
    }
    if pendingStarts > 0 {
      startTimer = loop.scheduleTimer(at: nextStartDue, payload: Self.startTimerPayload)
    }
  }

  /// Drops the starts still pending (a new target, a stop or an abort).
  private func cancelPendingStarts() {
    pendingStarts = 0
    if let timer = startTimer {
      loop.cancelTimer(timer)
      startTimer = nil
    }
  }

  /// The scenario of the run's VU number `n` (0-based): position `n` of the plan's smooth
  /// weighted round-robin. Called with increasing `n` only (slots are added in order).
  private func scenario(ofVUNumber n: Int) -> Int {
    while scenarioPicks <= n {
      lastScenarioPick = scenarioSequence.next()
      scenarioPicks += 1
    }
    return lastScenarioPick
  }

  private func startVU(_ i: Int) {
    _ = vus[i].start(scenario: slotScenarios[i], shape: shapes[slotScenarios[i]])
    beginVU(i)
    runningVUs += 1
    runQueue.append(i)
  }

  /// A new VU in slot `i`: empty variables, then a row of each `per = vu` feeder.
  private func beginVU(_ i: Int) {
    guard variableCount > 0 else { return }
    values[i].reset()
    for f in vuFeeders { feeders[f].feed(&values[i], vuNumber: vuNumber(ofSlot: i), using: &rng) }
  }

  /// The run's VU number of slot `i` (see the type's doc).
  private func vuNumber(ofSlot i: Int) -> Int {
    i * settings.workerCount + settings.index
  }

  private func stopVU(_ i: Int) {
    switch vus[i].requestStop() {
    case .stop:
      cancelTimer(of: i)
      release(i)
    case .sendNext:
      // Its teardown starts now; a think time in progress is cut short.
      cancelTimer(of: i)
      runQueue.append(i)
    case .none, .think, .restart, .iterationDone:
      break
    }
  }

  /// The VU has stopped: its kept connection and deadline timer go with it.
  private func release(_ i: Int) {
    if let timer = vus[i].deadlineTimer {
      loop.cancelTimer(timer)
      vus[i].deadlineTimer = nil
    }
    vus[i].responseDeadline = 0
    if let conn = connection(of: i) { closeConnection(conn) }
    vus[i].connectionFD = -1
    if usesCurl { cancelTransfer(of: i) }
    runningVUs -= 1
  }

  private func beginStop(graceMicros: Int64) {
    stopping = true
    cancelPendingStarts()
    for i in vus.indices { stopVU(i) }
    _ = loop.scheduleTimer(
      at: loop.currentTime() + max(0, graceMicros), payload: Self.graceTimerPayload)
  }

  /// The grace period is over: what is still in flight was cut off by us, not timed out; a
  /// teardown still going ends where it is.
  private func graceExpired() {
    for i in vus.indices where vus[i].isRunning {
      if vus[i].phase == .inFlight {
        abortRequest(of: i)
      } else {
        terminate(i)
      }
    }
    finished = true
  }

  /// Immediate stop (second stop request, or the loop failed): every request in flight is
  /// recorded as aborted before the final report goes out, so the summary still counts what
  /// the server saw.
  private func abort() {
    stopping = true
    cancelPendingStarts()
    for i in vus.indices where vus[i].isRunning {
      if vus[i].phase == .inFlight {
        abortRequest(of: i)
      } else {
        terminate(i)
      }
    }
    finished = true
  }

  /// Records VU `i`'s request in flight as `.aborted` (no latency sample) and ends the VU.
  private func abortRequest(of i: Int) {
    let request = vus[i].request
    recorder.record(
      endpoint: requestEndpoint[request], outcome: .aborted, latencyMicros: 0,
      bytesReceived: usesCurl ? transfers[i]?.bytesReceived ?? 0 : connection(of: i)?.machine.bytesReceived ?? 0)
    errorReasons.record(.aborted, reason: "in flight when the run ended")
    terminate(i)
  }

  /// Ends VU `i` at once, closing its connection.
  private func terminate(_ i: Int) {
    cancelTimer(of: i)
    release(i)
    vus[i].forceStop()
  }

  // MARK: - Open model

  /// VUs counting as active in reports: running ones, less the open model's idle pool
  /// (counted once per report, O(VUs), as `requestsInFlight`).
  private var busyVUs: Int {
    guard pacer != nil else { return runningVUs }
    var count = 0
    for i in vus.indices where vus[i].isRunning && vus[i].phase != .idle { count += 1 }
    return count
  }

  /// Open model: pre-allocates this worker's VU pool (idle; setup waits for a VU's first
  /// iteration) and arms the pacing from `start` (µs, monotonic: the run's start).
  private func beginPacing(at start: Int64) {
    paceStartMicros = start
    guard !stopping else { return }
    for _ in 0..<poolSize {
      let slot = vus.count
      vus.append(VirtualUser())
      values.append(VariableValues(count: variableCount))
      rendered.append([])
      redirectHops.append(0)
      redirectRequest.append([])
      redirectBytes.append(0)
      if usesCurl { addCurlSlot() }
      slotScenarios.append(scenario(ofVUNumber: slot * settings.workerCount + settings.index))
      vus[slot].startIdle(scenario: slotScenarios[slot], shape: shapes[slotScenarios[slot]])
      beginVU(slot)
      runningVUs += 1
      idleVUs.append(slot)
    }
    // Lowest slot first when every VU is free.
    idleVUs.reverse()
    paceTimerFired()
  }

  /// Starts every iteration of this worker that is due by now, each at its own scheduled time
  /// (a late timer or a busy loop never shifts the schedule), then arms the timer for the next.
  private func paceTimerFired() {
    guard !stopping, let pacer, let start = paceStartMicros else { return }
    let now = loop.currentTime()
    while let due = pacer.startMicros(ofIteration: nextIteration) {
      let at = start + due
      if at > now {
        _ = loop.scheduleTimer(at: at, payload: Self.paceTimerPayload)
        return
      }
      startIteration(scheduledAt: at)
      nextIteration += settings.workerCount
    }
  }

  /// Hands an iteration due at `scheduled` (µs) to a free VU, or counts it as dropped when
  /// every VU is busy: never queued, never delayed (k6's `dropped_iterations`).
  private func startIteration(scheduledAt scheduled: Int64) {
    guard let i = idleVUs.popLast() else {
      recorder.recordDroppedIteration()
      return
    }
    recorder.recordIterationStarted()
    _ = vus[i].beginIteration(scheduledAt: scheduled)
    runQueue.append(i)
  }

  /// Open model: the service time (write start to last byte) of VU `i`'s complete response.
  private func recordService(vu i: Int, request: Int, now: Int64) {
    recorder.recordService(
      endpoint: requestEndpoint[request], micros: UInt64(max(0, now - vus[i].writeStartMicros)))
  }

  // MARK: - Virtual users

  private func drainRunQueue() {
    guard !runQueue.isEmpty else { return }
    swap(&runQueue, &draining)
    for i in draining { sendNext(vu: i) }
    draining.removeAll(keepingCapacity: true)
  }

  private func sendNext(vu i: Int) {
    guard vus[i].phase == .ready else { return }
    if followRedirects > 0 {
      redirectHops[i] = 0
      redirectBytes[i] = 0
    }
    let scenario = vus[i].scenario
    let request: Int
    switch vus[i].nextStep {
    case .pickTask:
      if !iterationFeeders.isEmpty { feedIteration(vu: i) }
      request = taskBase[scenario] + taskTables[scenario].pick(using: &rng)
    case .task(let k):
      if k == 0 && !iterationFeeders.isEmpty { feedIteration(vu: i) }
      request = taskBase[scenario] + k
    case .setup(let k):
      request = setupBase[scenario] + k
    case .teardown(let k):
      request = teardownBase[scenario] + k
    }
    if isTemplated[request] { render(request, vu: i) }
    // The loop's last clock reading: see the type's doc on clock reads.
    vus[i].sending(request: request, at: loop.now)
    dispatch(vu: i, request: request, fresh: false)
  }

  /// Encodes templated `request` with VU `i`'s variables into `rendered[i]`. Kept out of line,
  /// as is `inspect`, so that plain plans do not pay for its code in `sendNext`.
  @inline(never)
  private func render(_ request: Int, vu i: Int) {
    guard let template = templates[request] else { return }
    if usesCurl {
      renderedCurl[i] = template.curlRequest(values: values[i], origin: origin, scratch: &scratch)
    } else {
      rendered[i] = template.encode(values: values[i], scratch: &scratch)
    }
  }

  /// An iteration of VU `i` starts: a row of each `per = iteration` feeder.
  private func feedIteration(vu i: Int) {
    for f in iterationFeeders { feeders[f].feed(&values[i], vuNumber: vuNumber(ofSlot: i), using: &rng) }
  }

  /// Sends request `request` of VU `i` on the VU's kept connection when it is idle, else on a
  /// new one (always new when `fresh`, the stale keep-alive retry).
  ///
  /// A kept connection past its `reuseDeadline` (the server's `Keep-Alive: timeout` minus a
  /// margin) is closed first, as a normal close: the server is about to close it, and a request
  /// crossing that close would be lost (a POST is never retried). One comparison with the
  /// loop's last clock reading (at most one batch of event handling old, well inside the
  /// margin), no timer.
  private func dispatch(vu i: Int, request: Int, fresh: Bool) {
    if usesCurl {
      dispatchCurl(vu: i, request: request)
      return
    }
    var reusable: HTTPConnection?
    if let kept = connection(of: i) {
      if !fresh && kept.machine.state == .idle && loop.now < kept.reuseDeadline {
        reusable = kept
      } else {
        closeConnection(kept)
      }
    }
    let conn: HTTPConnection
    if let reusable {
      conn = reusable
    } else {
      do {
        conn = try HTTPConnection.open(to: address, selector: loop.selector, limits: parserLimits)
      } catch {
        // Refused at once, EMFILE, EADDRNOTAVAIL, …: the request fails without a connection.
        recorder.record(
          endpoint: requestEndpoint[request], outcome: error.outcome,
          latencyMicros: UInt64(max(0, loop.currentTime() - vus[i].issuedMicros)), bytesReceived: 0)
        errorReasons.record(error.outcome, reason: error.failureReason)
        finishRequest(vu: i, request: request)
        return
      }
      store(conn)
      conn.owner = i
      vus[i].connectionFD = conn.fd
      if conn.machine.state == .idle { recorder.recordConnectionOpened() }
    }
    conn.requestIndex = request
    conn.written = 0
    // Following redirects needs each response's head, for its Location.
    let retain = isInspected[request] ? retainBytes[request] : nil
    let action = conn.machine.startRequest(
      expecting: requestExpectation[request], idempotent: requestIdempotent[request],
      retainingBodyBytes: followRedirects > 0 ? retain ?? 0 : retain)
    if conn.machine.state == .connecting {
      vus[i].timer = loop.scheduleTimer(
        at: loop.currentTime() + settings.connectTimeoutMicros, payload: UInt64(i))
    }
    perform(action, on: conn)
  }

  /// Moves VU `i` on once its request has been recorded: think, send the next one, or stop.
  private func finishRequest(vu i: Int, request: Int) {
    let think = requestThink[request].sample(using: &rng)
    switch vus[i].requestFinished(thinkMicros: think) {
    case .sendNext:
      runQueue.append(i)
    case .think(let micros):
      vus[i].timer = loop.scheduleTimer(at: loop.currentTime() + micros, payload: UInt64(i))
    case .stop:
      release(i)
    case .restart:
      beginVU(i)
      runQueue.append(i)
    case .iterationDone:
      idleVUs.append(i)
    case .none:
      break
    }
  }

  private func cancelTimer(of i: Int) {
    if let timer = vus[i].timer {
      loop.cancelTimer(timer)
      vus[i].timer = nil
    }
  }

  /// Starts the response timeout of VU `i`'s request: due at `deadline` (µs).
  private func armResponseDeadline(of i: Int, at deadline: Int64) {
    vus[i].responseDeadline = deadline
    if let timer = vus[i].deadlineTimer {
      // Due first: it will find the deadline and re-arm for it.
      if vus[i].deadlineTimerDue <= deadline { return }
      loop.cancelTimer(timer)
    }
    vus[i].deadlineTimer = loop.scheduleTimer(
      at: deadline, payload: UInt64(i) | Self.deadlineTimerFlag)
    vus[i].deadlineTimerDue = deadline
  }

  /// VU `i`'s deadline timer fired: time the request out if its deadline has passed, re-arm for
  /// a later deadline, or lapse when no request is timed.
  private func deadlineTimerFired(vu i: Int, id: TimerID) {
    guard i < vus.count, vus[i].deadlineTimer == id else { return }
    vus[i].deadlineTimer = nil
    let deadline = vus[i].responseDeadline
    guard deadline != 0, vus[i].phase == .inFlight else { return }
    if loop.now < deadline {
      armResponseDeadline(of: i, at: deadline)
      return
    }
    vus[i].responseDeadline = 0
    if let conn = connection(of: i) {
      perform(conn.machine.timedOut(limitMicros: requestTimeout[vus[i].request]), on: conn)
    }
  }

  private func connection(of i: Int) -> HTTPConnection? {
    let fd = Int(vus[i].connectionFD)
    guard fd >= 0, fd < connections.count, let conn = connections[fd], conn.owner == i else {
      return nil
    }
    return conn
  }

  // MARK: - Events

  func handleTimer(_ id: TimerID, payload: UInt64) {
    if payload == Self.graceTimerPayload {
      graceExpired()
      return
    }
    if payload == Self.paceTimerPayload {
      paceTimerFired()
      return
    }
    if payload == Self.startTimerPayload {
      if startTimer == id { startDueVUs() }
      return
    }
    if payload & Self.deadlineTimerFlag != 0 {
      // curl's payload (`UInt64.max - 3`) has the flag bit set too: tested here, off the think path.
      if payload == CurlMulti.timerPayload {
        curl?.handleTimer(id)
        return
      }
      deadlineTimerFired(vu: Int(payload & ~Self.deadlineTimerFlag), id: id)
      return
    }
    let i = Int(payload)
    guard i < vus.count, vus[i].timer == id else { return }
    vus[i].timer = nil
    switch vus[i].phase {
    case .thinking:
      if vus[i].thinkElapsed() == .sendNext { sendNext(vu: i) }
    case .inFlight:
      // The connect timeout (response timeouts have their own timer).
      if let conn = connection(of: i) {
        perform(conn.machine.timedOut(limitMicros: settings.connectTimeoutMicros), on: conn)
      }
    case .ready, .stopped, .idle:
      break
    }
  }

  func handleIO(_ event: SelectorEvent) {
    let fd = Int(event.key.fd)
    // A registration id that does not match belongs to an fd closed earlier in this batch.
    guard fd < connections.count, let conn = connections[fd], conn.key == event.key else {
      // Not one of ours: one of curl's sockets (https://), or a stale event curl drops too.
      curl?.handleIO(event)
      return
    }
    switch conn.machine.state {
    case .connecting:
      let socketError: Int32
      do {
        socketError = try Syscall.socketError(conn.fd)
      } catch {
        socketError = error.errno
      }
      if socketError == 0 { recorder.recordConnectionOpened() }
      perform(conn.machine.connectFinished(socketError: socketError), on: conn)
    case .writing:
      writeRequest(conn)
    case .awaitingResponse, .idle:
      readResponse(conn)
    case .closed:
      break
    }
  }

  private func writeRequest(_ conn: HTTPConnection) {
    let i = conn.owner
    if vus[i].writeStartMicros == 0 {
      // Latency and the response timeout start at the first write (closed model).
      let now = loop.currentTime()
      vus[i].writeStartMicros = now
      cancelTimer(of: i)  // the connect timeout, on a new connection
      let timeout = requestTimeout[conn.requestIndex]
      if timeout > 0 { armResponseDeadline(of: i, at: now + timeout) }
    }
    var complete = false
    var failure: SyscallError?
    if followRedirects > 0 && redirectHops[i] > 0 {
      redirectRequest[i].withUnsafeBytes { (complete, failure) = Self.send($0, on: conn) }
    } else if isTemplated[conn.requestIndex] {
      rendered[i].withUnsafeBytes { (complete, failure) = Self.send($0, on: conn) }
    } else {
      (complete, failure) = Self.send(
        UnsafeRawBufferPointer(rebasing: encodedBytes[encodedRange[conn.requestIndex]]), on: conn)
    }
    if let failure {
      perform(conn.machine.writeFailed(failure), on: conn)
    } else {
      perform(conn.machine.wrote(finished: complete), on: conn)
    }
  }

  /// Writes what is left of `bytes` (from `conn.written`) until done or the socket is full.
  /// - Returns: whether every byte is written, and the error that stopped the writing.
  @inline(__always)
  private static func send(_ bytes: UnsafeRawBufferPointer, on conn: HTTPConnection) -> (Bool, SyscallError?) {
    while conn.written < bytes.count {
      do throws(SyscallError) {
        switch try Syscall.send(conn.fd, UnsafeRawBufferPointer(rebasing: bytes[conn.written...])) {
        case .processed(let n): conn.written += n
        case .wouldBlock: return (false, nil)
        }
      } catch {
        return (false, error)
      }
    }
    return (true, nil)
  }

  private func readResponse(_ conn: HTTPConnection) {
    let action: ConnectionStateMachine.Action
    do {
      switch try Syscall.read(conn.fd, into: readBuffer) {
      case .wouldBlock: return
      case .processed(0): action = conn.machine.receivedEOF()
      case .processed(let n):
        action = conn.machine.received(UnsafeRawBufferPointer(rebasing: readBuffer[..<n]))
      }
    } catch {
      action = conn.machine.readFailed(error)
    }
    perform(action, on: conn)
  }

  // MARK: - Connection actions

  /// Inlined into each caller: there the action's case is known, so the copy and destroy of
  /// the `Action` (an enum with a `String` payload) disappear (~300 instructions per request).
  @inline(__always)
  private func perform(_ action: ConnectionStateMachine.Action, on conn: HTTPConnection) {
    switch action {
    case .none:
      break
    case .write:
      writeRequest(conn)
    case .waitForWritable:
      setInterest(EpollSelector.writable, on: conn)
    case .waitForResponse:
      setInterest(EpollSelector.readable, on: conn)
    case .complete(let summary, let reuse):
      completed(conn, summary: summary, reuse: reuse)
    case .fail(let outcome, let reason):
      failed(conn, outcome: outcome, reason: reason)
    case .retryOnFreshConnection:
      recorder.recordRetry()
      let i = conn.owner
      let request = conn.requestIndex
      closeConnection(conn)
      cancelTimer(of: i)
      vus[i].responseDeadline = 0
      vus[i].writeStartMicros = 0
      dispatch(vu: i, request: request, fresh: true)
    case .drop:
      closeConnection(conn)
    }
  }

  private func setInterest(_ interest: UInt32, on conn: HTTPConnection) {
    do {
      try conn.setInterest(interest, selector: loop.selector)
    } catch {
      if conn.owner >= 0 && vus[conn.owner].phase == .inFlight {
        failed(conn, outcome: error.outcome, reason: error.failureReason)
      } else {
        closeConnection(conn)
      }
    }
  }

  private func completed(_ conn: HTTPConnection, summary: ResponseSummary, reuse: Bool) {
    let i = conn.owner
    let request = conn.requestIndex
    let now = loop.currentTime()
    var retained: RetainedResponse?
    if followRedirects > 0 {
      retained = conn.machine.takeRetainedResponse()
      if Redirect.isFollowable(status: summary.status) && redirectHops[i] < followRedirects
        && follow(conn, vu: i, request: request, summary: summary, retained: retained, reuse: reuse, now: now)
      {
        return
      }
    }
    // Open model: the first request of an iteration counts from when it was due.
    let due = vus[i].dueMicros
    let latency = now - (due != 0 ? due : vus[i].writeStartMicros)
    if pacer != nil { recordService(vu: i, request: request, now: now) }
    vus[i].responseDeadline = 0
    cancelTimer(of: i)
    let bytes = summary.headBytes + summary.bodyBytes + (followRedirects > 0 ? redirectBytes[i] : 0)
    if isInspected[request] {
      inspect(
        conn, vu: i, request: request, summary: summary, latencyMicros: UInt64(max(0, latency)), bytes: bytes,
        retained: retained)
    } else {
      recorder.record(
        endpoint: requestEndpoint[request], status: summary.status,
        latencyMicros: UInt64(max(0, latency)), bytesReceived: bytes)
    }
    keepOrClose(conn, summary: summary, reuse: reuse, now: now)
    finishRequest(vu: i, request: request)
  }

  /// After a complete response: a reusable connection stays with its VU, idle and registered for
  /// EPOLLIN|EPOLLRDHUP while it thinks: a server closing it then is dropped silently (HTTP-CASES
  /// H3). A VU that stops now closes it in `release`, and one past the server's `Keep-Alive:
  /// timeout` is retired before its next request (`dispatch`).
  @inline(__always)
  private func keepOrClose(_ conn: HTTPConnection, summary: ResponseSummary, reuse: Bool, now: Int64) {
    if !reuse {
      closeConnection(conn)
    } else if let seconds = summary.keepAliveTimeoutSeconds {
      conn.reuseDeadline = ConnectionStateMachine.keepAliveReuseDeadline(lastByteMicros: now, timeoutSeconds: seconds)
    } else {
      conn.reuseDeadline = .max
    }
  }

  /// `follow_redirects`: sends VU `i`'s request again to where the 3xx `summary` points, when its
  /// `Location` is on the plan's origin (`Redirect`), as the next hop of the same request: not
  /// recorded now (the final response is, with its status, HTTP-CASES C12), its latency counted
  /// from the first hop's start, its bytes added to the final response's, no think time between.
  /// - Returns: false when there is nowhere to go (no or foreign `Location`): the 3xx is final.
  @inline(never)
  private func follow(
    _ conn: HTTPConnection, vu i: Int, request: Int, summary: ResponseSummary, retained: RetainedResponse?,
    reuse: Bool, now: Int64
  ) -> Bool {
    guard let location = retained?.headerValue("Location") else { return false }
    let sent: [UInt8]
    if redirectHops[i] > 0 {
      sent = redirectRequest[i]
    } else if isTemplated[request] {
      sent = rendered[i]
    } else {
      sent = Array(encodedBytes[encodedRange[request]])
    }
    let line = sent.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }.split(separator: UInt8(ascii: " "))
    guard line.count >= 2 else { return false }
    let method = String(decoding: line[0], as: UTF8.self)
    let target = String(decoding: line[1], as: UTF8.self)
    guard let next = Redirect.target(location: location, currentTarget: target, origin: origin) else { return false }
    let nextMethod = Redirect.method(after: summary.status, original: method)
    redirectRequest[i] = sent.withUnsafeBytes {
      Redirect.rewrite($0, method: nextMethod, target: next, dropBody: nextMethod == "GET" && method != "GET")
    }
    redirectHops[i] += 1
    redirectBytes[i] += summary.headBytes + summary.bodyBytes
    // The chain is one request: its latency runs from the first hop's start (or when it was due).
    if vus[i].dueMicros == 0 { vus[i].dueMicros = vus[i].writeStartMicros }
    vus[i].writeStartMicros = 0
    vus[i].responseDeadline = 0
    cancelTimer(of: i)
    keepOrClose(conn, summary: summary, reuse: reuse, now: now)
    dispatch(vu: i, request: request, fresh: false)
    return true
  }

  /// Runs the checks and captures of `request` on its complete response, stores what was
  /// captured in VU `i`'s variables and records the response in its class
  /// (`TaskInspection.outcome`) with its check counts, and each check in `checkItems`.
  ///
  /// Out of line: inlined into `completed`, its setup (type metadata, stack, saved registers)
  /// ran on every response, plain ones included.
  @inline(never)
  private func inspect(
    _ conn: HTTPConnection, vu i: Int, request: Int, summary: ResponseSummary, latencyMicros: UInt64, bytes: Int,
    retained: RetainedResponse?
  ) {
    // With follow_redirects every response was retained, and `completed` took it already.
    let response =
      followRedirects > 0 ? retained : retainBytes[request] != nil ? conn.machine.takeRetainedResponse() : nil
    inspect(
      response, status: summary.status, vu: i, request: request, latencyMicros: latencyMicros, bytesReceived: bytes)
  }

  /// `inspect(_:vu:request:summary:latencyMicros:)` on a response however it was received (the
  /// parser's, or curl's for https://).
  private func inspect(
    _ response: RetainedResponse?, status: Int, vu i: Int, request: Int, latencyMicros: UInt64, bytesReceived: Int
  ) {
    guard let inspection = inspections[request] else { return }
    let result = inspection.inspector.inspect(status: status, response: response) { item, failure in
      checkItems.record(task: request, item: item, failure: failure)
    }
    for capture in result.captured { values[i][capture.variable] = capture.value }
    let outcome = TaskInspection.outcome(
      status: status, statusAccepted: inspection.statusAccepted(status), checksFailed: result.checksFailed)
    recorder.record(
      endpoint: requestEndpoint[request], status: status, outcome: outcome,
      checksPassed: result.checksPassed, checksFailed: result.checksFailed, latencyMicros: latencyMicros,
      bytesReceived: bytesReceived)
  }

  private func failed(_ conn: HTTPConnection, outcome: RequestOutcome, reason: String) {
    errorReasons.record(outcome, reason: reason)
    let i = conn.owner
    let request = conn.requestIndex
    let start = vus[i].writeStartMicros != 0 ? vus[i].writeStartMicros : vus[i].issuedMicros
    vus[i].responseDeadline = 0
    cancelTimer(of: i)
    recorder.record(
      endpoint: requestEndpoint[request], outcome: outcome,
      latencyMicros: UInt64(max(0, loop.currentTime() - start)),
      bytesReceived: conn.machine.bytesReceived + (followRedirects > 0 ? redirectBytes[i] : 0))
    closeConnection(conn)
    finishRequest(vu: i, request: request)
  }

  // MARK: - https:// (libcurl)

  private func addCurlSlot() {
    transfers.append(nil)
    renderedCurl.append(nil)
  }

  /// Sends `request` of VU `i` through curl, on the VU's transfer (made at its first request,
  /// then reused: curl keeps its connection alive). Curl runs the connect and request timeouts
  /// (CURLOPT_CONNECTTIMEOUT_MS, CURLOPT_TIMEOUT_MS); `curlFinished` records the outcome.
  @inline(never)
  private func dispatchCurl(vu i: Int, request: Int) {
    guard let curl else {
      curlFailed(vu: i, request: request, outcome: .clientLimit, reason: curlSetupError ?? "libcurl", bytes: 0)
      return
    }
    // A redirect's next hop (`followCurl`) or a templated request was rendered for this VU.
    let prepared = isTemplated[request] || redirectHops[i] > 0 ? renderedCurl[i] : curlRequests[request]
    renderedCurl[i] = nil  // the transfer keeps it while it runs
    guard let prepared else { return }
    do {
      let transfer: CurlTransfer
      if let kept = transfers[i] {
        transfer = kept
      } else {
        transfer = try CurlTransfer(connection: connectionSettings, resolve: curlResolve)
        transfer.owner = i
        transfers[i] = transfer
      }
      transfer.requestIndex = request
      try transfer.prepare(
        prepared, timeoutMicros: requestTimeout[request],
        retainingBodyBytes: isInspected[request] ? retainBytes[request] : nil)
      // The transfer's start; `curlFinished` moves it on to when the request was sent.
      vus[i].writeStartMicros = loop.currentTime()
      try curl.start(transfer)
    } catch {
      curlFailed(vu: i, request: request, outcome: .clientLimit, reason: error.description, bytes: 0)
    }
  }

  /// A transfer finished: record it as `completed` and `failed` do for a connection, then move
  /// its VU on. Latency starts when the request was sent (after connect and TLS handshake, as
  /// the plain path's first write), or when it was due in the open model.
  private func curlFinished(_ transfer: CurlTransfer, _ completion: CurlCompletion) {
    let i = transfer.owner
    let request = transfer.requestIndex
    guard i >= 0, i < vus.count, vus[i].phase == .inFlight else { return }
    for _ in 0..<completion.connectionsOpened { recorder.recordConnectionOpened() }
    if let failure = completion.failure {
      curlFailed(
        vu: i, request: request, outcome: failure.outcome, reason: failure.reason, bytes: completion.bytesReceived)
      return
    }
    let now = loop.currentTime()
    vus[i].writeStartMicros += completion.pretransferMicros
    if followRedirects > 0 && Redirect.isFollowable(status: completion.status) && redirectHops[i] < followRedirects
      && followCurl(transfer, vu: i, request: request, completion: completion)
    {
      return
    }
    let due = vus[i].dueMicros
    let latency = UInt64(max(0, now - (due != 0 ? due : vus[i].writeStartMicros)))
    if pacer != nil { recordService(vu: i, request: request, now: now) }
    if isInspected[request] {
      inspect(
        transfer.retainedResponse(status: completion.status), status: completion.status, vu: i, request: request,
        latencyMicros: latency, bytesReceived: completion.bytesReceived + (followRedirects > 0 ? redirectBytes[i] : 0))
    } else {
      recorder.record(
        endpoint: requestEndpoint[request], status: completion.status, latencyMicros: latency,
        bytesReceived: completion.bytesReceived + (followRedirects > 0 ? redirectBytes[i] : 0))
    }
    finishRequest(vu: i, request: request)
  }

  /// `follow` for https://: the next hop of VU `i`'s request when curl's redirect URL is on the
  /// origin. - Returns: false when the 3xx is final.
  @inline(never)
  private func followCurl(_ transfer: CurlTransfer, vu i: Int, request: Int, completion: CurlCompletion) -> Bool {
    guard let url = transfer.redirectURL, let current = transfer.request,
      let next = Redirect.target(location: url, currentTarget: "/", origin: origin)
    else { return false }
    let method = Redirect.method(after: completion.status, original: current.method)
    renderedCurl[i] = current.redirected(
      origin: origin, method: method, target: next, dropBody: method == "GET" && current.method != "GET")
    redirectHops[i] += 1
    redirectBytes[i] += completion.bytesReceived
    if vus[i].dueMicros == 0 { vus[i].dueMicros = vus[i].writeStartMicros }
    vus[i].writeStartMicros = 0
    dispatchCurl(vu: i, request: request)
    return true
  }

  /// Records VU `i`'s request as failed in `outcome` (counted, not timed) and moves the VU on.
  private func curlFailed(vu i: Int, request: Int, outcome: RequestOutcome, reason: String, bytes: Int) {
    errorReasons.record(outcome, reason: reason)
    let start = vus[i].writeStartMicros != 0 ? vus[i].writeStartMicros : vus[i].issuedMicros
    recorder.record(
      endpoint: requestEndpoint[request], outcome: outcome,
      latencyMicros: UInt64(max(0, loop.currentTime() - start)), bytesReceived: bytes)
    finishRequest(vu: i, request: request)
  }

  /// Stops VU `i`'s transfer if one is running (abort, grace period over, VU released).
  private func cancelTransfer(of i: Int) {
    guard i < transfers.count, let transfer = transfers[i] else { return }
    curl?.cancel(transfer)
  }

  // MARK: - Connection table

  private func store(_ conn: HTTPConnection) {
    let fd = Int(conn.fd)
    if fd >= connections.count {
      connections.append(
        contentsOf: repeatElement(nil, count: max(fd + 1 - connections.count, connections.count)))
    }
    connections[fd] = conn
  }

  /// Closes `conn` and detaches it from its VU (which opens a new one for its next request).
  private func closeConnection(_ conn: HTTPConnection) {
    let owner = conn.owner
    if owner >= 0 && owner < vus.count && vus[owner].connectionFD == conn.fd {
      vus[owner].connectionFD = -1
    }
    conn.owner = -1
    let fd = Int(conn.fd)
    if fd < connections.count, connections[fd] === conn { connections[fd] = nil }
    conn.close()
  }

  private func closeAllConnections() {
    for case let conn? in connections { conn.close() }
    connections.removeAll()
  }
}
