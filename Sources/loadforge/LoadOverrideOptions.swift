import ArgumentParser
import Foundation
import LoadForgePlan
import LoadForgeSpec

/// The load flags of `run` and `plan`: `--pattern` builds a whole pattern from the flags;
/// without it each flag adjusts the file's pattern where it has one meaning (flags beat the file).
struct LoadOverrideOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Replace the file's pattern with one built from these flags (composite stays in the file).",
      valueName: "constant|ramp|step|spike|diurnal"))
  var pattern: LoadOverrides.Kind?

  @Option(
    help: """
      Virtual users: a constant pattern's users; the start (ramp/step from, spike base, diurnal min) when \
      --ramp-to or --peak gives the end, else the end (ramp to, spike peak, diurnal max).
      """
  )
  var users: Int?

  @Option(help: "Iterations per second: --users for the open model (model = \"arrival_rate\").")
  var rate: Int?

  @Option(help: "The users at the end of a ramp or step.")
  var rampTo: Int?

  @Option(help: "Users added per step.")
  var stepSize: Int?

  @Option(help: "How long each step lasts, e.g. 30s.", transform: Self.parseDuration)
  var stepDuration: Int64?

  @Option(help: "A spike's peak, a diurnal max.")
  var peak: Int?

  @Option(
    help: "A diurnal cycle's length, e.g. 10m (default with --pattern: the duration).", transform: Self.parseDuration)
  var period: Int64?

  @Option(
    help: "Total duration of the load pattern, e.g. 30s, 5m (a file's step or composite: its stages set it).",
    transform: Self.parseDuration)
  var duration: Int64?

  /// Checks every flag and reports all problems at once (one per line), so a command line
  /// needs one round of fixes, not one per flag.
  /// - Throws: `ValidationError` (exit 2) listing each value out of range, then each missing,
  ///   misplaced or conflicting `--pattern` flag (`LoadOverrides.flagPattern()`).
  func validate() throws {
    var problems: [String] = []
    if let users, users < 1 { problems.append("--users must be at least 1") }
    if let rate, rate < 1 { problems.append("--rate must be at least 1") }
    if let rampTo, rampTo < 0 { problems.append("--ramp-to must be at least 0") }
    if let stepSize, stepSize < 1 { problems.append("--step-size must be at least 1") }
    if let peak, peak < 1 { problems.append("--peak must be at least 1") }
    if let stepDuration, stepDuration <= 0 { problems.append("--step-duration must be greater than 0") }
    if let period, period <= 0 { problems.append("--period must be greater than 0") }
    if let duration, duration <= 0 { problems.append("--duration must be greater than 0") }
    do {
      _ = try flags.flagPattern()
    } catch {
      // A flag out of range above would be named again by the pattern's own check (`--users: …`).
      let named = problems.compactMap { $0.split(separator: " ").first.map { "\($0):" } }
      problems += error.messages.filter { message in !named.contains { message.hasPrefix($0) } }
    }
    if users != nil, rate != nil, pattern == nil { problems.insert("give --users or --rate, not both", at: 0) }
    guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "\n")) }
  }

  /// The flags as given, without the environment.
  var flags: LoadOverrides {
    LoadOverrides(
      pattern: pattern, users: users, rate: rate, rampTo: rampTo, stepSize: stepSize,
      stepDurationMicros: stepDuration, peak: peak, periodMicros: period, durationMicros: duration)
  }

  /// The overrides in force: each flag, else its environment variable (`LOADFORGE_USERS`,
  /// `LOADFORGE_DURATION`), else nothing (the file's value). Precedence, lowest first:
  /// built-in defaults < config file < environment < command line. With `--pattern` the
  /// environment is not read: the flags describe the whole pattern.
  /// - Throws: `ValidationError` (exit 2) for an environment value that is not valid.
  func overrides(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LoadOverrides {
    var result = flags
    guard pattern == nil else { return result }
    if result.level == nil, let text = environment["LOADFORGE_USERS"], !text.isEmpty {
      guard let n = Int(text), n >= 1 else {
        throw ValidationError("LOADFORGE_USERS must be a whole number ≥ 1, got \"\(text)\"")
      }
      result.users = n
    }
    if result.durationMicros == nil, let text = environment["LOADFORGE_DURATION"], !text.isEmpty {
      guard let micros = DurationParser.micros(text), micros > 0 else {
        throw ValidationError("LOADFORGE_DURATION must be a duration like 30s, got \"\(text)\"")
      }
      result.durationMicros = micros
    }
    return result
  }

  static func parseDuration(_ text: String) throws -> Int64 {
    switch DurationParser.parse(text) {
    case .success(let micros): return micros
    case .failure(.tooLarge): throw ValidationError("duration \"\(text)\" is too large")
    case .failure(.malformed):
      throw ValidationError("invalid duration \"\(text)\": use a number with a unit, e.g. 500ms, 30s, 5m, 1h")
    }
  }
}

extension LoadOverrides.Kind: ExpressibleByArgument {}
