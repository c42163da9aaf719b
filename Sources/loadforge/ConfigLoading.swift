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
  /// The `[[data]]` files it loads, for excerpts of problems located in them.
  var dataSources: [SourceText] = []
  /// Whether warnings fail (`validate --strict`): the count line says so.
  var strict = false

  /// Compiler-style text with caret excerpts and a count line.
  var rendered: String {
    let sources = (source.map { [$0] } ?? []) + dataSources
    let body = diagnostics.map { d in
      d.rendered(source: sources.first { $0.file == d.location?.file } ?? source)
    }.joined(separator: "\n\n")
    guard diagnostics.count > 1 || diagnostics.first?.location != nil else { return body }
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    var counts: [String] = []
    if errors > 0 { counts.append(errors == 1 ? "1 problem found" : "\(errors) problems found") }
    if warnings > 0 {
      counts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings")
      if strict { counts.append(warnings == 1 ? "an error under --strict" : "errors under --strict") }
    }
    return body + "\n\n" + counts.joined(separator: ", ")
  }

  /// Whether any diagnostic is an error (not only warnings).
  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  var description: String { rendered }
}

/// Reads a config file, parses it by extension (TOML, YAML, JSON), validates it and compiles the plan.
enum ConfigLoading {
  /// Reads, parses, decodes and compiles `path` in one pass: the decoder's problems and the
  /// compiler's (data files, JSONPaths, `${VAR}`, `${vu.NAME}`, url origins, threshold names)
  /// are found together, the compiler running on the decoder's best-effort spec
  /// (`SpecDecoder.decodeAll`), so one run reports every problem. Warnings (`PlanLint`) are added
  /// only when there is no error: on a broken config they would mostly repeat it.
  /// - Parameter environment: variables for `${VAR}` in durations, counts and strings.
  /// - Returns: the plan when there is no error, and every problem (errors, or warnings only) in
  ///   source order, with the sources to render them.
  static func check(
    path: String, environment: [String: String], overrides: LoadOverrides = LoadOverrides()
  ) -> (plan: Plan?, problems: ConfigError) {
    func fileProblem(_ message: String, help: String? = nil) -> (Plan?, ConfigError) {
      (nil, ConfigError(file: path, diagnostics: [Diagnostic(message, at: nil, help: help)], source: nil))
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return fileProblem("config file \(path) does not exist")
    }
    if isDirectory.boolValue { return fileProblem("\(path) is a directory, not a config file") }
    let bytes: [UInt8]
    do {
      bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      return fileProblem("cannot read config file \(path): \(Self.reason(error))")
    }
    guard let format = ConfigFormat(path: path) else {
      let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
      let what = ext.isEmpty ? "a file without an extension" : "\".\(ext)\" files"
      return fileProblem(
        "\(path): cannot read \(what)", help: "name the config file *.toml, *.yaml, *.yml or *.json")
    }
    let source = SourceText(file: path, bytes: bytes)
    let root: ConfigValue
    do {
      root = try format.parse(bytes, file: path)
    } catch {
      return (nil, ConfigError(file: path, diagnostics: [error], source: source))
    }
    let (spec, decoded) = SpecDecoder.decodeAll(root, environment: environment)
    guard let spec else { return (nil, ConfigError(file: path, diagnostics: decoded, source: source)) }
    let reader = dataFileReader(configPath: path)
    var dataSources: [SourceText] = []
    let (plan, compiled) = PlanCompiler.check(
      spec, environment: environment, overrides: overrides,
      readFile: { (file: String) throws(DataFileError) -> DataFile in
        let data = try reader(file)
        dataSources.append(SourceText(file: data.path, bytes: data.bytes))
        return data
      },
      resolveFile: { (file: String) throws(DataFileError) -> String in
        let resolved = Self.resolve(file, configPath: path)
        try Self.checkCertificateFile(resolved)
        return resolved
      })
    var problems = ConfigError(
      file: path, diagnostics: DiagnosticList(decoded + compiled).sortedByPosition().diagnostics, source: source,
      dataSources: dataSources)
    guard let plan, problems.diagnostics.isEmpty else { return (nil, problems) }
    problems.diagnostics = PlanLint.warnings(spec: spec, plan: plan, environment: environment)
    return (plan, problems)
  }

  /// Loads, validates and compiles `path`.
  /// - Returns: the plan and its warnings (`PlanLint`), with the source to render them.
  /// - Throws: `ConfigError` with every problem found.
  static func loadPlan(
    path: String, environment: [String: String], overrides: LoadOverrides = LoadOverrides()
  ) throws(ConfigError) -> (plan: Plan, warnings: ConfigError) {
    let (plan, problems) = check(path: path, environment: environment, overrides: overrides)
    guard let plan, !problems.hasErrors else { throw problems }
    return (plan, problems)
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

  /// Checks that `path` is a readable PEM file holding at least one certificate (what libcurl's
  /// CURLOPT_CAINFO reads), so a key or a directory given as `[tls] ca_file` is a config error,
  /// not a TLS error on every request.
  /// - Throws: `DataFileError` saying what is wrong.
  static func checkCertificateFile(_ path: String) throws(DataFileError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DataFileError("\(path) does not exist")
    }
    if isDirectory.boolValue { throw DataFileError("\(path) is a directory, not a PEM file") }
    guard let data = FileManager.default.contents(atPath: path) else { throw DataFileError("\(path) cannot be read") }
    guard String(decoding: data, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
      throw DataFileError("\(path) holds no certificate (no -----BEGIN CERTIFICATE----- line)")
    }
  }

  /// `file` as written in the config at `configPath`: absolute, or relative to the config's directory.
  static func resolve(_ file: String, configPath: String) -> String {
    if file.hasPrefix("/") { return file }
    return URL(fileURLWithPath: configPath).deletingLastPathComponent().appendingPathComponent(file).standardizedFileURL
      .path
  }
}
