import ArgumentParser

@main
struct LoadForgeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "loadforge",
    abstract: "Load-test HTTP services with realistic traffic declared in a config file.",
    version: LoadForgeVersion.current,
    subcommands: [RunCommand.self, ValidateCommand.self, PlanCommand.self])
}

enum LoadForgeVersion {
  static let current = "0.1.0"
}

/// Process exit codes (documented in README.md).
enum ExitStatus {
  static let configError: Int32 = 1
  static let interrupted: Int32 = 130
}
