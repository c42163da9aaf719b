import ArgumentParser
import Foundation
import LoadForgeDemo
import LoadForgeEngine
import LoadForgeMetrics
import LoadForgePlan
import LoadForgeReport
import LoadForgeSpec
import Synchronization

/// `loadforge run FILE`: executes a load test and writes its results directory.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a load test.",
    discussion: """
      Settings: built-in defaults < config file < environment (LOADFORGE_USERS, LOADFORGE_DURATION, \
      LOADFORGE_WORKERS, LOADFORGE_OUTPUT) < flags. Durations accept 500ms, 30s, 5m, 1h. \
      --pattern builds the load pattern from the flags; without it each flag adjusts the file's \
      pattern. Preview either with `loadforge plan` and the same flags.

      Results go to a new timestamped directory under --output (default ./loadforge-results).

      Exit codes: 0 finished and every threshold passed (failed requests alone do not change it: \
      gate with --fail-on-error-rate), 1 config or setup error, 2 usage error, 99 a threshold \
      failed, 130 interrupted by SIGINT, 143 by SIGTERM, 129 by SIGHUP.
      """)

  @OptionGroup var configOptions: ConfigOptions

  @OptionGroup var load: LoadOverrideOptions
  @OptionGroup var environment: EnvironmentOptions
  @OptionGroup var thresholdOptions: ThresholdOptions
  @OptionGroup var reportFormat: ReportFormatOptions
  @OptionGroup(title: "Live dashboard") var dashboardOptions: DashboardOptions

  @Option(help: "Worker event loops (default: $LOADFORGE_WORKERS, else the number of cores).")
  var workers: Int?

  @Option(
    help: "Directory that receives the run's results directory (default: $LOADFORGE_OUTPUT, else loadforge-results).")
  var output: String?

  @Flag(help: "Print the compiled plan summary and engine details.")
  var verbose = false

  @Flag(
    help: """
      Start the built-in demo target (see `loadforge demo-target --help`) on a free 127.0.0.1 port \
      for this run and set BASE_URL to it (over the environment, --env and the file's default).
      """)
  var demo = false

  func validate() throws {
    if let workers, workers < 1 || workers > 256 { throw ValidationError("--workers must be between 1 and 256") }
  }

  func run() throws {
    let overrides = try load.overrides()
    var environment = environment
    let demoTarget = demo ? try Self.startDemoTarget(into: &environment) : nil
    // Also after Ctrl-C: the coordinator drains, run() returns or throws, then the target stops.
    defer { if let server = demoTarget?.server { WaitForAsync.run { await server.stop() } } }
    let plan = try ConfigLoading.loadPlanOrExit(
      path: configOptions.path, environment: environment, overrides: overrides)
    if let demoTarget, plan.baseURL != demoTarget.url, !plan.baseURL.hasPrefix(demoTarget.url + "/") {
      FileHandle.standardError.write(
        Data(
          ("warning: --demo: base_url is \(plan.baseURL), not the demo target; write "
            + "base_url = \"${BASE_URL:-…}\" to use it\n").utf8))
    }
    // plan.json keeps no secret: strings that came from the environment show as ${NAME}
    // (DESIGN.md §5), as `loadforge plan --json` prints them.
    let maskedPlanJSON: Data
    do {
      maskedPlanJSON = try MaskedPlan.compile(
        path: configOptions.path, environment: try environment.environment(), overrides: overrides
      ).json()
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }

    let settings = ProcessInfo.processInfo.environment
    var workerCount = workers ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
    if workers == nil, let text = settings["LOADFORGE_WORKERS"], !text.isEmpty {
      guard let n = Int(text), (1...256).contains(n) else {
        throw ValidationError("LOADFORGE_WORKERS must be a whole number from 1 to 256, got \"\(text)\"")
      }
      workerCount = n
    }
    let output = output ?? settings["LOADFORGE_OUTPUT"].flatMap { $0.isEmpty ? nil : $0 } ?? "loadforge-results"
    let gate = ThresholdGate(thresholds: plan.thresholds + [thresholdOptions.errorRateThreshold].compactMap { $0 })
    let coordinator = Coordinator(
      plan: plan, options: EngineOptions(workers: workerCount),
      snapshotIntervalMicros: Coordinator.metricsIntervalMicros, liveCheck: Self.liveCheck(for: gate))
    try checkJUnitWritable()
    do {
      // DNS, open-file limit, scheme: fail before a results directory is created.
      try coordinator.prepare()
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }
    let dashboard = try startDashboard(load: plan.load)
    // Covers every early exit below; after a normal run `stop()` already ran (a second stop
    // returns at once).
    defer { _ = dashboard?.stop() }
    let results: ResultsDirectory
    do {
      results = try ResultsDirectory.create(root: URL(fileURLWithPath: output), runName: plan.name, now: Date())
      try results.writePlanJSON(maskedPlanJSON)
      results.writesSummary = reportFormat.formats.contains(.json)
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }

    if verbose {
      let weights = plan.scenarios.map { "\($0.name) (weight \($0.weight), \($0.tasks.count) tasks)" }
      TerminalView.writeToStandardOutput(
        "plan: \(plan.name) → \(plan.baseURL), \(plan.load.summary), \(workerCount) workers\n"
          + "scenarios: \(weights.joined(separator: ", "))\n")
    }

    let stops = StopSignals()
    let grace = DurationParser.format(micros: coordinator.options.gracePeriodMicros)
    SignalTrap.install { signal in
      stops.record(signal)
      let message: String? =
        switch coordinator.requestStop() {
        case .stopping:
          "\nstopping: in-flight requests get up to \(grace) to finish; send the signal again to abort\n"
        case .endingDrain: "\npattern finished; aborting the requests still in flight\n"
        case .aborting: "\naborting: writing the results collected so far\n"
        case .finished: nil
        }
      if let message { try? FileHandle.standardError.write(contentsOf: Data(message.utf8)) }
    }
    let terminal = TerminalView(isTTY: isatty(STDOUT_FILENO) == 1)
    // Sets the thresholds' results in the summary every output receives.
    let outputs = ThresholdObserver(
      gate: gate, forwardingTo: [terminal, results] + [dashboard?.observer].compactMap { $0 })
    var summary: Summary
    do {
      summary = try coordinator.run(observers: [outputs])
    } catch {
      if let dashboard {
        TerminalView.writeToStandardOutput(LiveDashboard.closingLine(dashboard.stop(), resultsDirectory: nil))
      }
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      TerminalView.writeToStandardOutput("results (partial): \(results.url.path)\n")
      throw ExitCode.failure
    }
    summary.thresholds = outputs.summary?.thresholds ?? gate.results(for: summary)
    if !summary.thresholds.isEmpty {
      TerminalView.writeToStandardOutput("\n" + TerminalView.thresholdLines(summary.thresholds))
    }
    // The pages have the final message before the reports are rendered (report.html takes a while).
    let served = dashboard?.stop()
    try writeReports(results, summary: summary)
    TerminalView.writeToStandardOutput("results: \(results.url.path)\n")
    if let served {
      TerminalView.writeToStandardOutput(LiveDashboard.closingLine(served, resultsDirectory: results.url))
    }
    try writeJUnit(summary, runName: plan.name, plannedSeconds: plan.load.durationSeconds)
    if let writeError = results.firstError {
      // Observers cannot throw mid-run; a results file that could not be written fails the run.
      FileHandle.standardError.write(Data("error: \(writeError)\n".utf8))
      throw ExitCode.failure
    }
    // A signal during the drain (the pattern had finished) only cut the drain short: exit 0.
    if let status = Self.exitStatus(summary, thresholdStoppedRun: gate.abortedRun, firstSignal: stops.first) {
      throw ExitCode(status)
    }
  }
}

