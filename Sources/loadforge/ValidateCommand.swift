import ArgumentParser
import Foundation

/// `loadforge validate FILE`: parses, validates and compiles a config without sending traffic.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate", abstract: "Check a config file and report every problem with its location.")

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    let plan = try ConfigLoading.loadPlanOrExit(path: configOptions.path)
    let scenarios = plan.scenarios.count == 1 ? "1 scenario" : "\(plan.scenarios.count) scenarios"
    let endpoints = plan.endpoints.count == 1 ? "1 endpoint" : "\(plan.endpoints.count) endpoints"
    print("\(configOptions.path): ok (\(scenarios), \(endpoints), \(plan.load.pattern.summary))")
  }
}
