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
      github (GitHub Actions ::error annotations). Exit codes: 0 all valid, 1 any invalid, 2 usage error.
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

  func run() throws {
    var results: [(path: String, outcome: Result<Plan, ConfigError>)] = []
    let environment: [String: String]
    do {
      environment = try environmentOptions.environment()
    } catch {
      results.append((error.file, .failure(error)))
      environment = ProcessInfo.processInfo.environment
    }
    for path in paths {
      do {
        results.append((path, .success(try ConfigLoading.loadPlan(path: path, environment: environment))))
      } catch {
        results.append((path, .failure(error)))
      }
    }
    let output: String
    switch format {
    case .text: output = Self.text(results, colour: isatty(STDERR_FILENO) == 1)
    case .json: output = try Self.json(results)
    case .github: output = Self.github(results)
    }
    // Text goes to stderr like every other error; machine formats to stdout for redirection.
    let handle = format == .text ? FileHandle.standardError : FileHandle.standardOutput
    if !output.isEmpty { handle.write(Data(output.utf8)) }
    for case (let path, .success(let plan)) in results where format == .text {
      print("\(path): ok (\(Self.describe(plan)))")
    }
    if results.contains(where: { if case .failure = $0.outcome { true } else { false } }) {
      throw ExitCode(ExitStatus.configError)
    }
  }

  static func describe(_ plan: Plan) -> String {
    let scenarios = plan.scenarios.count == 1 ? "1 scenario" : "\(plan.scenarios.count) scenarios"
    let endpoints = plan.endpoints.count == 1 ? "1 endpoint" : "\(plan.endpoints.count) endpoints"
    return "\(scenarios), \(endpoints), \(plan.load.pattern.summary)"
  }

  static func text(_ results: [(path: String, outcome: Result<Plan, ConfigError>)], colour: Bool) -> String {
    var out = ""
    for case (_, .failure(let error)) in results {
      var rendered = error.rendered
      if colour {
        // Bold red "error:", like compilers on a terminal.
        rendered = rendered.replacingOccurrences(of: "error:", with: "\u{1B}[1;31merror:\u{1B}[0m")
      }
      out += rendered + "\n"
    }
    return out
  }

  /// `[{"file": …, "valid": bool, "diagnostics": [{"severity", "message", "help", "line", "column", "length"}]}]`.
  static func json(_ results: [(path: String, outcome: Result<Plan, ConfigError>)]) throws -> String {
    let objects: [[String: Any]] = results.map { result in
      var diagnostics: [[String: Any]] = []
      if case .failure(let error) = result.outcome {
        diagnostics = error.diagnostics.map { d in
          var o: [String: Any] = ["severity": "error", "message": d.message]
          if let help = d.help { o["help"] = help }
          if let l = d.location, l.line > 0 {
            o["line"] = l.line
            o["column"] = l.column
            o["length"] = d.length
          }
          return o
        }
      }
      return ["file": result.path, "valid": diagnostics.isEmpty, "diagnostics": diagnostics]
    }
    let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=…::message`, escaped as
  /// the runner expects (`%`, CR, LF in data; also `:` and `,` in properties).
  static func github(_ results: [(path: String, outcome: Result<Plan, ConfigError>)]) -> String {
    func data(_ s: String) -> String {
      s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
        .replacingOccurrences(of: "\n", with: "%0A")
    }
    func property(_ s: String) -> String {
      data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
    var out = ""
    for case (let path, .failure(let error)) in results {
      for d in error.diagnostics {
        var properties = "file=\(property(path))"
        if let l = d.location, l.line > 0 { properties += ",line=\(l.line),col=\(l.column)" }
        properties += ",title=\(property("loadforge validate"))"
        let message = d.help.map { "\(d.message) — \($0)" } ?? d.message
        out += "::error \(properties)::\(data(message))\n"
      }
    }
    return out
  }
}
