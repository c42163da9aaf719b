import ArgumentParser
import Foundation
import LoadForgePlan
import LoadForgeSpec

/// `--users` and `--duration`: command-line overrides of the config's load (flags beat the file).
struct LoadOverrideOptions: ParsableArguments {
  @Option(
    help: """
      Virtual users: a constant pattern's users, a ramp's final count, a spike's peak, a diurnal max \
      (not step or composite).
      """
  )
  var users: Int?

  @Option(
    help: "Total duration of the load pattern, e.g. 30s, 5m (not step or composite: their stages set it).",
    transform: Self.parseDuration)
  var duration: Int64?

  func validate() throws {
    if let users, users < 1 { throw ValidationError("--users must be at least 1") }
    if let duration, duration <= 0 { throw ValidationError("--duration must be greater than 0") }
  }

  /// The overrides in force: each flag, else its environment variable (`LOADFORGE_USERS`,
  /// `LOADFORGE_DURATION`), else nothing (the file's value). Precedence, lowest first:
  /// built-in defaults < config file < environment < command line.
  /// - Throws: `ValidationError` (exit 2) for an environment value that is not valid.
  func overrides(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LoadOverrides {
    var result = LoadOverrides(users: users, durationMicros: duration)
    if result.users == nil, let text = environment["LOADFORGE_USERS"], !text.isEmpty {
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
