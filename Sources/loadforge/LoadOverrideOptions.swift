import ArgumentParser
import LoadForgePlan
import LoadForgeSpec

/// `--users` and `--duration`: command-line overrides of the config's load (flags beat the file).
struct LoadOverrideOptions: ParsableArguments {
  @Option(help: "Virtual users: a constant pattern's users, or a ramp's final count.")
  var users: Int?

  @Option(help: "Total duration of the load pattern (e.g. 30s, 5m).", transform: Self.parseDuration)
  var duration: Int64?

  func validate() throws {
    if let users, users < 1 { throw ValidationError("--users must be at least 1") }
    if let duration, duration <= 0 { throw ValidationError("--duration must be greater than 0") }
  }

  var overrides: LoadOverrides { LoadOverrides(users: users, durationMicros: duration) }

  static func parseDuration(_ text: String) throws -> Int64 {
    switch DurationParser.parse(text) {
    case .success(let micros): return micros
    case .failure(.tooLarge): throw ValidationError("duration \"\(text)\" is too large")
    case .failure(.malformed):
      throw ValidationError("invalid duration \"\(text)\": use a number with a unit, e.g. 500ms, 30s, 5m, 1h")
    }
  }
}
