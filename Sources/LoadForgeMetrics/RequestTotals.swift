/// Request counts of a whole run: `total == succeeded + failed`.
///
/// JSON keys: `total`, `succeeded`, `failed`, `http_3xx` (absent in older files: 0).
public struct RequestTotals: Codable, Sendable, Equatable {
  /// Every request, all classes.
  public var total: Int
  /// Requests not failed: the success class and `http_3xx` (redirects not followed).
  public var succeeded: Int
  /// Requests in the failure classes (`RequestOutcome.isFailure`).
  public var failed: Int
  /// Of `succeeded`, the 3xx responses not followed (HTTP-CASES C12).
  public var http3xx: Int

  public init(total: Int, succeeded: Int, failed: Int, http3xx: Int = 0) {
    self.total = total
    self.succeeded = succeeded
    self.failed = failed
    self.http3xx = http3xx
  }

  enum CodingKeys: String, CodingKey {
    case total, succeeded, failed
    case http3xx = "http_3xx"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    total = try c.decode(Int.self, forKey: .total)
    succeeded = try c.decode(Int.self, forKey: .succeeded)
    failed = try c.decode(Int.self, forKey: .failed)
    http3xx = try c.decodeIfPresent(Int.self, forKey: .http3xx) ?? 0
  }

  /// `failed / total` as a fraction in 0…1; 0 when there were no requests.
  public var failureRate: Double { total == 0 ? 0 : Double(failed) / Double(total) }
}
