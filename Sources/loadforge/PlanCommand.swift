import ArgumentParser
import Foundation
import LoadForgePlan

/// `loadforge plan FILE`: prints the compiled plan as JSON.
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan", abstract: "Print the compiled plan (scenarios, weights, requests, load curve) as JSON.")

  @OptionGroup var configOptions: ConfigOptions
  @OptionGroup var load: LoadOverrideOptions
  @OptionGroup var environment: EnvironmentOptions

  func run() throws {
    let plan = try ConfigLoading.loadPlanOrExit(
      path: configOptions.path, environment: environment, overrides: try load.overrides())
    FileHandle.standardOutput.write(try Plan.jsonEncoder.encode(plan) + Data("\n".utf8))
  }
}

extension Plan {
  /// Pretty, key-sorted JSON, as `loadforge plan` prints it and runs store it in plan.json.
  static var jsonEncoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // snake_case like summary.json and snapshots.ndjson.
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return encoder
  }
}
