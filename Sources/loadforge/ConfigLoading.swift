import ArgumentParser
import Foundation
import LoadForgeConfig
import LoadForgePlan
import LoadForgeSpec

/// Every problem with one config file; ends `run`/`plan` with exit code 1 and is what
/// `validate` reports in its formats.
struct ConfigError: Error, CustomStringConvertible {
  /// The path as the user gave it.
  var file: String
  /// Located problems; a file-level problem (missing, unreadable) has no location.
  var diagnostics: [Diagnostic]
  /// The file's text, for caret excerpts (nil when it could not be read).
  var source: SourceText?

  /// Compiler-style text with caret excerpts and a count line.
  var rendered: String {
    let body = DiagnosticList(diagnostics).rendered(source: source)
    guard diagnostics.count > 1 || diagnostics.first?.location != nil else { return body }
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    var counts: [String] = []
    if errors > 0 { counts.append(errors == 1 ? "1 problem found" : "\(errors) problems found") }
    if warnings > 0 { counts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
    return body + "\n\n" + counts.joined(separator: ", ")
  }

  /// Whether any diagnostic is an error (not only warnings).
  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  var description: String { rendered }
}

/// Reads a config file, parses it by extension (TOML, YAML, JSON), validates it and compiles the plan.
enum ConfigLoading {
  /// - Parameter environment: variables for `${VAR}` in durations and counts (the same the plan
  ///   compiler interpolates strings with).
  /// - Throws: `ConfigError` for unreadable, malformed or invalid configs.
  static func loadSpec(path: String, environment: [String: String]) throws(ConfigError) -> (
    spec: LoadTestSpec, source: SourceText
  ) {
    func fileProblem(_ message: String, help: String? = nil) -> ConfigError {
      ConfigError(file: path, diagnostics: [Diagnostic(message, at: nil, help: help)], source: nil)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw fileProblem("config file \(path) does not exist")
    }
    if isDirectory.boolValue { throw fileProblem("\(path) is a directory, not a config file") }
    let bytes: [UInt8]
    do {
      bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw fileProblem("cannot read config file \(path): \(Self.reason(error))")
    }
    guard let format = ConfigFormat(path: path) else {
      let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
      let what = ext.isEmpty ? "a file without an extension" : "\".\(ext)\" files"
      throw fileProblem(
        "\(path): cannot read \(what)", help: "name the config file *.toml, *.yaml, *.yml or *.json")
    }
    let source = SourceText(file: path, bytes: bytes)
    let root: ConfigValue
    do {
      root = try format.parse(bytes, file: path)
    } catch {
      throw ConfigError(file: path, diagnostics: [error], source: source)
    }
    do {
      return (try SpecDecoder.decode(root, environment: environment), source)
    } catch {
      throw ConfigError(file: path, diagnostics: error.diagnostics, source: source)
    }
  }

  /// Loads, validates and compiles `path`.
  /// - Returns: the plan and its warnings (`PlanLint`), with the source to render them.
  /// - Throws: `ConfigError` with every problem found.
  static func loadPlan(
    path: String, environment: [String: String], overrides: LoadOverrides = LoadOverrides()
  ) throws(ConfigError) -> (plan: Plan, warnings: ConfigError) {
    let (spec, source) = try loadSpec(path: path, environment: environment)
    do {
      let plan = try PlanCompiler.compile(
        spec, environment: environment, overrides: overrides, readFile: dataFileReader(configPath: path))
      return (plan, ConfigError(file: path, diagnostics: PlanLint.warnings(spec: spec, plan: plan), source: source))
    } catch {
      throw ConfigError(file: path, diagnostics: error.diagnostics, source: source)
    }
  }

  /// `loadPlan` with the environment of `--env`/`--env-file` over the process's; on a config
  /// error prints the rendered diagnostics to stderr and exits with code 1.
  /// - Throws: `ExitCode(1)` after printing, for any config or env-file error.
  static func loadPlanOrExit(
    path: String, environment: EnvironmentOptions, overrides: LoadOverrides = LoadOverrides()
  ) throws -> Plan {
    do {
      let (plan, warnings) = try loadPlan(
        path: path, environment: try environment.environment(), overrides: overrides)
      if !warnings.diagnostics.isEmpty {
        FileHandle.standardError.write(Data((warnings.rendered + "\n\n").utf8))
      }
      return plan
    } catch {
      FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
      throw ExitCode(ExitStatus.configError)
    }
  }

  /// Reads `[[data]]` files relative to the directory of the config at `configPath` (an
  /// absolute path is used as is); messages name the file as joined, e.g. `examples/data/users.csv`.
  static func dataFileReader(configPath: String) -> (String) throws(DataFileError) -> DataFile {
    let directory = URL(fileURLWithPath: configPath).deletingLastPathComponent().relativePath
    return { (file: String) throws(DataFileError) -> DataFile in
      let joined =
        file.hasPrefix("/") || directory == "." || directory.isEmpty ? file : directory + "/" + file
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: joined, isDirectory: &isDirectory) else {
        throw DataFileError("\(joined) does not exist")
      }
      if isDirectory.boolValue { throw DataFileError("\(joined) is a directory") }
      do {
        return DataFile(path: joined, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: joined))))
      } catch {
        throw DataFileError(Self.reason(error))
      }
    }
  }

  static func reason(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return ns.localizedDescription
  }
}
