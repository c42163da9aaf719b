/// Checks of a request target in origin form (RFC 9112 §3.2.1, RFC 3986 §3.3–3.4).
enum RequestTarget {
  /// Why `path` cannot be sent as is ("contains a space", …), or nil when it can.
  static func problem(in path: String) -> String? {
    for byte in path.utf8 {
      switch byte {
      case 0x20: return "contains a space"
      case 0x00..<0x20, 0x7F: return "contains a control character"
      case 0x80...: return "contains a non-ASCII character"
      case UInt8(ascii: "#"): return "contains a fragment (#), which is never sent to the server"
      case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
        UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
        return "contains \"\(Character(Unicode.Scalar(byte)))\", which must be percent-encoded"
      default: continue
      }
    }
    return nil
  }
}
