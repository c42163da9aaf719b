import ArgumentParser
import Foundation

/// `loadforge init [NAME]`: writes a commented, valid starter config.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a starter config file (NAME.toml by default) that runs against the example nginx.",
    discussion: "Never overwrites an existing file unless --force is given.")

  @Argument(help: "Test name; the file is NAME.<format> (default: loadtest).")
  var name: String = "loadtest"

  @Option(help: "File format: toml, yaml or json.")
  var format: InitFormat = .toml

  @Option(help: "Starter: basic (constant users) or ramp.")
  var template: InitTemplate = .basic

  @Flag(help: "Overwrite an existing file.")
  var force = false

  func validate() throws {
    let allowed = name.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || "-_.".unicodeScalars.contains($0)
    }
    guard !name.isEmpty, allowed, !name.hasPrefix(".") else {
      throw ValidationError("NAME must be letters, digits, '-', '_' or '.', e.g. checkout-flow")
    }
  }

  func run() throws {
    let path = "\(name).\(format.rawValue)"
    if FileManager.default.fileExists(atPath: path), !force {
      FileHandle.standardError.write(Data("error: \(path) already exists (use --force to overwrite it)\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }
    do {
      try template.text(name: name, format: format).write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      FileHandle.standardError.write(Data("error: cannot write \(path): \(ConfigLoading.reason(error))\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }
    print("wrote \(path)\nnext: loadforge validate \(path) && loadforge run \(path)")
  }
}

extension InitFormat: ExpressibleByArgument {}
extension InitTemplate: ExpressibleByArgument {}
