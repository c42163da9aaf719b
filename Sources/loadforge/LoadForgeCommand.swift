import ArgumentParser
import Foundation

@main
struct LoadForgeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "loadforge",
    abstract: "Load-test HTTP services with realistic traffic declared in a config file.",
    version: LoadForgeVersion.current,
    subcommands: [
      RunCommand.self, ValidateCommand.self, PlanCommand.self, InitCommand.self, ReportCommand.self,
      DemoTargetCommand.self, DashboardCommand.self,
    ])

  /// Like the default entry point, but usage errors exit with 2 (the code README documents and
  /// shells use) instead of swift-argument-parser's EX_USAGE (64).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitStatus.usage)
      }
      exit(withError: error)
    }
  }
}

enum LoadForgeVersion {
  static let current = "0.1.0"
}

/// Process exit codes (documented in README.md).
enum ExitStatus {
  static let configError: Int32 = 1
  static let usage: Int32 = 2
  static let interrupted: Int32 = 130
}
