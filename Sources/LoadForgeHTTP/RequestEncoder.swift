/// Encodes HTTP/1.1 requests (RFC 9112 §3) into wire bytes. No I/O.
public enum RequestEncoder {
  /// Builds a complete request: request line, `Host`, the given headers, `Content-Length` when
  /// there is a body (or the method usually carries one), `User-Agent: loadforge` unless given,
  /// then the body.
  ///
  /// - Parameters:
  ///   - method: `GET`, `POST`, …
  ///   - target: origin-form target, e.g. `/products?page=1`.
  ///   - host: `Host` header value (`127.0.0.1:8080`).
  ///   - headers: name/value pairs in order; a caller-given `Host` / `User-Agent` / `Content-Length` wins.
  ///   - body: request body bytes (may be empty).
  /// - Returns: the bytes to write.
  public static func encode(
    method: String, target: String, host: String, headers: [(name: String, value: String)], body: [UInt8]
  ) -> [UInt8] {
    fatalError("RequestEncoder.encode: not implemented yet")
  }
}
