/// Why a histogram could not be encoded or decoded (HdrHistogram V2 encoding, `.hlog` lines).
public enum HdrHistogramEncodingError: Error, Equatable, CustomStringConvertible {
  /// zlib failed; the text names the call and its status.
  case zlib(String)
  /// The bytes are not a V2 (compressed) histogram: the text says what was wrong.
  case malformed(String)

  public var description: String {
    switch self {
    case .zlib(let text): "zlib: \(text)"
    case .malformed(let text): "not an HdrHistogram V2 histogram: \(text)"
    }
  }
}
