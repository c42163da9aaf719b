/// Percent-encoding of query strings and form bodies.
enum PercentEncoding {
  /// RFC 3986 §2.3 unreserved characters: ALPHA / DIGIT / "-" / "." / "_" / "~".
  static func isUnreserved(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x2E
      || b == 0x5F || b == 0x7E
  }

  /// Every UTF-8 byte but the unreserved ones as `%XX` (RFC 3986 §2.1, upper-case hex).
  /// With `spaceAsPlus`, a space becomes `+` as in application/x-www-form-urlencoded.
  static func encode(_ s: String, spaceAsPlus: Bool = false) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count)
    for b in s.utf8 {
      if isUnreserved(b) {
        out.append(b)
      } else if spaceAsPlus, b == 0x20 {
        out.append(UInt8(ascii: "+"))
      } else {
        out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `a=1&b=x%20y`: names and values RFC 3986-encoded, pairs in the given order.
  static func query(_ pairs: [(name: String, value: String)]) -> String {
    pairs.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&")
  }

  /// An application/x-www-form-urlencoded body: a space is `+`, every byte but the RFC 3986
  /// unreserved ones is `%XX`. (The WHATWG URL Standard §5.2 serializer also keeps `*` and
  /// encodes `~`; any form parser decodes both spellings to the same text.)
  static func form(_ pairs: [(name: String, value: String)]) -> String {
    pairs.map { encode($0.name, spaceAsPlus: true) + "=" + encode($0.value, spaceAsPlus: true) }
      .joined(separator: "&")
  }

  /// `target` with `query` appended: after `?`, or after `&` when `target` already has a query.
  static func appending(query: String, to target: String) -> String {
    guard !query.isEmpty else { return target }
    guard target.contains("?") else { return target + "?" + query }
    return target.hasSuffix("?") || target.hasSuffix("&") ? target + query : target + "&" + query
  }
}
