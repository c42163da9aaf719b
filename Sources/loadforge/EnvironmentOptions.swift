import ArgumentParser
import Foundation
import LoadForgeConfig

/// `--env KEY=VALUE` and `--env-file FILE`: variables for `${VAR}` interpolation, on top of the
/// process environment (process < env files in order < --env flags).
struct EnvironmentOptions: ParsableArguments {
  @Option(name: .customLong("env"), help: "Set a variable for ${VAR} (repeatable): --env TOKEN=abc.")
  var assignments: [String] = []

  @Option(name: .customLong("env-file"), help: "Read KEY=VALUE lines for ${VAR} (repeatable; # comments).")
  var envFiles: [String] = []

  func validate() throws {
    for a in assignments where EnvFile.parseAssignment(a) == nil {
      throw ValidationError("--env needs KEY=VALUE with KEY of letters, digits and _ (got \"\(a)\")")
    }
  }

  /// The environment configs are interpolated with.
  /// - Throws: `ConfigError` for an unreadable or malformed env file (with its line).
  func environment(base: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> [String: String]
  {
    var env = base
    for path in envFiles {
      for (key, value) in try EnvFile.read(path: path) { env[key] = value }
    }
    for a in assignments {
      if let (key, value) = EnvFile.parseAssignment(a) { env[key] = value }
    }
    return env
  }
}

/// Reads `.env`-style files (the rules python-dotenv and docker compose share): `KEY=VALUE` per
/// line, blank lines and `#` comments ignored, an optional `export ` prefix, values optionally in
/// single quotes (literal) or double quotes (`\n`, `\"`, `\\` escapes), ` # comment` after a value.
enum EnvFile {
  static func read(path: String) throws(ConfigError) -> [(String, String)] {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ConfigError(
        file: path, diagnostics: [Diagnostic("cannot read env file \(path): \(ConfigLoading.reason(error))", at: nil)],
        source: nil)
    }
    var pairs: [(String, String)] = []
    var problems: [Diagnostic] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if let pair = parseLine(String(trimmed.hasPrefix("export ") ? trimmed.dropFirst(7) : trimmed)) {
        pairs.append(pair)
      } else {
        problems.append(
          Diagnostic(
            "expected KEY=VALUE", at: SourceLocation(file: path, line: index + 1, column: 1),
            length: max(1, line.count),
            help: "KEY is letters, digits and _; close quoted values; only a # comment may follow them"))
      }
    }
    if !problems.isEmpty {
      throw ConfigError(file: path, diagnostics: problems, source: SourceText(file: path, bytes: Array(text.utf8)))
    }
    return pairs
  }

  /// `KEY=VALUE` from the command line → (KEY, VALUE) with VALUE verbatim (the shell already
  /// handled quoting), or nil when KEY is not a variable name.
  static func parseAssignment(_ text: String) -> (String, String)? {
    guard let eq = text.firstIndex(of: "="), let key = variableName(text[..<eq]) else { return nil }
    return (key, String(text[text.index(after: eq)...]))
  }

  /// One env-file line (after `export `): `KEY=VALUE`, spaces around `=` allowed; an unquoted
  /// VALUE ends before ` #` (a comment) and is trimmed; a quoted one ends at its closing quote
  /// ('…' literal, "…" with \n \" \\ escapes), after which only a comment may follow.
  /// - Returns: nil when the line is not of that form.
  static func parseLine(_ text: String) -> (String, String)? {
    guard let eq = text.firstIndex(of: "="), let key = variableName(text[..<eq]) else { return nil }
    let rest = text[text.index(after: eq)...].drop(while: { $0 == " " || $0 == "\t" })
    guard let quote = rest.first, quote == "\"" || quote == "'" else {
      var value = rest
      if let comment = value.firstRange(of: " #") ?? value.firstRange(of: "\t#") {
        value = value[..<comment.lowerBound]
      }
      while let last = value.last, last == " " || last == "\t" { value = value.dropLast() }
      return (key, String(value))
    }
    var value = ""
    var escaped = false
    var index = rest.index(after: rest.startIndex)
    while index < rest.endIndex {
      let c = rest[index]
      if escaped {
        value.append(c == "n" ? "\n" : c)
        escaped = false
      } else if quote == "\"" && c == "\\" {
        escaped = true
      } else if c == quote {
        let after = rest[rest.index(after: index)...].drop(while: { $0 == " " || $0 == "\t" })
        return after.isEmpty || after.hasPrefix("#") ? (key, value) : nil
      } else {
        value.append(c)
      }
      index = rest.index(after: index)
    }
    return nil  // no closing quote
  }

  private static func variableName(_ text: Substring) -> String? {
    let key = text.trimmingCharacters(in: .whitespaces)
    guard let first = key.unicodeScalars.first, !("0"..."9").contains(first),
      key.unicodeScalars.allSatisfy({
        $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
      })
    else { return nil }
    return key
  }
}
