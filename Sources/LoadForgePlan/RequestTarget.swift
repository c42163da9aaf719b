/// Checks of a request target in origin form (RFC 9112 §3.2.1, RFC 3986 §3.3–3.4).
enum RequestTarget {
  struct Problem: Equatable {
    var message: String
    var help: String
  }

  /// Why `path` cannot be sent as is, or nil when it can.
  static func problem(in path: String) -> Problem? {
    let encode = "percent-encode it (RFC 3986 §2.1)"
    for byte in path.utf8 {
      switch byte {
      case 0x20: return Problem(message: "contains a space", help: "percent-encode it: a space is %20")
      case 0x00..<0x20, 0x7F:
        return Problem(message: "contains a control character", help: "remove it, or \(encode)")
      case 0x80...:
        return Problem(message: "contains a non-ASCII character", help: "\(encode): é is %C3%A9")
      case UInt8(ascii: "#"):
        return Problem(
          message: "contains a fragment (#), which is never sent to the server",
          help: "remove the #… part, or write %23 for a literal #")
      case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
        UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
        return Problem(
          message: "contains \"\(Character(Unicode.Scalar(byte)))\", which must be percent-encoded", help: encode)
      default: continue
      }
    }
    return nil
  }
}
