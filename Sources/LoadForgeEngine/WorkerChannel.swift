import Synchronization

/// The two-way link between a coordinator and an in-process worker: a command block the
/// coordinator writes (then wakes the worker's loop) and a report mailbox the worker posts to.
final class WorkerChannel: Sendable {
  private let commands = Mutex(WorkerCommands())
  private let mailbox = ConditionBox<[WorkerReport]>([])

  init() {}

  /// Coordinator side: changes the commands and wakes the worker's loop if it is running.
  func send(_ change: (inout WorkerCommands) -> Void) {
    commands.withLock { state in
      change(&state)
      state.waker?.wake()
    }
  }

  /// Worker side: reads the commands (called by the loop on wake-up).
  func receive() -> WorkerCommands {
    commands.withLock { $0 }
  }

  /// Worker side: publishes or withdraws the loop's waker.
  func setWaker(_ waker: EventLoopWaker?) {
    commands.withLock { $0.waker = waker }
  }

  /// Worker side: posts a report.
  func post(_ report: WorkerReport) {
    mailbox.update { $0.append(report) }
  }

  /// Coordinator side: see `WorkerHandle.reports(waitingFor:deadlineMicros:)`.
  func take(waitingFor interval: Int?, deadlineMicros: Int64) -> [WorkerReport] {
    mailbox.wait(
      until: deadlineMicros,
      while: { reports in !reports.contains { $0.satisfies(interval: interval) } },
      then: { reports in
        defer { reports.removeAll() }
        return reports
      })
  }
}
