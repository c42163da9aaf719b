/// One assertion of a request's `expect` table, evaluated on every response to it. A request
/// with a failed check lands in the `check_failed` class (unless it already failed otherwise).
///
/// JSON shape: `{"kind": "status", "statusRanges": [[200, 299]], "description": "status 2xx"}`.
public struct CheckPlan: Codable, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable, Equatable {
    /// The status is in one of `statusRanges`. With a status check, a 4xx/5xx it accepts is
    /// not a failure (e.g. `status = 404` for a negative test).
    case status
    /// Header `subject` is present (`expected` nil) or its value equals `expected` exactly.
    case header
    /// The body contains `expected` (bytes, UTF-8).
    case bodyContains = "body_contains"
    /// The value at JSONPath `subject` equals the JSON text `expected` (numbers compare by value).
    case json
  }

  public var kind: Kind
  /// Accepted status codes, inclusive ranges (`2xx` is 200…299); empty for other kinds.
  public var statusRanges: [ClosedRange<Int>]
  /// Header name or JSONPath; empty for the other kinds.
  public var subject: String
  /// Expected header value, substring or JSON text; nil for `status` and header presence.
  public var expected: String?
  /// For humans and error tables: `status 2xx`, `header content-type = application/json`,
  /// `body contains "ok"`, `$.ok == true`.
  public var description: String

  public init(
    kind: Kind, statusRanges: [ClosedRange<Int>] = [], subject: String = "", expected: String? = nil,
    description: String
  ) {
    self.kind = kind
    self.statusRanges = statusRanges
    self.subject = subject
    self.expected = expected
    self.description = description
  }
}
