/// Encodes HTTP/1.1 requests (RFC 9112 §3) into wire bytes. No I/O.
public enum RequestEncoder {
  /// The `User-Agent` sent when the caller gives none.
  public static let defaultUserAgent = "loadforge/0.1"

  /// Builds a complete request: request line, `Host`, the given headers, `User-Agent: loadforge/0.1`
  /// unless given, `Content-Length` when there is a body or the method is POST/PUT/PATCH (then 0),
  /// then the body.
  ///
  /// Nothing is rejected here (the spec validates), but CR and LF are removed from the method,
  /// target, header names and values, so no input can end a line early and smuggle a header or a
  /// second request (RFC 9112 §11.2; RFC 9110 §5.5 forbids CR/LF in field values).
  ///
  /// - Parameters:
  ///   - method: `GET`, `POST`, …
  ///   - target: origin-form target, e.g. `/products?page=1`.
  ///   - host: `Host` header value (`127.0.0.1:8080`).
  ///   - headers: name/value pairs in order; a caller-given `Host` / `User-Agent` / `Content-Length`
  ///     wins (names compared case-insensitively). A caller `Host` is sent first, where RFC 9112 §3.2
  ///     wants it, and only once (two Host fields make any server answer 400). With a caller
  ///     `Transfer-Encoding`, no `Content-Length` is added (RFC 9112 §6.2).
  ///   - body: request body bytes (may be empty).
  /// - Returns: the bytes to write.
  public static func encode(
    method: String, target: String, host: String, headers: [(name: String, value: String)],
    body: [UInt8]
  ) -> [UInt8] {
    var callerHost: String?
    var hasUserAgent = false
    var hasFraming = false
    var estimate = method.utf8.count + target.utf8.count + host.utf8.count + 64 + body.count
    for header in headers {
      estimate += header.name.utf8.count + header.value.utf8.count + 4
      if equalsIgnoringCase(header.name, "host") {
        if callerHost == nil { callerHost = header.value }
      } else if equalsIgnoringCase(header.name, "user-agent") {
        hasUserAgent = true
      } else if equalsIgnoringCase(header.name, "content-length")
        || equalsIgnoringCase(header.name, "transfer-encoding")
      {
        hasFraming = true
      }
    }

    var out: [UInt8] = []
    out.reserveCapacity(estimate)
    appendStripped(method, to: &out)
    out.append(HTTPBytes.space)
    appendStripped(target, to: &out)
    appendLiteral(" HTTP/1.1\r\nHost: ", to: &out)
    appendStripped(callerHost ?? host, to: &out)
    appendLiteral("\r\n", to: &out)
    for header in headers where !equalsIgnoringCase(header.name, "host") {
      appendStripped(header.name, to: &out)
      appendLiteral(": ", to: &out)
      appendStripped(header.value, to: &out)
      appendLiteral("\r\n", to: &out)
    }
    if !hasUserAgent {
      appendLiteral("User-Agent: ", to: &out)
      out.append(contentsOf: defaultUserAgent.utf8)
      appendLiteral("\r\n", to: &out)
    }
    if !hasFraming && (!body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH") {
      appendLiteral("Content-Length: ", to: &out)
      out.append(contentsOf: String(body.count).utf8)
      appendLiteral("\r\n", to: &out)
    }
    appendLiteral("\r\n", to: &out)
    out.append(contentsOf: body)
    return out
  }

  private static func appendStripped(_ text: String, to out: inout [UInt8]) {
    let utf8 = text.utf8
    if !utf8.contains(where: { $0 == HTTPBytes.cr || $0 == HTTPBytes.lf }) {
      out.append(contentsOf: utf8)
      return
    }
    for byte in utf8 where byte != HTTPBytes.cr && byte != HTTPBytes.lf {
      out.append(byte)
    }
  }

  private static func appendLiteral(_ literal: StaticString, to out: inout [UInt8]) {
    out.append(
      contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// ASCII case-insensitive comparison with a lowercase literal (field names, RFC 9110 §5.1).
  private static func equalsIgnoringCase(_ text: String, _ lowercase: StaticString) -> Bool {
    var view = text.utf8.makeIterator()
    var k = 0
    let count = lowercase.utf8CodeUnitCount
    while let byte = view.next() {
      guard k < count, HTTPBytes.lowercased(byte) == lowercase.utf8Start[k] else { return false }
      k += 1
    }
    return k == count
  }
}
