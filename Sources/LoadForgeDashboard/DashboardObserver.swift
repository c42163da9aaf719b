import Foundation
import LoadForgeMetrics

/// Feeds a `DashboardHub` from the coordinator's snapshot stream (`SnapshotObserver`).
///
/// Called on the coordinator's thread: each snapshot is encoded once (the same JSON as its
/// `snapshots.ndjson` line) and handed to the hub, which only appends and yields under its lock.
/// Nothing here awaits, blocks on a socket or throws: a payload that cannot be encoded (it cannot
/// happen with LoadForge's types) is left out of the dashboard and the run goes on.
public final class DashboardObserver: SnapshotObserver {
  private let hub: DashboardHub
  private let plan: DashboardPlan
  private let encoder = DashboardMessage.encoder()

  /// - Parameters:
  ///   - hub: where the run's messages go (live mode).
  ///   - plan: the planned load (`DashboardPlan(load:)`), sent in every `hello`.
  public init(hub: DashboardHub, plan: DashboardPlan) {
    self.hub = hub
    self.plan = plan
  }

  public func runStarted(_ info: RunInfo) {
    // The coordinator sets `startedAt`; without it the interval ends count from now.
    hub.start(
      runJSON: encode(info) ?? "null",
      startedAtMicros: DashboardMessage.runStartMicros(info.startedAt ?? Date()),
      planJSON: encode(plan) ?? "{}")
  }

  public func record(_ snapshot: Snapshot) {
    guard let json = encode(snapshot) else { return }
    hub.publish(snapshotJSON: json, elapsedSeconds: snapshot.elapsedSeconds)
  }

  public func draining(inFlight: Int, graceSeconds: Double) {
    hub.drain(inFlight: inFlight, graceSeconds: graceSeconds)
  }

  public func runFinished(_ summary: Summary) {
    hub.finish(summaryJSON: encode(summary) ?? "null")
  }

  private func encode(_ value: some Encodable) -> String? {
    guard let data = try? encoder.encode(value) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }
}
