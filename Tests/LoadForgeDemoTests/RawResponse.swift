import Foundation

/// A response as read off the wire, before any decoding of the framing.
struct RawResponse {
  var status: Int
  /// Header names lower-cased.
  var headers: [String: String]
  /// The body bytes as sent (still chunk-framed for a chunked response).
  var rawBody: String

  /// The body with chunked framing removed (RFC 9112 §7.1), or the raw body when not chunked.
  var body: String {
    guard headers["transfer-encoding"] == "chunked" else { return rawBody }
    var rest = Substring(rawBody)
    var out = ""
    while let lineEnd = rest.range(of: "\r\n") {
      let size = Int(rest[..<lineEnd.lowerBound], radix: 16) ?? 0
      rest = rest[lineEnd.upperBound...]
      if size == 0 { break }
      let utf8 = Array(rest.utf8)
      out += String(decoding: utf8[0..<size], as: UTF8.self)
      rest = Substring(String(decoding: utf8[(size + 2)...], as: UTF8.self))
    }
    return out
  }

  /// The number of chunks in a chunked body (0 when not chunked).
  var chunkCount: Int {
    guard headers["transfer-encoding"] == "chunked" else { return 0 }
    return body.isEmpty ? 0 : rawBody.components(separatedBy: "\r\n").count / 2 - 1
  }
}
