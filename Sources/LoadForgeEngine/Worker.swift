import CLinux
import Glibc
import LoadForgeHTTP
import LoadForgeMetrics
import LoadForgePlan

/// One event loop running a share of the virtual users, their connections and their metrics.
///
/// Created and run by one thread; talks to the coordinator only through its `WorkerChannel`
/// (commands in, reports out), so the hot path takes no lock. Request bytes are encoded once
/// per task at start, the read buffer is shared by every connection, connections are pooled
/// per worker: sending a request on a warm connection allocates nothing here.
final class Worker: EventLoopHandler {
  private let address: SocketAddress
  private let settings: WorkerSettings
  private let channel: WorkerChannel
  private let loop: EventLoop
  private let recorder: MetricsRecorder
  private var rng: Xoshiro256StarStar

  private let scenarioTable: WeightTable
  private let taskTables: [WeightTable]
  /// Flat request index = `requestBase[scenario] + task`.
  private let requestBase: [Int]
  private let encoded: [[UInt8]]
  private let requestEndpoint: [Int]
  private let requestThink: [ThinkTime]
  private let requestMethod: [String]
  private let requestIdempotent: [Bool]
  private let requestTimeout: [Int64]

  private var vus: [VirtualUser] = []
  private var freeSlots: [Int] = []
  private var runningVUs = 0
  /// VUs ready to send, served after the current batch of events (never recursively, so a
  /// request failing at once cannot loop without returning to epoll).
  private var runQueue: [Int] = []
  private var draining: [Int] = []

  /// Open connections by fd.
  private var connections: [HTTPConnection?] = []
  /// Idle keep-alive connections, most recently used last.
  private var pool: [HTTPConnection] = []
  private let readBuffer: UnsafeMutableRawBufferPointer

  private var lastInterval = -1
  private var appliedTarget = 0
  private var stopping = false
  private var finished = false
  private static let graceTimerPayload = UInt64.max

  /// - Throws: `SyscallError` when the event loop cannot be created.
  init(plan: Plan, address: SocketAddress, settings: WorkerSettings, channel: WorkerChannel)
    throws(SyscallError)
  {
    self.address = address
    self.settings = settings
    self.channel = channel
    loop = try EventLoop()
    recorder = MetricsRecorder(endpointCount: plan.endpoints.count)
    rng = settings.seed.map { Xoshiro256StarStar(seed: $0) } ?? Xoshiro256StarStar()
    scenarioTable = plan.scenarioTable
    taskTables = plan.scenarios.map(\.taskTable)

    var base: [Int] = []
    var encoded: [[UInt8]] = []
    var endpoint: [Int] = []
    var think: [ThinkTime] = []
    var method: [String] = []
    var idempotent: [Bool] = []
    var timeout: [Int64] = []
    let host = plan.origin.hostHeader
    for scenario in plan.scenarios {
      base.append(encoded.count)
      for task in scenario.tasks {
        let r = task.request
        encoded.append(
          RequestEncoder.encode(
            method: r.method, target: r.target, host: host,
            headers: r.headers.map { ($0.name, $0.value) },
            body: r.body))
        endpoint.append(task.endpoint)
        think.append(task.thinkTime)
        method.append(r.method)
        idempotent.append(ConnectionStateMachine.isIdempotent(method: r.method))
        timeout.append(r.timeoutMicros)
      }
    }
    requestBase = base
    self.encoded = encoded
    requestEndpoint = endpoint
    requestThink = think
    requestMethod = method
    requestIdempotent = idempotent
    requestTimeout = timeout
    readBuffer = .allocate(byteCount: settings.readBufferBytes, alignment: 16)
  }

  deinit {
    readBuffer.deallocate()
  }

  /// Runs until stopped or aborted; returns the final report (metrics not yet reported).
  func run() -> WorkerReport {
    channel.setWaker(loop.waker)
    applyCommands()
    var failure: String?
    while !finished {
      do {
        try loop.runOnce(self, maxWaitMicros: runQueue.isEmpty ? nil : 0)
      } catch {
        failure = "worker \(settings.index): \(error)"
        break
      }
      drainRunQueue()
      if stopping && runningVUs == 0 { finished = true }
    }
    // Withdraw the waker before the loop (and its eventfd) goes away.
    channel.setWaker(nil)
    closeAllConnections()
    return WorkerReport(
      kind: .final, metrics: recorder.takeInterval(), activeVUs: 0, failure: failure)
  }

