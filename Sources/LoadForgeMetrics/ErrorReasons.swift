/// Why requests failed, beyond their class: per failure class, the distinct reasons seen (the
/// parser's rule, the errno text, the TLS verifier's message) with how often each occurred.
///
/// Bounded: at most `maxReasonsPerClass` distinct reasons per class are kept by name; later new
/// ones are counted under `otherReason`, so a server failing with a different message each time
/// cannot grow it. Reasons are short fixed texts (no request data), so the bound is rarely hit.
public struct ErrorReasons: Sendable, Equatable {
  /// Distinct reasons kept per class before the rest go to `otherReason`.
  public static let maxReasonsPerClass = 16
  /// The reason counted for anything past the limit.
  public static let otherReason = "other reasons"

  /// By `RequestOutcome.index`: reason → count.
  private var byClass: [[String: Int]] = Array(repeating: [:], count: RequestOutcome.count)

  public init() {}

  /// Counts one request of `outcome` failing for `reason`.
  public mutating func record(_ outcome: RequestOutcome, reason: String) {
    add(outcome, reason: reason, count: 1)
  }

  /// Counts `count` requests of `outcome` failing for `reason`.
  public mutating func add(_ outcome: RequestOutcome, reason: String, count: Int) {
    let i = outcome.index
    if byClass[i][reason] != nil || byClass[i].count < Self.maxReasonsPerClass {
      byClass[i][reason, default: 0] += count
    } else {
      byClass[i][Self.otherReason, default: 0] += count
    }
  }

  /// Adds every count of `other` (another worker's).
  public mutating func add(_ other: ErrorReasons) {
    for outcome in RequestOutcome.allCases {
      for (reason, count) in other.byClass[outcome.index] { add(outcome, reason: reason, count: count) }
    }
  }

  /// Whether nothing was recorded.
  public var isEmpty: Bool { byClass.allSatisfy(\.isEmpty) }

  /// Every (class, reason, count), classes in `RequestOutcome.allCases` order, reasons by count
  /// (highest first, then by text), for `errors_detail` of summary.json.
  public var details: [ErrorDetail] {
    var out: [ErrorDetail] = []
    for outcome in RequestOutcome.allCases {
      let reasons = byClass[outcome.index].sorted { ($1.value, $0.key) < ($0.value, $1.key) }
      for (reason, count) in reasons {
        out.append(ErrorDetail(errorClass: outcome.rawValue, reason: reason, count: count))
      }
    }
    return out
  }
}

/// One row of `errors_detail` in `summary.json`: a failure class, one reason requests of that
/// class failed for, and how many did.
///
/// JSON shape: `{"class": "protocol_error", "reason": "invalid chunk size", "count": 12}`.
public struct ErrorDetail: Codable, Sendable, Equatable {
  /// A failure class (`RequestOutcome.rawValue`).
  public var errorClass: String
  public var reason: String
  public var count: Int

  public init(errorClass: String, reason: String, count: Int) {
    self.errorClass = errorClass
    self.reason = reason
    self.count = count
  }

  enum CodingKeys: String, CodingKey {
    case errorClass = "class"
    case reason, count
  }
}
