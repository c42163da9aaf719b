import ArgumentParser
import Foundation

/// `loadforge validate FILE`: parses, validates and compiles a config without sending traffic.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate", abstract: "Check a config file and report every problem with its location.")

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    do {
      let (spec, source) = try ConfigLoading.loadSpec(path: configOptions.path)
      let plan = try ConfigLoading.compile(
        spec: spec, source: source, environment: ProcessInfo.processInfo.environment, overrides: .init())
      print("\(configOptions.path): ok (\(plan.scenarios.count) scenarios, \(plan.endpoints.count) endpoints, \(plan.load.pattern.kindName) for \(plan.load.durationSeconds.formattedSeconds))")
    } catch let error as ConfigError {
      FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
      throw ExitCode(ExitStatus.configError)
    }
  }
}

extension Double {
  /// `30s`, `1m30s`, `1.5s`.
  var formattedSeconds: String {
    if self == rounded(), self >= 60 {
      let s = Int(self)
      return (s >= 3600 ? "\(s / 3600)h" : "") + (s % 3600 >= 60 ? "\(s % 3600 / 60)m" : "") + (s % 60 > 0 ? "\(s % 60)s" : "")
    }
    return self == rounded() ? "\(Int(self))s" : "\(self)s"
  }
}
