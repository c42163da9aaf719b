// TODO(C1): implement retention inside the parser (head of the final response, de-chunked content).
extension ResponseParser {
  /// Keep the head and up to `maxBodyBytes` of content of the next response (call after
  /// `expectResponse`); `takeRetainedResponse()` returns them after `.complete`.
  public mutating func retainNextResponse(maxBodyBytes: Int) {}

  /// The response retained since `retainNextResponse`, once it completed; nil when retention
  /// was not requested. Clears it.
  public mutating func takeRetainedResponse() -> RetainedResponse? { nil }
}
