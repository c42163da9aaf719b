import LoadForgePlan

/// Renders `TemplatePart`s with a VU's variable values, escaping each value as its part says.
///
/// Works on bytes: values are UTF-8 as captured, and a byte outside ASCII is copied (or
/// percent-encoded) as it is, never re-decoded.
enum TemplateRenderer {
  /// Appends the rendered bytes of `parts` to `out`; `values[slot]` is the UTF-8 value of
  /// variable `slot` (missing slots render empty).
  static func render(_ parts: [TemplatePart], values: [[UInt8]], into out: inout [UInt8]) {
    for part in parts {
      guard let slot = part.variable else {
        out.append(contentsOf: part.text.utf8)
        continue
      }
      guard slot >= 0 && slot < values.count else { continue }
      append(values[slot], escape: part.escape, into: &out)
    }
  }

  /// Appends `value` escaped as `escape` says (see `TemplateEscape`).
  static func append(_ value: [UInt8], escape: TemplateEscape, into out: inout [UInt8]) {
    switch escape {
    case .none:
      out.append(contentsOf: value)
    case .percent:
      for b in value {
        if isUnreserved(b) { out.append(b) } else { appendPercent(b, into: &out) }
      }
    case .form:
      // WHATWG URL §5.2 (application/x-www-form-urlencoded serializer): ASCII alphanumerics and
      // `*-._` stay, a space becomes `+`, every other byte is percent-encoded (`~` included).
      for b in value {
        if isAlphanumeric(b) || b == star || b == hyphen || b == dot || b == underscore {
          out.append(b)
        } else if b == space {
          out.append(plus)
        } else {
          appendPercent(b, into: &out)
        }
      }
    case .json:
      // RFC 8259 §7: quotation mark, reverse solidus and U+0000–U+001F must be escaped; the
      // two-character forms where they exist (as `JSONText.quoted` writes them), else \u00XX.
      for b in value {
        switch b {
        case 0x22: out.append(contentsOf: [backslash, 0x22])
        case 0x5C: out.append(contentsOf: [backslash, backslash])
        case 0x08: out.append(contentsOf: [backslash, UInt8(ascii: "b")])
        case 0x0C: out.append(contentsOf: [backslash, UInt8(ascii: "f")])
        case 0x0A: out.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [backslash, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [backslash, UInt8(ascii: "t")])
        case 0x00..<0x20:
          out.append(contentsOf: [
            backslash, UInt8(ascii: "u"), zero, zero, lowerHex[Int(b >> 4)], lowerHex[Int(b & 0xF)],
          ])
        default: out.append(b)
        }
      }
    case .header:
      // RFC 9110 §5.5: a recipient may replace CR, LF and NUL by SP; a sender must not send
      // them, and here they would end the field or the head.
      for b in value {
        out.append(b == 0x0D || b == 0x0A || b == 0x00 ? space : b)
      }
    }
  }

  /// RFC 3986 §2.3 unreserved: ALPHA / DIGIT / `-` / `.` / `_` / `~`.
  @inline(__always)
  private static func isUnreserved(_ b: UInt8) -> Bool {
    isAlphanumeric(b) || b == hyphen || b == dot || b == underscore || b == tilde
  }

  @inline(__always)
  private static func isAlphanumeric(_ b: UInt8) -> Bool {
    (b &- 0x30) < 10 || ((b | 0x20) &- 0x61) < 26
  }

  /// `%XX` with upper-case hex digits (RFC 3986 §2.1 says producers should use them).
  @inline(__always)
  private static func appendPercent(_ b: UInt8, into out: inout [UInt8]) {
    out.append(contentsOf: [UInt8(ascii: "%"), upperHex[Int(b >> 4)], upperHex[Int(b & 0xF)]])
  }

  private static let upperHex = Array("0123456789ABCDEF".utf8)
  private static let lowerHex = Array("0123456789abcdef".utf8)
  private static let backslash = UInt8(ascii: "\\")
  private static let zero = UInt8(ascii: "0")
  private static let space = UInt8(ascii: " ")
  private static let plus = UInt8(ascii: "+")
  private static let star = UInt8(ascii: "*")
  private static let hyphen = UInt8(ascii: "-")
  private static let dot = UInt8(ascii: ".")
  private static let underscore = UInt8(ascii: "_")
  private static let tilde = UInt8(ascii: "~")
}
