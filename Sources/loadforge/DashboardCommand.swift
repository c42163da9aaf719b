import ArgumentParser
import Dispatch
import Foundation
import LoadForgeDashboard
import LoadForgeEngine
import LoadForgeReport

/// `loadforge dashboard RUN_DIR`: the live dashboard's page for a finished (or killed) run, fed
/// from its results directory.
struct DashboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dashboard",
    abstract: "Show a finished run in the web dashboard.",
    discussion: """
      Serves the page `run --dashboard` shows live, for a run that already ended, from its \
      results directory: run.json, snapshots.ndjson, plan.json and summary.json (rebuilt from \
      the snapshots when the run was killed before writing it). Only the page's own files and \
      that run are served; nothing is written. Ctrl-C stops it.
      """)

  @Argument(help: "The run's results directory (loadforge-results/<timestamp>-<name>).")
  var runDirectory: String

  @Option(help: "TCP port (0 picks a free one).")
  var port = DashboardAddress.defaultPort

  @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")
  var host = DashboardAddress.defaultHost

  func validate() throws {
    try DashboardAddress.validate(port: port, host: host)
  }

  func run() throws {
    let directory = URL(fileURLWithPath: runDirectory, isDirectory: true)
    if let problem = ReportCommand.notARunDirectory(directory, as: runDirectory) {
      FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
      throw ExitCode.failure
    }
    let hub: DashboardHub
    do {
      // A killed run has no summary.json: its rebuilt summary gets plan.json's thresholds, as
      // `loadforge report` evaluates them.
      let thresholds = ThresholdGate(thresholds: ReportCommand.planThresholds(directory))
      let (loaded, warnings) = try DashboardReplay.load(runDirectory: directory) { thresholds.results(for: $0) }
      for warning in warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
      hub = loaded
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode.failure
    }
    let stopped = DispatchSemaphore(value: 0)
    // Installed before the server's threads exist; the handler runs on the trap's own thread.
    SignalTrap.install { _ in stopped.signal() }
    let server = DashboardServer(hub: hub, host: host, port: port)
    let bound: Int
    do {
      bound = try WaitForAsync.run { try await server.start() }
    } catch {
      FileHandle.standardError.write(
        Data("error: dashboard: \(error)\(DashboardAddress.hint(for: error, flag: "--port"))\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }
    if !DashboardAddress.isLoopback(host) {
      FileHandle.standardError.write(
        Data("warning: listening on \(host): anyone who can reach this machine can see the run\n".utf8))
    }
    TerminalView.writeToStandardOutput(
      "dashboard: \(DashboardAddress.url(host: host, port: bound)) (replay of \(directory.standardizedFileURL.path)); "
        + "Ctrl-C stops it\n")
    stopped.wait()
    WaitForAsync.run { await server.stop() }
    TerminalView.writeToStandardOutput("dashboard stopped\n")
  }
}
