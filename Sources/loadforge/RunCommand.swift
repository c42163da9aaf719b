import ArgumentParser
import Foundation
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
      Flags override the config file. Durations accept 500ms, 30s, 5m, 1h.
      Results go to a new timestamped directory under --output (default ./loadforge-results).
      Exit codes: 0 finished, 1 config or setup error, 2 usage error, 130 interrupted by SIGINT,
      143 by SIGTERM, 129 by SIGHUP.
      """)

  @OptionGroup var configOptions: ConfigOptions

  @OptionGroup var load: LoadOverrideOptions

  @Option(help: "Worker event loops (default: number of cores).")
  var workers: Int?

  @Option(help: "Directory that receives the run's results directory.")
  var output: String = "loadforge-results"

  @Flag(help: "Print the compiled plan summary and engine details.")
  var verbose = false

  func validate() throws {
    if let workers, workers < 1 || workers > 256 { throw ValidationError("--workers must be between 1 and 256") }
  }

  func run() throws {
    let plan = try ConfigLoading.loadPlanOrExit(
      path: configOptions.path, overrides: load.overrides)

    let workerCount = workers ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
    let coordinator = Coordinator(plan: plan, options: EngineOptions(workers: workerCount))
    do {
      // DNS, open-file limit, scheme: fail before a results directory is created.
      try coordinator.prepare()
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }
    let results: ResultsDirectory
    do {
      results = try ResultsDirectory.create(root: URL(fileURLWithPath: output), runName: plan.name, now: Date())
      try results.writePlanJSON(try Plan.jsonEncoder.encode(plan))
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }

    if verbose {
      let weights = plan.scenarios.map { "\($0.name) (weight \($0.weight), \($0.tasks.count) tasks)" }
      TerminalView.writeToStandardOutput(
        "plan: \(plan.name) → \(plan.baseURL), \(plan.load.pattern.summary), \(workerCount) workers\n"
          + "scenarios: \(weights.joined(separator: ", "))\n")
    }

    let stops = StopSignals()
    SignalTrap.install { signal in
      let count = stops.record(signal)
      let message =
        count == 1
        ? "\nstopping: in-flight requests get up to 5s to finish; send the signal again to abort\n"
        : "\naborting: writing the results collected so far\n"
      try? FileHandle.standardError.write(contentsOf: Data(message.utf8))
      coordinator.requestStop()
    }
    let terminal = TerminalView(isTTY: isatty(STDOUT_FILENO) == 1)
    let summary: Summary
    do {
      summary = try coordinator.run(observers: [terminal, results])
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      TerminalView.writeToStandardOutput("results (partial): \(results.url.path)\n")
      throw ExitCode.failure
    }
    TerminalView.writeToStandardOutput("results: \(results.url.path)\n")
    if let writeError = results.firstError {
      // Observers cannot throw mid-run; a results file that could not be written fails the run.
      FileHandle.standardError.write(Data("error: \(writeError)\n".utf8))
      throw ExitCode.failure
    }
    if let signal = stops.first { throw ExitCode(128 + signal) }
    if summary.interrupted { throw ExitCode(ExitStatus.interrupted) }
  }
}

/// Counts stop signals (SIGINT, SIGTERM, SIGHUP) from the signal thread; the first one decides
/// the exit code (128 + signal number, the shell convention: 130 for SIGINT, 143 for SIGTERM).
final class StopSignals: Sendable {
  private let state = Mutex<(count: Int, first: Int32?)>((0, nil))

  /// - Returns: how many stop signals have arrived, this one included.
  func record(_ signal: Int32) -> Int {
    state.withLock { s in
      s.count += 1
      if s.first == nil { s.first = signal }
      return s.count
    }
  }

  var first: Int32? { state.withLock { $0.first } }
}
