import ArgumentParser
import Foundation
import LoadForgeEngine
import LoadForgeMetrics
import LoadForgePlan
import LoadForgeReport
import LoadForgeSpec

/// `loadforge run FILE`: executes a load test and writes its results directory.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a load test.",
    discussion: """
      Flags override the config file. Durations accept 500ms, 30s, 5m, 1h.
      Results go to a new timestamped directory under --output (default ./loadforge-results).
      Exit codes: 0 finished, 1 config error, 2 usage error, 130 interrupted (SIGINT/SIGTERM).
      """)

  @OptionGroup var configOptions: ConfigOptions

  @Option(help: "Virtual users: a constant pattern's users, or a ramp's final count.")
  var users: Int?

  @Option(help: "Total duration of the load pattern (e.g. 30s, 5m).", transform: RunCommand.parseDuration)
  var duration: Int64?

  @Option(help: "Worker event loops (default: number of cores).")
  var workers: Int?

  @Option(help: "Directory that receives the run's results directory.")
  var output: String = "loadforge-results"

  @Flag(help: "Print the compiled plan summary and engine details.")
  var verbose = false

  func validate() throws {
    if let users, users < 0 { throw ValidationError("--users must be ≥ 0") }
    if let workers, workers < 1 || workers > 256 { throw ValidationError("--workers must be between 1 and 256") }
    if let duration, duration <= 0 { throw ValidationError("--duration must be greater than 0") }
  }

  static func parseDuration(_ text: String) throws -> Int64 {
    guard let micros = DurationParser.micros(text) else {
      throw ValidationError("invalid duration \"\(text)\": use a number with a unit, e.g. 500ms, 30s, 5m, 1h")
    }
    return micros
  }

  func run() throws {
    let plan = try ConfigLoading.loadPlanOrExit(
      path: configOptions.path, overrides: LoadOverrides(users: users, durationMicros: duration))

    let workerCount = workers ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
    let results = try ResultsDirectory.create(
      root: URL(fileURLWithPath: output), runName: plan.name, now: Date())
    try results.writePlanJSON(try Plan.jsonEncoder.encode(plan))

    if verbose {
      let weights = plan.scenarios.map { "\($0.name) (weight \($0.weight), \($0.tasks.count) tasks)" }
      print("plan: \(plan.name) → \(plan.baseURL), \(plan.load.pattern.summary), \(workerCount) workers")
      print("scenarios: \(weights.joined(separator: ", "))")
    }

    let coordinator = Coordinator(plan: plan, options: EngineOptions(workers: workerCount))
    SignalTrap.install { _ in coordinator.requestStop() }
    let terminal = TerminalView(isTTY: isatty(STDOUT_FILENO) == 1)
    let summary: Summary
    do {
      summary = try coordinator.run(observers: [terminal, results])
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      print("results (partial): \(results.url.path)")
      throw ExitCode.failure
    }
    print("results: \(results.url.path)")
    if let writeError = results.firstError {
      // Observers cannot throw mid-run; a results file that could not be written fails the run.
      FileHandle.standardError.write(Data("error: \(writeError)\n".utf8))
      throw ExitCode.failure
    }
    if summary.interrupted { throw ExitCode(ExitStatus.interrupted) }
  }
}
