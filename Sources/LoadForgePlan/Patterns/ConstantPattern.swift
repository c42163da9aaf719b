/// `pattern = "constant"`: `users` virtual users for `duration`.
///
/// target(t) = users for 0 ≤ t ≤ duration, 0 after it: like every pattern, the end tick gives
/// the end value, so a composite that ends with a constant stage ends at its users.
public struct ConstantPattern: Codable, Sendable, Equatable {
  public var users: Int
  public var durationSeconds: Double

  public init(users: Int, durationSeconds: Double) {
    self.users = users
    self.durationSeconds = durationSeconds
  }

  /// Problems with the parameters, as messages naming the field (empty when valid).
  public func validate() -> [(field: String, message: String)] {
    var problems: [(field: String, message: String)] = []
    if users < 0 { problems.append(("users", "users must be ≥ 0, got \(users)")) }
    if !(durationSeconds > 0) { problems.append(("duration", "duration must be > 0")) }
    return problems
  }

  public func target(at elapsed: Double) -> Double {
    elapsed >= 0 && elapsed <= durationSeconds ? Double(users) : 0
  }
}
