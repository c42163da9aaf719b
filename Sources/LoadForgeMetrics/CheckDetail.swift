/// One row of `checks.details` in `summary.json`: how often one check (or capture) of one
/// endpoint passed and failed over the run, with an example failure.
///
/// JSON shape: `{"endpoint": "item", "check": "status 2xx or 304", "passed": 28, "failed": 12,
/// "example": "status 2xx or 304 (got 404)"}`; `example` only when `failed > 0`.
public struct CheckDetail: Codable, Sendable, Equatable {
  /// The task's metric group (its name).
  public var endpoint: String
  /// The check's description (`status 2xx`, `$.ok == true`) or `capture NAME`.
  public var check: String
  public var passed: Int
  public var failed: Int
  /// The first failure text seen, with its dynamic detail (`status 2xx (got 404)`,
  /// `capture token (no match)`); nil when the check never failed.
  public var example: String?

  public init(endpoint: String, check: String, passed: Int, failed: Int, example: String? = nil) {
    self.endpoint = endpoint
    self.check = check
    self.passed = passed
    self.failed = failed
    self.example = example
  }

  /// Times the check was evaluated.
  public var total: Int { passed + failed }

  /// The example without the check's own description around it: `got 404` for
  /// `status 2xx (got 404)`; the whole example when it has another shape.
  public var exampleReason: String? {
    guard let example else { return nil }
    let prefix = check + " ("
    guard example.hasPrefix(prefix), example.hasSuffix(")"), example.count > prefix.count else { return example }
    return String(example.dropFirst(prefix.count).dropLast())
  }
}
