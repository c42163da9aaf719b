/// Byte constants and character classes of the TOML 1.0.0 ABNF.
enum TOMLByte {
  static let tab = UInt8(ascii: "\t")
  static let lf = UInt8(ascii: "\n")
  static let cr = UInt8(ascii: "\r")
  static let space = UInt8(ascii: " ")
  static let quote = UInt8(ascii: "\"")
  static let apostrophe = UInt8(ascii: "'")
  static let backslash = UInt8(ascii: "\\")
  static let hash = UInt8(ascii: "#")
  static let equals = UInt8(ascii: "=")
  static let dot = UInt8(ascii: ".")
  static let comma = UInt8(ascii: ",")
  static let plus = UInt8(ascii: "+")
  static let minus = UInt8(ascii: "-")
  static let underscore = UInt8(ascii: "_")
  static let colon = UInt8(ascii: ":")
  static let leftBracket = UInt8(ascii: "[")
  static let rightBracket = UInt8(ascii: "]")
  static let leftBrace = UInt8(ascii: "{")
  static let rightBrace = UInt8(ascii: "}")

  static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

  static func isHexDigit(_ b: UInt8) -> Bool {
    isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
  }

  static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

  /// `unquoted-key = 1*( ALPHA / DIGIT / %x2D / %x5F )`.
  static func isBareKey(_ b: UInt8) -> Bool {
    isLetter(b) || isDigit(b) || b == minus || b == underscore
  }

  /// Bytes that can appear in a number, boolean or date-time literal.
  static func isWord(_ b: UInt8) -> Bool {
    isLetter(b) || isDigit(b) || b == minus || b == underscore || b == plus || b == dot
      || b == colon
  }

  /// Control characters TOML forbids in strings and comments: U+0000–U+001F except tab, and U+007F.
  /// Line breaks are handled separately by the callers.
  static func isForbiddenControl(_ b: UInt8) -> Bool { (b < 0x20 && b != tab) || b == 0x7F }

  /// Numeric value of a hex digit (caller checks `isHexDigit`).
  static func hexValue(_ b: UInt8) -> UInt32 {
    switch b {
    case 0x30...0x39: UInt32(b - 0x30)
    case 0x41...0x46: UInt32(b - 0x41 + 10)
    default: UInt32(b - 0x61 + 10)
    }
  }
}
