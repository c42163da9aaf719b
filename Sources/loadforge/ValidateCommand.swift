import ArgumentParser
import Foundation
import LoadForgeConfig
import LoadForgePlan

/// `loadforge validate FILE...`: parses, validates and compiles configs without sending traffic,
/// for pull-request checks. Exit 0 when every file is valid, 1 when any is not, 2 on usage errors.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check config files and report every problem with its location.",
    discussion: """
      Formats: text (default; compiler-style with caret excerpts), json (one object per file with its diagnostics), \
      github (GitHub Actions ::error/::warning annotations). Exit codes: 0 all valid (warnings allowed unless \
      --strict), 1 any invalid, 2 usage error.
      """)

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github
  }

  @Argument(help: "Config files (.toml, .yaml/.yml, .json).")
  var files: [String] = []

  @Option(name: .customLong("config"), help: "A config file (same as an argument).")
  var config: String?

  @Option(help: "Output format: text, json or github.")
  var format: OutputFormat = .text

  @OptionGroup var environmentOptions: EnvironmentOptions

  func validate() throws {
    if paths.isEmpty {
      throw ValidationError("missing config file: give one or more as arguments, or --config loadtest.toml")
    }
  }

  var paths: [String] { files + (config.map { [$0] } ?? []) }

  @Flag(help: "Treat warnings (likely mistakes, e.g. a think time as long as the test) as errors.")
  var strict = false

  /// One file's outcome: its plan when it compiled, and its problems (errors, or warnings only).
  struct FileReport {
    var path: String
    var plan: Plan?
    var problems: ConfigError?

    var diagnostics: [Diagnostic] { problems?.diagnostics ?? [] }
    func passes(strict: Bool) -> Bool { plan != nil && (!strict || diagnostics.isEmpty) }
  }

  func run() throws {
    var reports: [FileReport] = []
    let environment: [String: String]
    do {
      environment = try environmentOptions.environment()
    } catch {
      reports.append(FileReport(path: error.file, plan: nil, problems: error))
      environment = ProcessInfo.processInfo.environment
    }
    for path in paths {
      do {
        let (plan, warnings) = try ConfigLoading.loadPlan(path: path, environment: environment)
        reports.append(FileReport(path: path, plan: plan, problems: warnings.diagnostics.isEmpty ? nil : warnings))
      } catch {
        reports.append(FileReport(path: path, plan: nil, problems: error))
      }
    }
    let output: String
    switch format {
    case .text: output = Self.text(reports, colour: isatty(STDERR_FILENO) == 1, strict: strict)
    case .json: output = try Self.json(reports, strict: strict)
    case .github: output = Self.github(reports)
    }
    // Text goes to stderr like every other error; machine formats to stdout for redirection.
    let handle = format == .text ? FileHandle.standardError : FileHandle.standardOutput
    if !output.isEmpty { handle.write(Data(output.utf8)) }
    for report in reports where format == .text && report.passes(strict: strict) {
      guard let plan = report.plan else { continue }
      let warnings = report.diagnostics.count
      let note = warnings == 0 ? "" : warnings == 1 ? ", 1 warning" : ", \(warnings) warnings"
      print("\(report.path): ok (\(Self.describe(plan))\(note))")
    }
    if !reports.allSatisfy({ $0.passes(strict: strict) }) {
      throw ExitCode(ExitStatus.configError)
    }
  }

  static func describe(_ plan: Plan) -> String {
    let scenarios = plan.scenarios.count == 1 ? "1 scenario" : "\(plan.scenarios.count) scenarios"
    let endpoints = plan.endpoints.count == 1 ? "1 endpoint" : "\(plan.endpoints.count) endpoints"
    return "\(scenarios), \(endpoints), \(plan.load.summary)"
  }

  static func text(_ reports: [FileReport], colour: Bool, strict: Bool = false) -> String {
    var out = ""
    for report in reports {
      guard var problems = report.problems else { continue }
      problems.strict = strict
      let rendered = problems.rendered
      out += (colour ? Self.colourSeverities(rendered) : rendered) + "\n"
    }
    return out
  }

  /// Bold red `error:` and bold yellow `warning:` where a diagnostic starts (the start of a
  /// line), like compilers on a terminal; the same words inside messages stay as they are.
  static func colourSeverities(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      if line.hasPrefix("error:") { return "\u{1B}[1;31merror:\u{1B}[0m" + line.dropFirst(6) }
      if line.hasPrefix("warning:") { return "\u{1B}[1;33mwarning:\u{1B}[0m" + line.dropFirst(8) }
      return String(line)
    }.joined(separator: "\n")
  }

  /// The file a diagnostic is in: a `[[data]]` CSV for a problem inside one, else the config.
  static func file(of d: Diagnostic, in report: FileReport) -> String {
    if let l = d.location, l.line > 0 { return l.file }
    return report.path
  }

  /// `[{"file": …, "valid": bool, "diagnostics": [{"file", "severity", "message", "help", "note", "line",
  /// "column", "length", "included_from": {"file", "line", "column"}}]}]`; a diagnostic's `file` is the
  /// CSV for a problem inside a `[[data]]` file, and `included_from` where the config names it.
  static func json(_ reports: [FileReport], strict: Bool) throws -> String {
    let objects: [[String: Any]] = reports.map { report in
      let diagnostics: [[String: Any]] = report.diagnostics.map { d in
        var o: [String: Any] = [
          "severity": d.severity.rawValue, "message": d.message, "file": Self.file(of: d, in: report),
        ]
        if let help = d.help { o["help"] = help }
        if let note = d.note { o["note"] = note }
        if let l = d.location, l.line > 0 {
          o["line"] = l.line
          o["column"] = l.column
          o["length"] = d.length
        }
        if let from = d.includedFrom {
          o["included_from"] = ["file": from.file, "line": from.line, "column": from.column] as [String: Any]
        }
        return o
      }
      return ["file": report.path, "valid": report.passes(strict: strict), "diagnostics": diagnostics]
    }
    let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=…::message`, escaped as
  /// the runner expects (`%`, CR, LF in data; also `:` and `,` in properties).
  static func github(_ reports: [FileReport]) -> String {
    func data(_ s: String) -> String {
      s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
        .replacingOccurrences(of: "\n", with: "%0A")
    }
    func property(_ s: String) -> String {
      data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
    var out = ""
    for report in reports {
      for d in report.diagnostics {
        var properties = "file=\(property(Self.file(of: d, in: report)))"
        if let l = d.location, l.line > 0 { properties += ",line=\(l.line),col=\(l.column)" }
        properties += ",title=\(property("loadforge validate"))"
        var message = d.help.map { "\(d.message) — \($0)" } ?? d.message
        if let note = d.note { message += " (\(note))" }
        out += "::\(d.severity.rawValue) \(properties)::\(data(message))\n"
      }
    }
    return out
  }
}
