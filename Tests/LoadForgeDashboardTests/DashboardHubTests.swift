import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeDashboard

@Suite struct DashboardHubTests {
  @Test func pageSeesHelloBackfillLiveFinalThenClose() async throws {
    let hub = DashboardHub(mode: .live)
    let observer = DashboardObserver(hub: hub, plan: DashboardFixtures.plan)
    let started = Date()
    observer.runStarted(DashboardFixtures.runInfo(startedAt: started))
    for second in 1...3 { observer.record(DashboardFixtures.snapshot(second: second)) }
    let (server, port) = try await DashboardFixtures.server(hub)
    defer { Task { await server.stop() } }

    async let recorded = DashboardSession.record(port: port)
    try await DashboardFixtures.waitUntil { hub.connectedClients == 1 }
    observer.record(DashboardFixtures.snapshot(second: 4))
    observer.draining(inFlight: 7, graceSeconds: 30)
    observer.record(DashboardFixtures.snapshot(second: 5))
    observer.runFinished(DashboardFixtures.summary(startedAt: started))
    let session = try await recorded

    #expect(
      session.types == ["hello", "snapshot", "snapshot", "snapshot", "snapshot", "draining", "snapshot", "final"])
    #expect(session.seqs == [0, 1, 2, 3, 4])
    #expect(session.backfills == [true, true, true, false, false])
    let hello = session.object(0)
    #expect(hello["protocol"] as? Int == 1)
    #expect(hello["mode"] as? String == "live")
    #expect((hello["run"] as? [String: Any])?["name"] as? String == "dash test")
    #expect(hello["model"] as? String == "closed")
    #expect((hello["stages"] as? [[String: Any]])?.first?["summary"] as? String == "constant 5 VUs for 3s")
    #expect((hello["target_curve"] as? [[String: Any]])?.compactMap { $0["target"] as? Int } == [5, 5, 5])
    #expect(hello["history_from"] as? Int == 0)
    #expect(hello["history_count"] as? Int == 3)
    #expect(hello["finished"] as? Bool == false)
    let snapshots = session.objects.filter { $0["type"] as? String == "snapshot" }
    #expect(snapshots.compactMap { ($0["snapshot"] as? [String: Any])?["requests"] as? Int } == [10, 20, 30, 40, 50])
    #expect(session.object(5)["in_flight"] as? Int == 7)
    #expect(session.object(5)["grace_s"] as? Int == 30)
    let final = session.object(7)
    #expect((final["summary"] as? [String: Any])?["rps"] as? Int == 20)
    #expect(final["dropped"] as? Int == 0)
    #expect(session.closeCode == 1000)
    #expect(session.trailingBytes == 0)
    try await DashboardFixtures.waitUntil { hub.connectedClients == 0 }
    #expect(hub.statistics.clientsServed == 1)
    #expect(hub.statistics.liveMessagesSent == 2)
    #expect(hub.statistics.messagesDropped == 0)
  }

  @Test func pageConnectingAfterTheRunGetsHistoryFromItsSeqAndFinal() async throws {
    let hub = DashboardHub(mode: .live)
    let observer = DashboardObserver(hub: hub, plan: DashboardFixtures.plan)
    let started = Date()
    observer.runStarted(DashboardFixtures.runInfo(startedAt: started))
    for second in 1...10 { observer.record(DashboardFixtures.snapshot(second: second)) }
    observer.runFinished(DashboardFixtures.summary(startedAt: started))
    let (server, port) = try await DashboardFixtures.server(hub)
    defer { Task { await server.stop() } }

    let all = try await DashboardSession.record(port: port, path: "/ws")
    #expect(all.types == ["hello"] + Array(repeating: "snapshot", count: 10) + ["final"])
    #expect(all.seqs == Array(0..<10))
    #expect(all.backfills == Array(repeating: true, count: 10))
    #expect(all.object(0)["finished"] as? Bool == true)
    #expect(all.closeCode == 1000)

    let fromFour = try await DashboardSession.record(port: port, path: "/ws?from=4")
    #expect(fromFour.seqs == Array(4..<10))
    #expect(fromFour.object(0)["history_from"] as? Int == 4)
    #expect(fromFour.object(0)["history_count"] as? Int == 6)
    #expect(fromFour.types.last == "final")

    let beyond = try await DashboardSession.record(port: port, path: "/ws?from=99")
    #expect(beyond.types == ["hello", "final"])
    #expect(beyond.object(0)["history_from"] as? Int == 10)
    #expect(beyond.object(0)["history_count"] as? Int == 0)

    // The CLI's wait returns at once: every page that connected was sent `final` and left.
    let waited = try await OffPool.run {
      let start = Date()
      hub.waitUntilFinalDelivered(timeoutSeconds: 5)
      return Date().timeIntervalSince(start)
    }
    #expect(waited < 1)
  }

  @Test func pageConnectedBeforeTheRunStartsGetsHelloWhenItStarts() async throws {
    let hub = DashboardHub(mode: .live)
    let observer = DashboardObserver(hub: hub, plan: DashboardFixtures.plan)
    let (server, port) = try await DashboardFixtures.server(hub)
    defer { Task { await server.stop() } }
    async let recorded = DashboardSession.record(port: port)
    try await DashboardFixtures.waitUntil { hub.connectedClients == 1 }
    let started = Date()
    observer.runStarted(DashboardFixtures.runInfo(startedAt: started))
    observer.record(DashboardFixtures.snapshot(second: 1))
    observer.runFinished(DashboardFixtures.summary(startedAt: started))
    let session = try await recorded
    #expect(session.types.first == "hello")
    #expect(session.types.last == "final")
    #expect(session.seqs == [0])
    #expect((session.object(0)["run"] as? [String: Any])?["name"] as? String == "dash test")
  }

  /// The queue alone: a page that never reads keeps the newest `queueLimit` events, and every
  /// older snapshot is counted as dropped.
  @Test func queueKeepsTheNewestAndCountsTheRest() async throws {
    let hub = DashboardHub(mode: .live, queueLimit: 64)
    hub.start(runJSON: "{}", startedAtMicros: 0, planJSON: "{}")
    let registration = hub.register(from: 0)
    let count = 10_000
    let start = ContinuousClock.now
    for i in 0..<count { hub.publish(snapshotJSON: "{\"i\":\(i)}", elapsedSeconds: Double(i + 1)) }
    let elapsed = ContinuousClock.now - start
    #expect(elapsed < .seconds(5))
    #expect(hub.dropped(registration.id) == count - 64)
    #expect(hub.statistics.messagesDropped == count - 64)
    hub.unregister(registration.id)
    var seqs: [Int] = []
    for await event in registration.events {
      if case .snapshot(let seq, let entry) = event {
        seqs.append(seq)
        #expect(entry.json == "{\"i\":\(seq)}")
      }
    }
    #expect(seqs == Array((count - 64)..<count))
  }

  /// A `draining` pushed out of a full queue is counted in `dropped` like a snapshot; the
  /// `started` signal (no message of its own) is not.
  @Test func aLostDrainingMessageIsCountedButNotTheStartSignal() async throws {
    let hub = DashboardHub(mode: .live, queueLimit: 2)
    let early = hub.register(from: 0)
    hub.start(runJSON: "{}", startedAtMicros: 0, planJSON: "{}")
    let late = hub.register(from: 0)
    hub.drain(inFlight: 3, graceSeconds: 5)
    hub.publish(snapshotJSON: "{\"i\":0}", elapsedSeconds: 1)
    hub.publish(snapshotJSON: "{\"i\":1}", elapsedSeconds: 2)
    // `early` lost `started`, then `draining`; `late` only `draining`.
    #expect(hub.dropped(early.id) == 1)
    #expect(hub.dropped(late.id) == 1)
    #expect(hub.statistics.messagesDropped == 2)
    hub.unregister(early.id)
    hub.unregister(late.id)
    var kept: [Int] = []
    for await event in late.events {
      if case .snapshot(let seq, _) = event { kept.append(seq) }
    }
    #expect(kept == [0, 1])
  }

  /// A real page that stops reading while 10,000 snapshots are published: publishing does not
  /// wait for it, and every snapshot either reached it or is counted in `dropped`.
  @Test func stalledPageNeverSlowsPublishing() async throws {
    let hub = DashboardHub(mode: .live, queueLimit: 64)
    let observer = DashboardObserver(hub: hub, plan: DashboardFixtures.plan)
    let started = Date()
    observer.runStarted(DashboardFixtures.runInfo(startedAt: started))
    let (server, port) = try await DashboardFixtures.server(hub)
    defer { Task { await server.stop() } }

    let socket = try await OffPool.run { try RawWebSocket(port: port, path: "/ws") }
    try await DashboardFixtures.waitUntil { hub.connectedClients == 1 }
    let count = 10_000
    // Padding makes each message ~8 KB, so the socket's buffers fill long before the end.
    var snapshot = DashboardFixtures.snapshot(second: 1)
    snapshot.errors = ["x" + String(repeating: "y", count: 8_000): 0]
    let start = ContinuousClock.now
    for second in 1...count {
      snapshot.elapsedSeconds = Double(second)
      observer.record(snapshot)
    }
    let publishing = ContinuousClock.now - start
    observer.runFinished(DashboardFixtures.summary(startedAt: started))
    #expect(publishing < .seconds(20))
    #expect(hub.statistics.messagesDropped > 0)

    let session = try await OffPool.run {
      var messages: [String] = []
      while case .text(let text) = try socket.next() { messages.append(text) }
      return DashboardSession(messages: messages, closeCode: nil, trailingBytes: 0)
    }
    let seqs = session.seqs
    let final = session.objects.last ?? [:]
    let dropped = final["dropped"] as? Int ?? -1
    #expect(session.types.first == "hello")
    #expect(final["type"] as? String == "final")
    #expect(seqs.count + dropped == count)
    #expect(seqs == seqs.sorted())
    #expect(seqs.last == count - 1)
    #expect(dropped >= 1)
    #expect(dropped == hub.statistics.messagesDropped)
    // Each message says how many this page had lost by then: never more than in the end.
    let droppedSoFar = session.objects.compactMap { $0["type"] as? String == "snapshot" ? $0["dropped"] as? Int : nil }
    #expect(droppedSoFar == droppedSoFar.sorted())
    #expect((droppedSoFar.last ?? 0) <= dropped)
  }
}
