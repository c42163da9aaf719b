/// Resolves `${VAR}` and `${VAR:-default}` references from an environment: in strings at plan
/// time (LoadForgePlan), in durations and counts while decoding the spec (LoadForgeSpec), which is
/// why it lives here, below both.
///
/// `${VAR:-default}` follows POSIX sh: the default is used when VAR is unset or empty;
/// `${VAR}` set to an empty string resolves to the empty string.
///
/// `$${` writes a literal `${`. A reference to a variable that is unset and has no default is an
/// error naming the variable and pointing at it (HTTP-CASES E2): it is never sent literally.
///
/// `${vu.NAME}` is a virtual-user variable, rendered per request by the engine: it is left in
/// place (`resolve`) or returned as its own piece (`pieces`), never looked up here.
public struct Interpolator: Sendable {
  public let environment: [String: String]

  /// A stretch of a resolved string: literal text, or a `${vu.NAME}` reference.
  public enum Piece: Sendable, Equatable {
    case text(String)
    /// `name` as written after `vu.`; `location` points at its `$`.
    case variable(String, SourceLocation)
  }

  public init(environment: [String: String]) {
    self.environment = environment
  }

  /// - Parameters:
  ///   - text: the string as written in the config.
  ///   - location: where the string starts (its opening quote for quoted strings).
  ///   - contentOffset: columns from `location` to the first character of `text`
  ///     (`ConfigValue.contentOffset`: 1 after a quote, 0 for a plain YAML scalar).
  /// - Returns: the resolved text (`${vu.NAME}` kept as written) and the names of the
  ///   environment variables it read.
  /// - Throws: `Diagnostic` for an unset variable, an empty name or a missing `}`.
  public func resolve(_ text: String, at location: SourceLocation, contentOffset: Int = 1) throws(Diagnostic) -> (
    text: String, variables: [String]
  ) {
    guard text.contains("$") else { return (text, []) }
    let (pieces, variables) = try scan(text, at: location, contentOffset: contentOffset)
    return (Self.display(pieces), variables)
  }

  /// `text` resolved into literal pieces and `${vu.NAME}` references, adjacent text merged.
  /// - Throws: `Diagnostic` as `resolve` does, and for a `${vu.…}` whose name is not
  ///   `[A-Za-z_][A-Za-z0-9_]*` or that has a default.
  public func pieces(_ text: String, at location: SourceLocation, contentOffset: Int = 1) throws(Diagnostic)
    -> [Piece]
  {
    guard text.contains("$") else { return text.isEmpty ? [] : [.text(text)] }
    return try scan(text, at: location, contentOffset: contentOffset).pieces
  }

  /// The pieces as one string, each variable written `${vu.NAME}` (what `loadforge plan` shows).
  public static func display(_ pieces: [Piece]) -> String {
    pieces.map {
      switch $0 {
      case .text(let t): t
      case .variable(let name, _): "${vu.\(name)}"
      }
    }.joined()
  }

  private func scan(_ text: String, at location: SourceLocation, contentOffset: Int) throws(Diagnostic) -> (
    pieces: [Piece], variables: [String]
  ) {
    let scalars = Array(text.unicodeScalars)
    var pieces: [Piece] = []
    var out = String.UnicodeScalarView()
    var variables: [String] = []
    var i = 0
    func here(_ index: Int) -> SourceLocation {
      var l = location
      // Exact for strings without escapes on one line: an escape such as \t is two columns
      // written but one scalar in `text`.
      l.column += index + contentOffset
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
      if body.hasPrefix("vu.") {
        let name = String(body.dropFirst(3))
        guard Self.isValidName(name) else {
          throw Diagnostic(
            "invalid VU variable name \"\(name)\" in \"${\(body)}\"", at: here(i), length: close - i + 1,
            help: body.contains(":-")
              ? "VU variables have no default: capture or feed a value before the request uses it"
              : "names are letters, digits and _ and do not start with a digit")
        }
        if !out.isEmpty { pieces.append(.text(String(out))) }
        out = String.UnicodeScalarView()
        pieces.append(.variable(name, here(i)))
        i = close + 1
        continue
      }
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
          help: "export \(name)=… before running, pass --env \(name)=… or --env-file FILE, or give a default: "
            + "${\(name):-value}")
      }
      variables.append(name)
      i = close + 1
    }
    if !out.isEmpty { pieces.append(.text(String(out))) }
    return (pieces, variables)
  }

  /// `[A-Za-z_][A-Za-z0-9_]*`: environment and VU variable names.
  public static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy {
      $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
    }
  }
}