extension RunCommand {
  /// Starts the demo target on a free port, prints its URL and makes `${BASE_URL}` resolve to
  /// it: an `--env` assignment, which wins over the process environment and env files.
  /// - Throws: `ExitCode(1)` after printing why, when it cannot listen.
  static func startDemoTarget(into environment: inout EnvironmentOptions) throws -> (server: DemoServer, url: String) {
    let server = DemoServer(configuration: DemoConfiguration(port: 0))
    let port: Int
    do {
      port = try WaitForAsync.run { try await server.start() }
    } catch {
      FileHandle.standardError.write(Data("error: demo target: \(error)\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }
    let url = "http://127.0.0.1:\(port)"
    environment.assignments.append("BASE_URL=\(url)")
    TerminalView.writeToStandardOutput("demo target: \(url)\n")
    return (server, url)
  }
}

/// Remembers the first stop signal (SIGINT, SIGTERM, SIGHUP) from the signal thread: it decides
/// the exit code of an interrupted run (128 + signal number, the shell convention: 130 for
/// SIGINT, 143 for SIGTERM).
final class StopSignals: Sendable {
  private let state = Mutex<Int32?>(nil)

  func record(_ signal: Int32) {
    state.withLock { first in
      if first == nil { first = signal }
    }
  }

  var first: Int32? { state.withLock { $0 } }
}
