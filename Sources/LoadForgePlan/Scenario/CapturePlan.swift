/// `capture = { token = { json = "$.token" } }`: after a response, store a value of it in a
/// virtual-user variable (`${vu.token}`) for the VU's later requests.
///
/// A capture counts as a check of the request: passed when it finds a value, failed (described
/// as `capture token (why)`) when it finds nothing; then the variable keeps its previous value
/// (empty before the first capture).
public struct CapturePlan: Codable, Sendable, Equatable {
  public enum Source: String, Codable, Sendable, Equatable {
    /// `expression` is a `JSONPath` into the JSON body; a string is stored without quotes, any
    /// other value as its JSON text.
    case json
    /// `expression` is a regular expression searched in the body; `group` is stored.
    case regex
    /// `expression` is a header name (case-insensitive); the first field's value is stored.
    case header
  }

  /// The variable's name, as written after `vu.`.
  public var name: String
  /// Slot in `Plan.variables`.
  public var variable: Int
  public var source: Source
  public var expression: String
  /// Regex capture group stored (0 = the whole match); 0 for the other sources.
  public var group: Int

  public init(name: String, variable: Int, source: Source, expression: String, group: Int = 0) {
    self.name = name
    self.variable = variable
    self.source = source
    self.expression = expression
    self.group = group
  }
}
