/// Request counts of a whole run: `total == succeeded + failed`.
///
/// JSON keys: `total`, `succeeded`, `failed`.
public struct RequestTotals: Codable, Sendable, Equatable {
  /// Every request, all classes.
  public var total: Int
  /// Requests in the success class.
  public var succeeded: Int
  /// Requests in every class but success.
  public var failed: Int

  public init(total: Int, succeeded: Int, failed: Int) {
    self.total = total
    self.succeeded = succeeded
    self.failed = failed
  }

  /// `failed / total` as a fraction in 0…1; 0 when there were no requests.
  public var failureRate: Double { total == 0 ? 0 : Double(failed) / Double(total) }
}
