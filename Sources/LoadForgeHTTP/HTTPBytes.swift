/// Byte classes and comparisons shared by the codec. Everything works on raw bytes so the hot
/// path never builds a `String`.
enum HTTPBytes {
  static let cr: UInt8 = 0x0D
  static let lf: UInt8 = 0x0A
  static let space: UInt8 = 0x20
  static let tab: UInt8 = 0x09
  static let colon: UInt8 = 0x3A
  static let comma: UInt8 = 0x2C
  static let semicolon: UInt8 = 0x3B
  static let equals: UInt8 = 0x3D
  static let quote: UInt8 = 0x22
  static let backslash: UInt8 = 0x5C

  /// `tchar` (RFC 9110 §5.6.2) as two 64-bit masks: bytes 0–63 and 64–127.
  /// Low: ! # $ % & ' * + - . 0-9. High: A-Z ^ _ ` a-z | ~.
  private static let tcharLow: UInt64 = 0x03FF_6CFA_0000_0000
  private static let tcharHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE

  /// Whether `byte` may appear in a field name (RFC 9110 §5.1: field-name = token).
  @inline(__always)
  static func isTChar(_ byte: UInt8) -> Bool {
    if byte < 64 { return (tcharLow >> UInt64(byte)) & 1 == 1 }
    if byte < 128 { return (tcharHigh >> UInt64(byte &- 64)) & 1 == 1 }
    return false
  }

  /// Whitespace inside a field value once obs-fold is replaced by SP (RFC 9112 §5.2): SP, HTAB,
  /// and the CR/LF of a fold.
  @inline(__always)
  static func isValueSpace(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == cr || byte == lf
  }

  @inline(__always)
  static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

  /// Value of a HEXDIG (RFC 5234), or -1.
  @inline(__always)
  static func hexValue(_ byte: UInt8) -> Int {
    switch byte {
    case 0x30...0x39: return Int(byte &- 0x30)
    case 0x41...0x46: return Int(byte &- 0x37)
    case 0x61...0x66: return Int(byte &- 0x57)
    default: return -1
    }
  }

  @inline(__always)
  static func lowercased(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
  }

  /// Case-insensitive (ASCII) comparison of `bytes[start..<end]` with a lowercase literal.
  @inline(__always)
  static func equalsLowercase(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ literal: StaticString
  ) -> Bool {
    guard end - start == literal.utf8CodeUnitCount else { return false }
    let target = literal.utf8Start
    var k = 0
    while k < end - start {
      if lowercased(bytes[start + k]) != target[k] { return false }
      k += 1
    }
    return true
  }

  /// Calls `body` with each non-empty element of a comma-separated list (RFC 9110 §5.6.1) in
  /// `bytes[start..<end]`, trimmed of whitespace. Commas inside quoted strings do not split.
  @inline(__always)
  static func forEachListElement(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ body: (Int, Int) -> Void
  ) {
    var i = start
    while i < end {
      while i < end && isValueSpace(bytes[i]) { i += 1 }
      let elementStart = i
      var inQuote = false
      while i < end {
        let b = bytes[i]
        if inQuote {
          if b == backslash {
            i += 1
          } else if b == quote {
            inQuote = false
          }
        } else if b == quote {
          inQuote = true
        } else if b == comma {
          break
        }
        i += 1
      }
      var elementEnd = min(i, end)
      while elementEnd > elementStart && isValueSpace(bytes[elementEnd - 1]) { elementEnd -= 1 }
      if elementEnd > elementStart { body(elementStart, elementEnd) }
      i += 1
    }
  }
}
