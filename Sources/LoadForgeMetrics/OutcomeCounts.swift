/// A count per `RequestOutcome`; the classes sum to `total` (HTTP-CASES C9).
///
/// JSON shape: an object with every class name as key (`{"success": 9, "http_4xx": 1, …}`);
/// missing keys decode as 0 and unknown keys are ignored, so older files stay readable.
public struct OutcomeCounts: Sendable, Equatable, Codable {
  private var storage: [Int]

  /// All zero.
  public init() {
    storage = Array(repeating: 0, count: RequestOutcome.count)
  }

  /// The count of one class.
  public subscript(outcome: RequestOutcome) -> Int {
    get { storage[outcome.index] }
    set { storage[outcome.index] = newValue }
  }

  /// Every request, all classes.
  public var total: Int { storage.reduce(0, +) }

  /// Requests in the failure classes (`RequestOutcome.isFailure`).
  public var failed: Int { total - succeeded }

  /// Requests not failed: `success` and `http3xx` (a redirect not followed).
  public var succeeded: Int { storage[RequestOutcome.success.index] + storage[RequestOutcome.http3xx.index] }

  /// Adds `other` class by class.
  public mutating func add(_ other: OutcomeCounts) {
    for i in 0..<RequestOutcome.count { storage[i] += other.storage[i] }
  }

  /// The failure classes only, keyed by class name, every one present (0 when none).
  /// This is the `errors` object of snapshots and summaries; success = total − failed.
  public var errorsByClass: [String: Int] {
    var out: [String: Int] = [:]
    for outcome in RequestOutcome.failureClasses { out[outcome.rawValue] = self[outcome] }
    return out
  }

  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    self.init()
    let container = try decoder.container(keyedBy: Key.self)
    for outcome in RequestOutcome.allCases {
      self[outcome] = try container.decodeIfPresent(Int.self, forKey: Key(stringValue: outcome.rawValue)) ?? 0
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    for outcome in RequestOutcome.allCases {
      try container.encode(self[outcome], forKey: Key(stringValue: outcome.rawValue))
    }
  }
}
