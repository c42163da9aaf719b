import Foundation
import LoadForgeMetrics
import LoadForgePlan

/// A worker running on its own thread in this process (the default, and what tests use).
final class ThreadWorker: WorkerHandle {
  private let plan: Plan
  private let address: SocketAddress
  private let settings: WorkerSettings
  private let channel = WorkerChannel()

  init(plan: Plan, address: SocketAddress, settings: WorkerSettings) {
    self.plan = plan
    self.address = address
    self.settings = settings
  }

  func start() throws(EngineError) {
    let plan = plan
    let address = address
    let settings = settings
    let channel = channel
    let thread = Thread {
      let report: WorkerReport
      do {
        let worker = try Worker(plan: plan, address: address, settings: settings, channel: channel)
        report = worker.run()
      } catch {
        report = WorkerReport(
          kind: .final, metrics: IntervalMetrics(), activeVUs: 0,
          failure: "worker \(settings.index) could not start: \(error)")
      }
      channel.post(report)
    }
    thread.name = "loadforge-worker-\(settings.index)"
    thread.start()
  }

  func setTargetVUs(_ count: Int, startLevel: Int?) {
    channel.send {
      $0.targetVUs = count
      if let startLevel { $0.startLevel = startLevel }
    }
  }

  func startPacing(at startMicros: Int64) {
    channel.send { $0.paceStartMicros = startMicros }
  }

  func requestInterval(_ index: Int) {
    channel.send { $0.intervalRequested = max($0.intervalRequested, index) }
  }

  func stop(graceMicros: Int64) {
    channel.send { commands in
      if commands.stopGraceMicros == nil { commands.stopGraceMicros = graceMicros }
    }
  }

  func stop(graceMicros: Int64, closingInterval index: Int) {
    channel.send { commands in
      commands.intervalRequested = max(commands.intervalRequested, index)
      if commands.stopGraceMicros == nil { commands.stopGraceMicros = graceMicros }
    }
  }

  func abort() {
    channel.send { $0.aborted = true }
  }

  func reports(waitingFor interval: Int?, deadlineMicros: Int64) -> [WorkerReport] {
    channel.take(waitingFor: interval, deadlineMicros: deadlineMicros)
  }
}
