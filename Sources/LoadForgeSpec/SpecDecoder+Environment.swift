import LoadForgeConfig

extension SpecDecoder {
  /// `written` (the string of `value`) with its `${VAR}` references resolved from `environment`;
  /// `written` itself when it has none; nil after reporting.
  ///
  /// The rules are the `Interpolator`'s (POSIX `:-`, `$${` for a literal), so a duration reads the
  /// same variables the same way as a header. `${vu.NAME}` is rejected: a VU variable changes per
  /// request, a duration or count is fixed before the first one.
  /// - Parameters:
  ///   - what: the key, for messages (`duration`, `think_time.min`, `users`).
  ///   - noun: `duration` or `count`, for messages.
  mutating func resolvedString(_ value: ConfigValue, _ written: String, what: String, noun: String) -> String? {
    guard written.contains("${") else { return written }
    guard let environment else {
      problem(
        "\(what) uses \(written), but no environment was given to resolve it", at: value.location,
        length: value.sourceLength,
        help: "pass the variable (loadforge: --env NAME=VALUE or --env-file FILE), or write the value")
      return nil
    }
    let pieces: [Interpolator.Piece]
    do {
      pieces = try Interpolator(environment: environment).pieces(
        written, at: value.location, contentOffset: value.contentOffset)
    } catch {
      diagnostics.append(error)
      return nil
    }
    for case .variable(let name, let location) in pieces {
      problem(
        "VU variables are per request; a \(noun) is fixed for the whole run", at: location,
        length: "${vu.\(name)}".count,
        help: "use an environment variable, ${NAME} or ${NAME:-default}, or write the value")
      return nil
    }
    return Interpolator.display(pieces)
  }

  /// ` (from ${DURATION})` after a message about a value that was resolved from the environment,
  /// so the user sees both the resolved text and where it came from; empty otherwise.
  static func origin(of value: ConfigValue) -> String {
    guard let written = value.stringValue, written.contains("${") else { return "" }
    return " (from \(written))"
  }
}
