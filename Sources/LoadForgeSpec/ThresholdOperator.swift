/// The comparison of a threshold: the run passes when `measured <op> limit` holds.
public enum ThresholdOperator: String, Codable, Sendable, Equatable, CaseIterable {
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="

  /// Whether `measured` satisfies this comparison against `limit`.
  public func holds(_ measured: Double, _ limit: Double) -> Bool {
    switch self {
    case .less: measured < limit
    case .lessOrEqual: measured <= limit
    case .greater: measured > limit
    case .greaterOrEqual: measured >= limit
    }
  }
}