  // MARK: - Commands

  func handleWakeup() {
    applyCommands()
  }

  private func applyCommands() {
    let commands = channel.receive()
    if commands.aborted {
      abort()
      return
    }
    if commands.intervalRequested > lastInterval {
      lastInterval = commands.intervalRequested
      channel.post(
        WorkerReport(
          kind: .interval(lastInterval), metrics: recorder.takeInterval(), activeVUs: runningVUs))
    }
    if let grace = commands.stopGraceMicros {
      if !stopping { beginStop(graceMicros: grace) }
      return
    }
    if commands.targetVUs != appliedTarget { adjustVUs(to: commands.targetVUs) }
  }

  private func adjustVUs(to target: Int) {
    appliedTarget = target
    var counting = 0
    for vu in vus where vu.countsTowardTarget { counting += 1 }
    if target > counting {
      for _ in 0..<(target - counting) { startVU() }
    } else if target < counting {
      var excess = counting - target
      // VUs between requests stop at once; only then ask ones mid-request to finish and stop.
      for i in vus.indices.reversed()
      where excess > 0 && vus[i].countsTowardTarget && vus[i].phase != .inFlight {
        stopVU(i)
        excess -= 1
      }
      for i in vus.indices.reversed() where excess > 0 && vus[i].countsTowardTarget {
        stopVU(i)
        excess -= 1
      }
    }
  }

  private func startVU() {
    let i: Int
    if let free = freeSlots.popLast() {
      i = free
    } else {
      vus.append(VirtualUser())
      i = vus.count - 1
    }
    let scenario = scenarioTable.pick(using: &rng)
    _ = vus[i].start(scenario: scenario)
    runningVUs += 1
    runQueue.append(i)
  }

  private func stopVU(_ i: Int) {
    if vus[i].requestStop() == .stop {
      cancelTimer(of: i)
      release(i)
    }
  }

  private func release(_ i: Int) {
    runningVUs -= 1
    freeSlots.append(i)
  }

  private func beginStop(graceMicros: Int64) {
    stopping = true
    for i in vus.indices { stopVU(i) }
    while let idle = pool.popLast() {
      idle.poolIndex = -1
      closeConnection(idle)
    }
    _ = loop.scheduleTimer(
      at: loop.currentTime() + max(0, graceMicros), payload: Self.graceTimerPayload)
  }

  /// The grace period is over: what is still in flight counts as a timeout.
  private func graceExpired() {
    for i in vus.indices where vus[i].phase == .inFlight {
      if let conn = connection(of: i) {
        failed(conn, outcome: .timeout)
      } else {
        cancelTimer(of: i)
        vus[i].forceStop()
        release(i)
      }
    }
    finished = true
  }

  private func abort() {
    for i in vus.indices where vus[i].isRunning {
      cancelTimer(of: i)
      vus[i].forceStop()
      release(i)
    }
    stopping = true
    finished = true
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
    let scenario = vus[i].scenario
    let task = taskTables[scenario].pick(using: &rng)
    vus[i].sending(task: task, at: loop.currentTime())
    dispatch(vu: i, request: requestBase[scenario] + task, fresh: false)
  }

