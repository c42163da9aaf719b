import Foundation
import HummingbirdWSClient
import LoadForgeMetrics
import Logging
import Synchronization
import Testing

@testable import LoadForgeDashboard

@Suite struct DashboardConnectionTests {
  /// Live: `delay_ms` is `sent_unix_ms − interval_end_unix_ms` to the digit, interval_end is the
  /// run's start plus `elapsed_s`, and the hub's maximum is the largest live delay sent.
  @Test func liveMessagesCarryTheirDelay() async throws {
    let hub = DashboardHub(mode: .live)
    let observer = DashboardObserver(hub: hub, plan: DashboardFixtures.plan)
    // Started 2 s ago, so second 1 ended ~1 s ago and second 2 ends now.
    let info = DashboardFixtures.runInfo(startedAt: Date(timeIntervalSinceNow: -2))
    observer.runStarted(info)
    let (server, port) = try await DashboardFixtures.server(hub)
    defer { Task { await server.stop() } }
    async let recorded = DashboardSession.record(port: port)
    try await DashboardFixtures.waitUntil { hub.connectedClients == 1 }
    observer.record(DashboardFixtures.snapshot(second: 1))
    observer.record(DashboardFixtures.snapshot(second: 2))
    observer.runFinished(DashboardFixtures.summary(startedAt: info.startedAt!))
    let session = try await recorded

    let snapshots = session.messages.filter { $0.hasPrefix("{\"type\":\"snapshot\"") }
    try #require(snapshots.count == 2)
    let startMs = Decimal(Int64((info.startedAt!.timeIntervalSince1970 * 1000).rounded()))
    var delays: [Decimal] = []
    for (index, text) in snapshots.enumerated() {
      let end = try #require(
        DashboardFixtures.rawField("interval_end_unix_ms", in: text).flatMap { Decimal(string: $0) })
      let sent = try #require(DashboardFixtures.rawField("sent_unix_ms", in: text).flatMap { Decimal(string: $0) })
      let delay = try #require(DashboardFixtures.rawField("delay_ms", in: text).flatMap { Decimal(string: $0) })
      #expect(end == startMs + Decimal(1000 * (index + 1)))
      #expect(delay == sent - end)
      delays.append(delay)
    }
    // Second 1 ended at least ~1 s before it was sent, second 2 about when it was recorded (no
    // upper bound: on a loaded machine the whole suite delays the test's own steps by seconds).
    #expect(delays[0] > 900)
    #expect(delays[1] > -100)
    let maxDelay = try #require(hub.statistics.maxLiveDelayMs)
    #expect(abs(Decimal(maxDelay) - delays.max()!) < Decimal(string: "0.001")!)
    #expect(hub.statistics.liveMessagesSent == 2)
  }

  /// Back-fill of a live run: `delay_ms` is null (the second ended long ago; its age is no
  /// latency of the dashboard's) while both times stay; only live messages count towards the
  /// hub's maximum.
  @Test func backfilledMessagesHaveNoDelay() async throws {
    let hub = DashboardHub(mode: .live)
    let observer = DashboardObserver(hub: hub, plan: DashboardFixtures.plan)
    let info = DashboardFixtures.runInfo(startedAt: Date(timeIntervalSinceNow: -60))
    observer.runStarted(info)
    observer.record(DashboardFixtures.snapshot(second: 1))
    observer.record(DashboardFixtures.snapshot(second: 2))
    let (server, port) = try await DashboardFixtures.server(hub)
    defer { Task { await server.stop() } }
    async let recorded = DashboardSession.record(port: port)
    try await DashboardFixtures.waitUntil { hub.connectedClients == 1 }
    observer.record(DashboardFixtures.snapshot(second: 3))
    observer.runFinished(DashboardFixtures.summary(startedAt: info.startedAt!))
    let session = try await recorded

    let snapshots = session.messages.filter { $0.hasPrefix("{\"type\":\"snapshot\"") }
    #expect(session.backfills == [true, true, false])
    #expect(snapshots.prefix(2).map { DashboardFixtures.rawField("delay_ms", in: $0) } == ["null", "null"])
    let startMs = Int64((info.startedAt!.timeIntervalSince1970 * 1000).rounded())
    #expect(
      snapshots.map { DashboardFixtures.rawField("interval_end_unix_ms", in: $0) }
        == (1...3).map { "\(startMs + Int64($0) * 1000).000" })
    #expect(snapshots.allSatisfy { DashboardFixtures.rawField("sent_unix_ms", in: $0)?.contains(".") == true })
    // Second 3 ended 57 s before it was sent: its delay is there, and is the hub's maximum.
    try #require(snapshots.count == 3)
    let live = try #require(DashboardFixtures.rawField("delay_ms", in: snapshots[2]).flatMap { Double($0) })
    #expect(live > 50_000)
    #expect(hub.statistics.maxLiveDelayMs == live)
    #expect(hub.statistics.liveMessagesSent == 1)
  }

  @Test func replayMessagesHaveNoDelay() async throws {
    let hub = DashboardHub(mode: .replay)
    let info = DashboardFixtures.runInfo(startedAt: Date(timeIntervalSince1970: 1_764_450_000))
    let encoder = DashboardMessage.encoder()
    hub.start(
      runJSON: String(decoding: try encoder.encode(info), as: UTF8.self), startedAtMicros: 1_764_450_000_000_000,
      planJSON: "{}")
    for second in 1...3 {
      hub.publish(
        snapshotJSON: String(decoding: try encoder.encode(DashboardFixtures.snapshot(second: second)), as: UTF8.self),
        elapsedSeconds: Double(second))
    }
    hub.finish(summaryJSON: "{}")
    let (server, port) = try await DashboardFixtures.server(hub)
    defer { Task { await server.stop() } }
    let session = try await DashboardSession.record(port: port)
    #expect(session.object(0)["mode"] as? String == "replay")
    let snapshots = session.messages.filter { $0.hasPrefix("{\"type\":\"snapshot\"") }
    #expect(snapshots.map { DashboardFixtures.rawField("delay_ms", in: $0) } == ["null", "null", "null"])
    #expect(
      snapshots.map { DashboardFixtures.rawField("interval_end_unix_ms", in: $0) } == [
        "1764450001000.000", "1764450002000.000", "1764450003000.000",
      ])
    #expect(hub.statistics.maxLiveDelayMs == nil)
  }

  @Test func millisecondsAreExactDecimals() {
    #expect(DashboardMessage.milliseconds(1_764_450_000_123_456) == "1764450000123.456")
    #expect(DashboardMessage.milliseconds(3_200) == "3.200")
    #expect(DashboardMessage.milliseconds(5) == "0.005")
    #expect(DashboardMessage.milliseconds(-250) == "-0.250")
    #expect(DashboardMessage.milliseconds(0) == "0.000")
  }
}

