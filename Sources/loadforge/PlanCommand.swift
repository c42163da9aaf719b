import ArgumentParser
import Foundation
import LoadForgePlan

/// `loadforge plan FILE`: prints the compiled plan as JSON.
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan", abstract: "Print the compiled plan (scenarios, weights, requests, load curve) as JSON.")

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    do {
      let (spec, source) = try ConfigLoading.loadSpec(path: configOptions.path)
      let plan = try ConfigLoading.compile(
        spec: spec, source: source, environment: ProcessInfo.processInfo.environment, overrides: .init())
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      FileHandle.standardOutput.write(try encoder.encode(plan) + Data("\n".utf8))
    } catch let error as ConfigError {
      FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
      throw ExitCode(ExitStatus.configError)
    }
  }
}
