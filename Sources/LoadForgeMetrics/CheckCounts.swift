/// How many `expect` checks (and `capture`s, which count as checks) passed and failed.
///
/// JSON shape: `{"passed": 990, "failed": 10}`; missing keys decode as 0, so files written
/// before checks existed stay readable.
public struct CheckCounts: Codable, Sendable, Equatable {
  public var passed: Int
  public var failed: Int

  public init(passed: Int = 0, failed: Int = 0) {
    self.passed = passed
    self.failed = failed
  }

  /// Checks evaluated.
  public var total: Int { passed + failed }

  /// `passed / total` as a fraction in 0…1; 1 when no check ran (nothing failed).
  public var passRate: Double { total == 0 ? 1 : Double(passed) / Double(total) }

  /// Adds `other` field by field.
  public mutating func add(_ other: CheckCounts) {
    passed += other.passed
    failed += other.failed
  }

  enum CodingKeys: String, CodingKey { case passed, failed }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    passed = try c.decodeIfPresent(Int.self, forKey: .passed) ?? 0
    failed = try c.decodeIfPresent(Int.self, forKey: .failed) ?? 0
  }
}
