import ArgumentParser
import Foundation
import LoadForgeConfig
import LoadForgePlan
import LoadForgeSpec

/// A config problem, rendered with caret excerpts, that ends the command with exit code 1.
struct ConfigError: Error, CustomStringConvertible {
  var rendered: String
  var description: String { rendered }
}

/// Reads a config file, parses it by extension, validates it and compiles the plan.
enum ConfigLoading {
  /// - Throws: `ConfigError` (rendered diagnostics) for unreadable, malformed or invalid configs.
  static func loadSpec(path: String) throws -> (spec: LoadTestSpec, source: SourceText) {
    let bytes: [UInt8]
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ConfigError(rendered: "error: config file \(path) does not exist")
    }
    if isDirectory.boolValue {
      throw ConfigError(rendered: "error: \(path) is a directory, not a config file")
    }
    do {
      bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw ConfigError(rendered: "error: cannot read config file \(path): \(Self.reason(error))")
    }
    let source = SourceText(file: path, bytes: bytes)
    guard let format = ConfigFormat(path: path) else {
      let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
      let what = ext.isEmpty ? "a file without an extension" : "\".\(ext)\" files"
      throw ConfigError(
        rendered: "error: \(path): cannot read \(what)\n  = help: name the config file *.toml, *.yaml, *.yml or *.json")
    }
    let root: ConfigValue
    do {
      root = try format.parse(bytes, file: path)
    } catch {
      throw ConfigError(rendered: error.rendered(source: source))
    }
    do {
      return (try SpecDecoder.decode(root), source)
    } catch {
      throw ConfigError(rendered: error.rendered(source: source) + "\n\n\(Self.count(error.diagnostics))")
    }
  }

  static func compile(
    spec: LoadTestSpec, source: SourceText, environment: [String: String], overrides: LoadOverrides
  ) throws -> Plan {
    do {
      return try PlanCompiler.compile(spec, environment: environment, overrides: overrides)
    } catch {
      throw ConfigError(rendered: error.rendered(source: source) + "\n\n\(Self.count(error.diagnostics))")
    }
  }

  /// Loads, validates and compiles `path` with the process environment; on a config error prints
  /// the rendered diagnostics to stderr and exits with code 1.
  /// - Throws: `ExitCode(1)` after printing, for any config error.
  static func loadPlanOrExit(path: String, overrides: LoadOverrides = LoadOverrides()) throws -> Plan {
    do {
      let (spec, source) = try loadSpec(path: path)
      return try compile(
        spec: spec, source: source, environment: ProcessInfo.processInfo.environment, overrides: overrides)
    } catch let error as ConfigError {
      FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
      throw ExitCode(ExitStatus.configError)
    }
  }

  static func count(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.count == 1 ? "1 problem found" : "\(diagnostics.count) problems found"
  }

  static func reason(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return ns.localizedDescription
  }
}
