/// What one per-check counter stands for: an `expect` check or a `capture` of a task, named as
/// the summary shows it.
public struct CheckItemInfo: Sendable, Equatable {
  /// The task's metric group (its name).
  public var endpoint: String
  /// The check's description (`status 2xx`, `$.ok == true`) or `capture NAME`.
  public var check: String

  public init(endpoint: String, check: String) {
    self.endpoint = endpoint
    self.check = check
  }
}
