import ArgumentParser
import Foundation
import LoadForgeDashboard
import LoadForgeMetrics
import LoadForgePlan
import LoadForgeReport

/// The live dashboard of one run: its server, and the observer that feeds it the snapshot stream
/// the terminal and the results directory receive. Used on the CLI's main thread only.
final class LiveDashboard {
  let hub: DashboardHub
  let server: DashboardServer
  let observer: DashboardObserver
  let url: String

  /// How long the end of the run waits for every open page to receive the final message, s.
  static let finalDeliverySeconds = 2.0

  private var served: DashboardStatistics?

  init(hub: DashboardHub, server: DashboardServer, observer: DashboardObserver, url: String) {
    self.hub = hub
    self.server = server
    self.observer = observer
    self.url = url
  }

  /// Waits up to `finalDeliverySeconds` for the final message (queued by the observer at
  /// `runFinished`) to reach the pages still connected, then stops the server.
  /// - Returns: what was served, for `closingLine`.
  /// Stops once; later calls return the same figures.
  func stop() -> DashboardStatistics {
    if let served { return served }
    hub.waitUntilFinalDelivered(timeoutSeconds: Self.finalDeliverySeconds)
    let server = self.server
    WaitForAsync.run { await server.stop() }
    let statistics = hub.statistics
    served = statistics
    return statistics
  }

  /// e.g. `dashboard: 2 page connections, picture delay at most 4 ms, no update dropped; replay
  /// it with loadforge dashboard loadforge-results/…` (a page that reconnected counts twice).
  static func closingLine(_ statistics: DashboardStatistics, resultsDirectory: URL?) -> String {
    let connections = statistics.clientsServed
    var line = "dashboard: \(connections) page \(connections == 1 ? "connection" : "connections")"
    if let delay = statistics.maxLiveDelayMs {
      line += ", picture delay at most \(String(format: "%.0f", delay.rounded(.up))) ms"
    }
    let dropped = statistics.messagesDropped
    line +=
      dropped == 0 ? ", no update dropped" : ", \(dropped) \(dropped == 1 ? "update" : "updates") dropped (slow page)"
    if let resultsDirectory {
      line += "; replay it with loadforge dashboard \(resultsDirectory.relativePath)"
    }
    return line + "\n"
  }
}

extension RunCommand {
  /// Starts the dashboard when asked (`--dashboard`), before the results directory exists, so a
  /// busy port stops the run before anything is written.
  /// - Returns: nil without the flag: then nothing of the dashboard is created.
  /// - Throws: `ExitCode(1)` after printing why, when it cannot listen.
  func startDashboard(load: LoadPlan) throws -> LiveDashboard? {
    guard dashboardOptions.isEnabled else { return nil }
    let hub = DashboardHub(mode: .live)
    let server = DashboardServer(hub: hub, host: dashboardOptions.host, port: dashboardOptions.port)
    let port: Int
    do {
      port = try WaitForAsync.run { try await server.start() }
    } catch {
      FileHandle.standardError.write(
        Data("error: dashboard: \(error)\(DashboardAddress.hint(for: error, flag: "--dashboard-port"))\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }
    let url = DashboardAddress.url(host: dashboardOptions.host, port: port)
    if !DashboardAddress.isLoopback(dashboardOptions.host) {
      FileHandle.standardError.write(
        Data(
          ("warning: the dashboard listens on \(dashboardOptions.host): anyone who can reach this machine "
            + "can watch the run (its endpoints and error messages)\n").utf8))
    }
    TerminalView.writeToStandardOutput("dashboard: \(url)\n")
    return LiveDashboard(
      hub: hub, server: server, observer: DashboardObserver(hub: hub, plan: DashboardPlan(load: load)), url: url)
  }
}
