/// A user-facing problem with a config: one-line message, location, optional help line.
///
/// Rendered like a compiler error:
/// ```
/// error: unknown pattern "rmap"
///  --> loadtest.toml:12:11
///    |
/// 12 | pattern = "rmap"
///    |           ^^^^^^
///    = help: did you mean "ramp"?
/// ```
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var location: SourceLocation?
  /// Width of the caret underline in columns (at least 1).
  public var length: Int
  public var help: String?
  /// Errors stop a run; warnings point at a likely mistake and let it go on
  /// (`loadforge validate --strict` fails on them too).
  public var severity: Severity
  /// For a problem inside a file the config loads (a `[[data]]` CSV): where the config names
  /// that file. Problems sort there, next to the entry; outputs name it.
  public var includedFrom: SourceLocation?
  /// A line rendered after the help (`= note: …`), e.g. which `[[data]]` entry reads the file.
  public var note: String?

  public enum Severity: String, Sendable, Equatable {
    case error, warning
  }

  public init(
    _ message: String, at location: SourceLocation?, length: Int = 1, help: String? = nil,
    severity: Severity = .error
  ) {
    self.message = message
    self.location = location
    self.length = max(1, length)
    self.help = help
    self.severity = severity
  }

  /// `file:line:column: message` on one line (no excerpt).
  public var description: String {
    if let location, location.line > 0 { return "\(location): \(message)" }
    return message
  }

  /// The full multi-line rendering with a caret excerpt when `source` holds the line.
  public func rendered(source: SourceText? = nil) -> String {
    var out = "\(severity.rawValue): \(message)"
    // The arrow and the help line align with the line-number gutter, as rustc's do.
    var gutter = " "
    if let location, location.line > 0 {
      let number = String(location.line)
      gutter = String(repeating: " ", count: number.count)
      out += "\n\(gutter)--> \(location)"
      if let source, source.file == location.file, let text = source.line(location.line) {
        let display = text.replacingTabs()
        let prefix = String(text.unicodeScalars.prefix(max(0, location.column - 1)))
        let padWidth = prefix.replacingTabs().unicodeScalars.count
        out += "\n\(gutter) |\n\(number) | \(display)\n\(gutter) | "
        out += String(repeating: " ", count: padWidth) + String(repeating: "^", count: length)
      }
    }
    if let help { out += "\n\(gutter) = help: \(help)" }
    if let note { out += "\n\(gutter) = note: \(note)" }
    return out
  }
}

/// Every problem found in one pass over a config (validation never stops at the first).
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

  /// The same problems in source order (line, then column; problems without a location first;
  /// equal positions keep the order they were found in). A problem in a loaded file
  /// (`includedFrom`) sorts at the place that loads it, then by its own position.
  public func sortedByPosition() -> DiagnosticList {
    func key(_ d: Diagnostic) -> [Int] {
      let own = [d.location?.line ?? 0, d.location?.column ?? 0]
      guard let from = d.includedFrom else { return own + [0, 0] }
      return [from.line, from.column] + own
    }
    return DiagnosticList(
      diagnostics.enumerated().sorted { a, b in
        let ka = key(a.element), kb = key(b.element)
        if ka != kb { return ka.lexicographicallyPrecedes(kb) }
        return a.offset < b.offset
      }.map(\.element))
  }
  public func rendered(source: SourceText? = nil) -> String {
    diagnostics.map { $0.rendered(source: source) }.joined(separator: "\n\n")
  }
}

extension String {
  fileprivate func replacingTabs() -> String {
    String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
  }
}
