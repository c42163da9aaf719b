import LoadForgeConfig
import LoadForgeSpec

extension PlanCompiler {
  /// The traffic pattern of `spec`, with `--users`/`--duration` applied.
  static func trafficPattern(_ spec: PatternSpec, overrides: LoadOverrides) -> TrafficPattern {
    func seconds(_ micros: Int64) -> Double { Double(overrides.durationMicros ?? micros) / 1_000_000 }
    switch spec {
    case .constant(let users, let duration):
      return .constant(ConstantPattern(users: overrides.users ?? users, durationSeconds: seconds(duration)))
    case .ramp(let from, let to, let duration):
      return .ramp(RampPattern(from: from, to: overrides.users ?? to, durationSeconds: seconds(duration)))
    }
  }

  /// `--users`/`--duration` given for a pattern where they have no single meaning.
  static func overrideProblems(_ spec: LoadSpec, overrides: LoadOverrides) -> [Diagnostic] {
    []
  }
}
