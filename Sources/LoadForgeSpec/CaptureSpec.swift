import LoadForgeConfig

/// One entry of a request's `capture` table: where a virtual-user variable's value comes from.
public struct CaptureSpec: Sendable, Equatable {
  public enum Source: String, Sendable, Equatable, CaseIterable {
    /// `{ json = "$.path" }`
    case json
    /// `{ regex = "…", group = N }`
    case regex
    /// `{ header = "Name" }`
    case header
  }

  /// The variable's name (`[A-Za-z_][A-Za-z0-9_]*`), located on its key.
  public var name: Located<String>
  public var source: Source
  /// JSONPath, regular expression or header name, used literally (no `${VAR}`: a regex's `$`
  /// is an anchor).
  public var expression: Located<String>
  /// Regex group stored: given, or 1 when the regex has a capture group, else 0; 0 otherwise.
  public var group: Int

  public init(name: Located<String>, source: Source, expression: Located<String>, group: Int = 0) {
    self.name = name
    self.source = source
    self.expression = expression
    self.group = group
  }
}
