import LoadForgeConfig

/// Resolves `${VAR}` and `${VAR:-default}` references from an environment, at plan time.
///
/// `${VAR:-default}` follows POSIX sh: the default is used when VAR is unset or empty;
/// `${VAR}` set to an empty string resolves to the empty string.
///
/// `$${` writes a literal `${`. A reference to a variable that is unset and has no default is an
/// error naming the variable and pointing at it (HTTP-CASES E2): it is never sent literally.
public struct Interpolator: Sendable {
  public let environment: [String: String]

  public init(environment: [String: String]) {
    self.environment = environment
  }

  /// - Parameters:
  ///   - text: the string as written in the config.
  ///   - location: where the string starts (its opening quote for quoted strings).
  /// - Returns: the resolved text and the names of the variables it read.
  /// - Throws: `Diagnostic` for an unset variable, an empty name or a missing `}`.
  public func resolve(_ text: String, at location: SourceLocation) throws(Diagnostic) -> (
    text: String, variables: [String]
  ) {
    guard text.contains("$") else { return (text, []) }
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var variables: [String] = []
    var i = 0
    func here(_ index: Int) -> SourceLocation {
      var l = location
      // +1 skips the opening quote of a quoted config string; exact for strings without escapes.
      l.column += index + 1
      return l
    }
    while i < scalars.count {
      let c = scalars[i]
      if c == "$", i + 2 < scalars.count, scalars[i + 1] == "$", scalars[i + 2] == "{" {
        out.append("$")
        out.append("{")
        i += 3
        continue
      }
      guard c == "$", i + 1 < scalars.count, scalars[i + 1] == "{" else {
        out.append(c)
        i += 1
        continue
      }
      guard let close = scalars[(i + 2)...].firstIndex(of: "}") else {
        throw Diagnostic(
          "unterminated \"${\" in string", at: here(i), length: 2,
          help: "close it with \"}\", or write $${ for a literal ${")
      }
      let body = String(String.UnicodeScalarView(scalars[(i + 2)..<close]))
      let name: String
      let fallback: String?
      if let range = body.firstRange(of: ":-") {
        name = String(body[..<range.lowerBound])
        fallback = String(body[range.upperBound...])
      } else {
        name = body
        fallback = nil
      }
      guard Self.isValidName(name) else {
        throw Diagnostic(
          "invalid variable name \"\(name)\" in \"${\(body)}\"", at: here(i), length: close - i + 1,
          help: "names are letters, digits and _ and do not start with a digit")
      }
      // `:-` as in POSIX sh: the default applies when the variable is unset OR empty.
      if let fallback, environment[name]?.isEmpty ?? true {
        out.append(contentsOf: fallback.unicodeScalars)
      } else if let value = environment[name] {
        out.append(contentsOf: value.unicodeScalars)
      } else {
        throw Diagnostic(
          "environment variable \(name) is not set", at: here(i), length: close - i + 1,
          help: "export \(name)=… before running, or give a default: ${\(name):-value}")
      }
      variables.append(name)
      i = close + 1
    }
    return (String(out), variables)
  }

  static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy {
      $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
    }
  }
}