extension DashboardConnectionTests {
  /// A standard WebSocket client (HummingbirdWSClient, with its own framing and close handshake)
  /// reads the same stream as the raw test client: hello, back-fill, final, normal close.
  @Test func aWebSocketClientLibraryReadsTheStream() async throws {
    let hub = DashboardHub(mode: .live)
    let observer = DashboardObserver(hub: hub, plan: DashboardFixtures.plan)
    let started = Date()
    observer.runStarted(DashboardFixtures.runInfo(startedAt: started))
    var snapshot = DashboardFixtures.snapshot(second: 1)
    // Larger than the client's default 16 KB frame: the message must arrive whole anyway.
    snapshot.errors = ["x" + String(repeating: "y", count: 40_000): 0]
    observer.record(snapshot)
    observer.record(DashboardFixtures.snapshot(second: 2))
    observer.runFinished(DashboardFixtures.summary(startedAt: started))
    let (server, port) = try await DashboardFixtures.server(hub)
    defer { Task { await server.stop() } }

    let received = Mutex<[String]>([])
    let close = try await WebSocketClient.connect(
      url: "ws://127.0.0.1:\(port)/ws", configuration: .init(maxFrameSize: 1 << 20),
      logger: Logger(label: "test")
    ) { inbound, _, _ in
      for try await message in inbound.messages(maxSize: 1 << 22) {
        if case .text(let text) = message { received.withLock { $0.append(text) } }
      }
    }
    let messages = received.withLock { $0 }
    let session = DashboardSession(messages: messages, closeCode: nil, trailingBytes: 0)
    try #require(session.types == ["hello", "snapshot", "snapshot", "final"])
    #expect(session.seqs == [0, 1])
    #expect(messages[1].count > 40_000)
    #expect(close?.closeCode == .normalClosure)
  }
}
