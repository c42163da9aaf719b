/// Why `IntervalMetrics(encoded:)` rejected its input.
public enum IntervalMetricsDecodingError: Error, Equatable, CustomStringConvertible {
  /// The first byte is not a format version this build reads.
  case unsupportedVersion(UInt8)
  /// The input ended inside a field.
  case truncated(offset: Int)
  /// A number is longer than 10 bytes or does not fit its field.
  case badNumber(offset: Int)
  /// Values are not ascending, or bytes remain after the last endpoint.
  case malformed(offset: Int)

  public var description: String {
    switch self {
    case .unsupportedVersion(let v): "interval metrics: unsupported format version \(v)"
    case .truncated(let o): "interval metrics: input ends inside a field at byte \(o)"
    case .badNumber(let o): "interval metrics: invalid number at byte \(o)"
    case .malformed(let o): "interval metrics: malformed data at byte \(o)"
    }
  }
}
