/// What `ResponseParser` does with a retained response whose content is longer than the limit
/// given to `retainNextResponse`.
public enum RetentionOverflow: Sendable, Equatable {
  /// Keep the first bytes, parse and drop the rest, and set `RetainedResponse.bodyTruncated`.
  case truncate
  /// Fail the response with `HTTPProtocolError.Kind.bodyTooLarge` at the first byte past the
  /// limit, however the bytes are split.
  case fail
}
