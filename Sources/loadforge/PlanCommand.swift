import ArgumentParser
import Foundation
import LoadForgePlan
import LoadForgeReport

/// `loadforge plan FILE`: what a run would do, for humans (`PlanSummaryView`) or as JSON,
/// with the environment's values masked in both (`MaskedPlan`).
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Show the compiled plan: scenarios and weights, requests, load curve, peak and connections.",
    discussion: """
      Values that came from the environment show as ${NAME} (--json too); durations and counts \
      show their real values. Takes the same load flags as run (--pattern, --users, …).

      Exit codes: 0 the plan compiles, 1 config error, 2 usage error.
      """)

  @OptionGroup var configOptions: ConfigOptions
  @OptionGroup var load: LoadOverrideOptions
  @OptionGroup var environment: EnvironmentOptions

  @Flag(help: "Print the plan as JSON (secrets masked) instead of the summary.")
  var json = false

  func run() throws {
    let overrides = try load.overrides()
    // The real compile reports every problem (exit 1) and prints warnings; the masked one shows.
    _ = try ConfigLoading.loadPlanOrExit(path: configOptions.path, environment: environment, overrides: overrides)
    let masked: MaskedPlan.Compiled
    do {
      masked = try MaskedPlan.compile(
        path: configOptions.path, environment: try environment.environment(), overrides: overrides)
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }
    if json {
      FileHandle.standardOutput.write(try masked.json())
    } else {
      let tokens = masked.tokens
      let view = PlanSummaryView(plan: masked.plan, display: { tokens.reveal($0) })
      FileHandle.standardOutput.write(Data(view.render().utf8))
    }
  }
}

extension Plan {
  /// Pretty, key-sorted JSON, as `loadforge plan --json` prints it and runs store it in plan.json.
  static var jsonEncoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // snake_case like summary.json and snapshots.ndjson.
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return encoder
  }
}
