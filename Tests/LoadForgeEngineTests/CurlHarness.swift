import Foundation
import LoadForgeHTTP
import LoadForgePlan

@testable import LoadForgeEngine

/// An event loop with a `CurlMulti` plugged in, as a worker does it: curl's socket events and
/// its timer payload are routed to the driver; finished transfers are collected, and a VU-like
/// chain sends each transfer's next request from the completion callback.
final class CurlHarness: EventLoopHandler {
  struct Finished {
    var owner: Int
    var completion: CurlCompletion
    var retained: RetainedResponse?
  }

  let loop: EventLoop
  let multi: CurlMulti
  let connection: ConnectionSettings
  private(set) var finished: [Finished] = []
  /// Requests still to send, per owner (a transfer sends them one after another).
  private var queues: [Int: [(CurlRequest, Int64, Int?)]] = [:]
  private var transfers: [Int: CurlTransfer] = [:]

  private let resolve: String?

  /// - Parameter resolve: a CURLOPT_RESOLVE entry for every transfer.
  init(connection: ConnectionSettings, resolve: String? = nil) throws {
    self.connection = connection
    self.resolve = resolve
    loop = try EventLoop()
    multi = try CurlMulti(loop: loop, maxIdleConnections: 64)
    multi.onCompletion = { [unowned self] transfer, completion in
      let status = completion.failure == nil ? completion.status : 0
      finished.append(
        Finished(owner: transfer.owner, completion: completion, retained: transfer.retainedResponse(status: status)))
      sendNext(transfer.owner)
    }
  }

  /// The transfer of `owner`, made on first use.
  func transfer(_ owner: Int) throws -> CurlTransfer {
    if let existing = transfers[owner] { return existing }
    let made = try CurlTransfer(connection: connection, resolve: resolve)
    made.owner = owner
    transfers[owner] = made
    return made
  }

  /// Queues `requests` for `owner` and starts the first one.
  func send(
    _ requests: [CurlRequest], owner: Int = 0, timeoutMicros: Int64 = 2_000_000, retaining: Int? = nil
  ) throws {
    _ = try transfer(owner)
    queues[owner, default: []] += requests.map { ($0, timeoutMicros, retaining) }
    if transfers[owner]?.isActive == false { sendNext(owner) }
  }

  private func sendNext(_ owner: Int) {
    guard var queue = queues[owner], !queue.isEmpty, let transfer = transfers[owner] else { return }
    let (request, timeout, retaining) = queue.removeFirst()
    queues[owner] = queue
    do {
      try transfer.prepare(request, timeoutMicros: timeout, retainingBodyBytes: retaining)
      try multi.start(transfer)
    } catch {
      finished.append(
        Finished(
          owner: owner,
          completion: CurlCompletion(
            status: 0, failure: CurlFailure(outcome: .clientLimit, reason: "\(error)"), bytesReceived: 0,
            connectionsOpened: 0), retained: nil))
    }
  }

  /// Runs the loop until `count` transfers finished or `seconds` passed.
  func run(until count: Int, seconds: Double = 5) throws {
    let deadline = MonotonicClock.nowMicros() + Int64(seconds * 1_000_000)
    while finished.count < count && MonotonicClock.nowMicros() < deadline {
      try loop.runOnce(self, maxWaitMicros: 50_000)
    }
  }

  /// Runs the loop for `seconds` whatever happens.
  func run(for seconds: Double) throws {
    let deadline = MonotonicClock.nowMicros() + Int64(seconds * 1_000_000)
    while MonotonicClock.nowMicros() < deadline { try loop.runOnce(self, maxWaitMicros: 20_000) }
  }

  func handleIO(_ event: SelectorEvent) {
    multi.handleIO(event)
  }

  func handleTimer(_ id: TimerID, payload: UInt64) {
    if payload == CurlMulti.timerPayload { multi.handleTimer(id) }
  }

  func handleWakeup() {}

  /// A request to the test origin.
  static func request(
    port: Int, _ target: String, method: String = "GET", headers: [(name: String, value: String)] = [],
    body: String = ""
  ) -> CurlRequest {
    CurlRequest(
      origin: Origin(scheme: "https", host: "127.0.0.1", port: port), method: method, target: target,
      headers: headers, body: Array(body.utf8))
  }
}