  /// Puts request `request` of VU `i` on a pooled connection, or a new one when `fresh` or
  /// the pool is empty.
  private func dispatch(vu i: Int, request: Int, fresh: Bool) {
    let conn: HTTPConnection
    if !fresh, let pooled = pool.popLast() {
      pooled.poolIndex = -1
      conn = pooled
    } else {
      do {
        conn = try HTTPConnection.open(to: address, selector: loop.selector)
      } catch {
        // Refused at once, EMFILE, …: the request fails without a connection.
        recorder.record(
          endpoint: requestEndpoint[request], outcome: .connectionError,
          latencyMicros: UInt64(max(0, loop.currentTime() - vus[i].issuedMicros)), bytesReceived: 0)
        finishRequest(vu: i, request: request)
        return
      }
      store(conn)
      if conn.machine.state == .idle { recorder.recordConnectionOpened() }
    }
    conn.owner = i
    conn.requestIndex = request
    conn.written = 0
    vus[i].connectionFD = conn.fd
    let action = conn.machine.startRequest(
      method: requestMethod[request], idempotent: requestIdempotent[request])
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
    let i = Int(payload)
    guard i < vus.count, vus[i].timer == id else { return }
    vus[i].timer = nil
    switch vus[i].phase {
    case .thinking:
      if vus[i].thinkElapsed() == .sendNext { sendNext(vu: i) }
    case .inFlight:
      if let conn = connection(of: i) { perform(conn.machine.timedOut(), on: conn) }
    case .ready, .stopped:
      break
    }
  }

  func handleIO(_ event: SelectorEvent) {
    let fd = Int(event.key.fd)
    // A registration id that does not match belongs to an fd closed earlier in this batch.
    guard fd < connections.count, let conn = connections[fd], conn.key == event.key else { return }
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
      cancelTimer(of: i)
      let timeout = requestTimeout[conn.requestIndex]
      if timeout > 0 { vus[i].timer = loop.scheduleTimer(at: now + timeout, payload: UInt64(i)) }
    }
    var complete = false
    var failure: SyscallError?
    encoded[conn.requestIndex].withUnsafeBytes { bytes in
      while conn.written < bytes.count {
        do throws(SyscallError) {
          switch try Syscall.send(conn.fd, UnsafeRawBufferPointer(rebasing: bytes[conn.written...]))
          {
          case .processed(let n): conn.written += n
          case .wouldBlock: return
          }
        } catch {
          failure = error
          return
        }
      }
      complete = true
    }
    if let failure {
      perform(conn.machine.writeFailed(failure), on: conn)
    } else {
      perform(conn.machine.wrote(finished: complete), on: conn)
    }
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
    case .fail(let outcome, _):
      failed(conn, outcome: outcome)
    case .retryOnFreshConnection:
      let i = conn.owner
      let request = conn.requestIndex
      closeConnection(conn)
      cancelTimer(of: i)
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
      if conn.owner >= 0 { failed(conn, outcome: .connectionError) } else { closeConnection(conn) }
    }
  }

  private func completed(_ conn: HTTPConnection, summary: ResponseSummary, reuse: Bool) {
    let i = conn.owner
    let request = conn.requestIndex
    let latency = loop.currentTime() - vus[i].writeStartMicros
    cancelTimer(of: i)
    recorder.record(
      endpoint: requestEndpoint[request], status: summary.status,
      latencyMicros: UInt64(max(0, latency)),
      bytesReceived: summary.headBytes + summary.bodyBytes)
    conn.owner = -1
    if reuse && !stopping {
      conn.poolIndex = pool.count
      pool.append(conn)
    } else {
      closeConnection(conn)
    }
    finishRequest(vu: i, request: request)
  }

  private func failed(_ conn: HTTPConnection, outcome: RequestOutcome) {
    let i = conn.owner
    let request = conn.requestIndex
    let start = vus[i].writeStartMicros != 0 ? vus[i].writeStartMicros : vus[i].issuedMicros
    cancelTimer(of: i)
    recorder.record(
      endpoint: requestEndpoint[request], outcome: outcome,
      latencyMicros: UInt64(max(0, loop.currentTime() - start)),
      bytesReceived: conn.machine.bytesReceived)
    conn.owner = -1
    closeConnection(conn)
    finishRequest(vu: i, request: request)
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

  private func closeConnection(_ conn: HTTPConnection) {
    if conn.poolIndex >= 0 {
      let index = conn.poolIndex
      let last = pool.removeLast()
      if index < pool.count {
        pool[index] = last
        last.poolIndex = index
      }
      conn.poolIndex = -1
    }
    let fd = Int(conn.fd)
    if fd < connections.count, connections[fd] === conn { connections[fd] = nil }
    conn.close()
  }

  private func closeAllConnections() {
    for case let conn? in connections { conn.close() }
    connections.removeAll()
    pool.removeAll()
  }
}
