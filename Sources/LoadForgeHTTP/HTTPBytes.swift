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

  /// `tchar` (RFC 9110 §5.6.2) by byte value: `1` at the position of ! # $ % & ' * + - . 0-9
  /// A-Z ^ _ ` a-z | ~, `0` elsewhere; one row per 64 byte values. A constant in the binary: a
  /// lookup is one load and one compare (two mask shifts with range checks cost ~16
  /// instructions per field-name byte).
  private static let tcharTable: StaticString = """
    0000000000000000000000000000000001011111001101101111111111000000\
    0111111111111111111111111110001111111111111111111111111111101010\
    0000000000000000000000000000000000000000000000000000000000000000\
    0000000000000000000000000000000000000000000000000000000000000000
    """

  /// Whether `byte` may appear in a field name (RFC 9110 §5.1: field-name = token).
  @inline(__always)
  static func isTChar(_ byte: UInt8) -> Bool {
    tcharTable.utf8Start[Int(byte)] == 0x31
  }

  /// The index of the first byte in `bytes[start..<end]` that is not a `tchar`, or `end`: where a
  /// field name stops (normally at its colon).
  ///
  /// Field names are nearly all letters, digits and `-`: 8 bytes at a time are checked for those
  /// classes with per-byte range tests (SWAR; 7-bit lanes plus the bias never carry into the next
  /// byte), and the first byte outside them goes to the `tchar` table, which decides. ~30
  /// instructions for a typical name instead of ~6 per byte.
  @inline(__always)
  static func firstIndexNotTChar(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> Int
  {
    var i = start
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while end - i >= 8 {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let common = nameAlphabetLanes(word)
        if common == 0x8080_8080_8080_8080 {
          i += 8
          continue
        }
        // Skip the leading run of common bytes; the table judges the byte after it.
        i += (~common & 0x8080_8080_8080_8080).trailingZeroBitCount >> 3
        guard isTChar(bytes[i]) else { return i }
        i += 1
      }
    }
    while i < end && isTChar(bytes[i]) { i += 1 }
    return i
  }

  /// Bit 7 of each byte lane set when that byte of `word` is an ASCII letter, digit or `-`.
  @inline(__always)
  private static func nameAlphabetLanes(_ word: UInt64) -> UInt64 {
    let high: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    let x = word & 0x7F7F_7F7F_7F7F_7F7F
    // Lane in lo...hi: x + (0x80 - lo) sets bit 7, x + (0x7F - hi) does not.
    let folded = x | 0x2020_2020_2020_2020  // A-Z → a-z; only letters land in a...z
    let letter = (folded &+ 0x1F &* ones) & ~(folded &+ 0x05 &* ones)
    let digit = (x &+ 0x50 &* ones) & ~(x &+ 0x46 &* ones)
    // x == '-' exactly when x ^ '-' is 0, i.e. adding 0x7F leaves bit 7 clear.
    let dash = ~((x ^ 0x2D &* ones) &+ 0x7F &* ones)
    return (letter | digit | dash) & ~word & high
  }

  /// Whitespace inside a field value once obs-fold is replaced by SP (RFC 9112 §5.2): SP, HTAB,
  /// and the CR/LF of a fold.
  @inline(__always)
  static func isValueSpace(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == cr || byte == lf
  }

  @inline(__always)
  static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

  /// The index of the first byte ≤ CR (0x0D) in `bytes[start..<end]`, or `end`: where a line of
  /// printable bytes stops (CR, LF, HTAB, NUL, other controls).
  ///
  /// Reads 8 bytes per step (SWAR, "determine if a word has a byte less than n", Bit Twiddling
  /// Hacks): `(w - 0x0E…) & ~w & 0x80…` flags bytes below 0x0E; bytes ≥ 0x80 are masked out by
  /// `~w`, and a borrow only travels up from a flagged byte, so the lowest flag is exact.
  /// Field values and reason phrases are most of a head's bytes: ~1 instruction per byte
  /// instead of ~4.
  @inline(__always)
  static func firstIndexAtOrBelowCR(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> Int
  {
    var i = start
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while end - i >= 8 {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let flags = (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080
        if flags != 0 { return i + flags.trailingZeroBitCount >> 3 }
        i += 8
      }
    }
    while i < end && bytes[i] > cr { i += 1 }
    return i
  }

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

  /// The 8 bytes of `word` with A–Z lowercased, the others unchanged (as `lowercased` on each).
  ///
  /// On the low 7 bits of each byte, adding 0x3F sets bit 7 from 0x41 (`A`) up and adding 0x25
  /// from 0x5B (past `Z`); no byte carries into the next. Bytes ≥ 0x80 are left alone.
  @inline(__always)
  static func lowercased(word: UInt64) -> UInt64 {
    let heptets = word & 0x7F7F_7F7F_7F7F_7F7F
    let atLeastA = heptets &+ 0x3F3F_3F3F_3F3F_3F3F
    let pastZ = heptets &+ 0x2525_2525_2525_2525
    let upper = atLeastA & ~pastZ & ~word & 0x8080_8080_8080_8080
    return word | (upper &>> 2)
  }

  /// Case-insensitive (ASCII) comparison of `bytes[start..<end]` with a lowercase literal.
  /// Literals of 8 bytes or more (`content-length`, `connection`, `keep-alive`) are compared a
  /// word at a time, the last word overlapping the one before.
  @inline(__always)
  static func equalsLowercase(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ literal: StaticString
  ) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard end - start == count else { return false }
    let target = literal.utf8Start
    if count >= 8, let base = bytes.baseAddress {
      let text = UnsafeRawPointer(base + start)
      let expected = UnsafeRawPointer(target)
      var k = 0
      while true {
        let word = text.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        guard lowercased(word: word) == expected.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        else { return false }
        if k == count - 8 { return true }
        k = min(k + 8, count - 8)
      }
    }
    var k = 0
    while k < count {
      if lowercased(bytes[start + k]) != target[k] { return false }
      k += 1
    }
    return true
  }

  /// Calls `body` with each non-empty element of a comma-separated list (RFC 9110 §5.6.1) in
  /// `bytes[start..<end]`, trimmed of whitespace. Commas inside quoted strings do not split,
  /// unless `quotedStrings` is false: for lists of bare tokens (Connection, RFC 9110 §7.6.1),
  /// where a `"` cannot start a quoted string and must not hide the elements after it.
  @inline(__always)
  static func forEachListElement(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, quotedStrings: Bool = true,
    _ body: (Int, Int) -> Void
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
        } else if b == quote && quotedStrings {
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
