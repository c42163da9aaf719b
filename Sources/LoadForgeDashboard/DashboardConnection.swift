import HummingbirdWebSocket

/// One page's WebSocket: `hello`, the back-fill, then live messages until `final`
/// (docs/dashboard-protocol.md).
///
/// The queue is registered with the hub before the history is taken (both under the hub's lock),
/// so no snapshot falls between them; a live event whose `seq` was already sent as back-fill is
/// skipped. Every snapshot message is built when it is written, so `sent_unix_ms` and `delay_ms`
/// say when it really left (`delay_ms` only on live messages). The page sends nothing, but its frames are read all along: that
/// answers its pings, notices its close at once, and lets the server's pings see its pongs.
enum DashboardConnection {
  /// Serves one connection until `final` was sent, the page went away or the server stops.
  /// - Parameter from: the first sequence number the page still needs (`/ws?from=`).
  static func serve(
    hub: DashboardHub, from: Int, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter
  ) async {
    let registration = hub.register(from: from)
    defer { hub.unregister(registration.id) }
    await withTaskGroup(of: Void.self) { group in
      group.addTask {
        do {
          for try await _ in inbound {}
        } catch {
          // A reset connection ends the page's side as a close would.
        }
      }
      group.addTask {
        do {
          try await send(
            hub: hub, id: registration.id, from: from, events: registration.events, view: registration.view,
            to: outbound)
        } catch {
          // The page went away mid-write (or the server stops): nothing left to tell it.
        }
      }
      await group.next()
      group.cancelAll()
    }
  }

  private static func send(
    hub: DashboardHub, id: Int, from: Int, events: AsyncStream<DashboardEvent>, view initial: DashboardHub.View,
    to outbound: WebSocketOutboundWriter
  ) async throws {
    var events = events.makeAsyncIterator()
    var view = initial
    if view.runJSON == nil {
      // Connected before `runStarted`: hello needs run.json, so wait for it.
      while view.runJSON == nil {
        guard await events.next() != nil else { return }
        view = hub.view(from: from)
      }
    }
    try await outbound.writeTextMessage(
      DashboardMessage.hello(
        .init(
          mode: hub.mode, runJSON: view.runJSON ?? "null", planJSON: view.planJSON, historyFrom: view.historyFrom,
          historyCount: view.backlog.count, finished: view.summaryJSON != nil,
          serverMicros: DashboardMessage.nowMicros())))
    var next = view.historyFrom
    for entry in view.backlog {
      try await sendSnapshot(hub: hub, id: id, seq: next, entry: entry, backfill: true, to: outbound)
      next += 1
    }
    if let summary = view.summaryJSON {
      try await sendFinal(hub: hub, id: id, summaryJSON: summary, to: outbound)
      return
    }
    var drainingSent = false
    if let draining = view.draining {
      try await outbound.writeTextMessage(
        DashboardMessage.draining(inFlight: draining.inFlight, graceSeconds: draining.graceSeconds))
      drainingSent = true
    }
    while let event = await events.next() {
      switch event {
      case .started:
        continue
      case .snapshot(let seq, let entry):
        guard seq >= next else { continue }
        try await sendSnapshot(hub: hub, id: id, seq: seq, entry: entry, backfill: false, to: outbound)
        next = seq + 1
      case .draining(let inFlight, let graceSeconds):
        guard !drainingSent else { continue }
        try await outbound.writeTextMessage(DashboardMessage.draining(inFlight: inFlight, graceSeconds: graceSeconds))
        drainingSent = true
      case .finished(let summary):
        try await sendFinal(hub: hub, id: id, summaryJSON: summary, to: outbound)
        return
      }
    }
  }

  private static func sendSnapshot(
    hub: DashboardHub, id: Int, seq: Int, entry: DashboardHub.Entry, backfill: Bool,
    to outbound: WebSocketOutboundWriter
  ) async throws {
    // A back-filled second ended long ago: its age says nothing about the dashboard's latency.
    let withDelay = hub.mode == .live && !backfill
    let (text, delay) = DashboardMessage.snapshot(
      seq: seq, backfill: backfill, snapshotJSON: entry.json, intervalEndMicros: entry.intervalEndMicros,
      sentMicros: DashboardMessage.nowMicros(), withDelay: withDelay, dropped: hub.dropped(id))
    try await outbound.writeTextMessage(text)
    if !backfill { hub.liveSent(delayMs: delay) }
  }

  private static func sendFinal(
    hub: DashboardHub, id: Int, summaryJSON: String, to outbound: WebSocketOutboundWriter
  ) async throws {
    try await outbound.writeTextMessage(DashboardMessage.final(summaryJSON: summaryJSON, dropped: hub.dropped(id)))
    hub.finalSent(id)
  }
}
