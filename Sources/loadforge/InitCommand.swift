import ArgumentParser
import Foundation

/// `loadforge init [NAME]`: writes a commented, valid starter config.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a starter config file (NAME.toml by default) that runs against the example nginx.",
    discussion: "Never overwrites an existing file unless --force is given.")

  @Argument(help: "Test name; the file is NAME.<format> (default: loadtest). NAME.yaml picks the format too.")
  var name: String = "loadtest"

  @Option(help: "File format: toml (default), yaml or json.")
  var format: InitFormat?

  @Option(
    help: """
      Starter: basic (constant users), ramp, step, spike, diurnal, composite (traffic patterns), \
      or api-auth (login with a captured token, checks, logout).
      """)
  var template: InitTemplate = .basic

  @Flag(help: "Overwrite an existing file.")
  var force = false

  /// NAME without a config extension, and the format: `--format`, else NAME's extension, else TOML.
  var target: (name: String, format: InitFormat) {
    for candidate in InitFormat.allCases {
      for ext in candidate == .yaml ? ["yaml", "yml"] : [candidate.rawValue]
      where name.lowercased().hasSuffix(".\(ext)") {
        return (String(name.dropLast(ext.count + 1)), format ?? candidate)
      }
    }
    return (name, format ?? .toml)
  }

  func validate() throws {
    if let format, target.name != name, !name.lowercased().hasSuffix(".\(format.rawValue)"),
      !(format == .yaml && name.lowercased().hasSuffix(".yml"))
    {
      throw ValidationError("\(name) does not match --format \(format.rawValue)")
    }
    let name = target.name
    let allowed = name.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || "-_.".unicodeScalars.contains($0)
    }
    guard !name.isEmpty, allowed, !name.hasPrefix(".") else {
      throw ValidationError("NAME must be letters, digits, '-', '_' or '.', e.g. checkout-flow")
    }
  }

  func run() throws {
    let (name, format) = target
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
    // The command as it was invoked (`.build/release/loadforge` until it is installed).
    let me = CommandLine.arguments.first.map { $0.contains("/") ? $0 : "loadforge" } ?? "loadforge"
    print("wrote \(path)\nnext: \(me) validate \(path) && \(me) run \(path)")
  }
}

extension InitFormat: ExpressibleByArgument {}
extension InitTemplate: ExpressibleByArgument {}
