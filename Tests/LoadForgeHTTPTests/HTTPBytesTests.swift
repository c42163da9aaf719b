import LoadForgeTestSupport
import Testing

@testable import LoadForgeHTTP

/// The word-at-a-time and table helpers against their byte-by-byte definitions.
@Suite struct HTTPBytesTests {
  /// RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
  /// "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA.
  @Test func tcharTableMatchesRFC9110() {
    let symbols = Set("!#$%&'*+-.^_`|~".utf8)
    for value in 0...255 {
      let byte = UInt8(value)
      let expected =
        symbols.contains(byte) || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
        || (0x61...0x7A).contains(byte)
      #expect(HTTPBytes.isTChar(byte) == expected, "byte \(value)")
    }
  }

  @Test func lowercasedWordLowercasesEachByteAlone() {
    var rng = SplitMix64(seed: 0x10CA_5E)
    // Every byte value in every position, then random words.
    for value in 0...255 {
      for position in 0..<8 {
        let word = UInt64(value) << (8 * position) | 0x4142_5A5B_6061_7A7B & ~(0xFF << (8 * position))
        #expect(HTTPBytes.lowercased(word: word) == Self.lowercasedByteByByte(word), "\(value)@\(position)")
      }
    }
    for _ in 0..<20_000 {
      let word = rng.next()
      #expect(HTTPBytes.lowercased(word: word) == Self.lowercasedByteByByte(word))
    }
  }

  private static func lowercasedByteByByte(_ word: UInt64) -> UInt64 {
    var out: UInt64 = 0
    for position in 0..<8 {
      let byte = UInt8(truncatingIfNeeded: word >> (8 * position))
      out |= UInt64(HTTPBytes.lowercased(byte)) << (8 * position)
    }
    return out
  }

  @Test func equalsLowercaseComparesEveryByteCaseInsensitively() {
    let literals: [StaticString] = [
      "close", "chunked", "keep-alive", "connection", "content-length", "transfer-encoding",
    ]
    var rng = SplitMix64(seed: 0xE9_0A15)
    for literal in literals {
      let target = Array(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
      var text = [0x20] + target.map { Bool.random(using: &rng) ? $0 : HTTPBytes.uppercasedForTest($0) } + [0x20]
      #expect(Self.equals(text, 1, text.count - 1, literal))
      #expect(!Self.equals(text, 0, text.count - 1, literal))
      #expect(!Self.equals(text, 1, text.count - 2, literal))
      // Any single changed byte, at any position, breaks the match unless it is the same
      // letter in the other case.
      for position in 1..<text.count - 1 {
        let original = text[position]
        for value in 0...255 {
          text[position] = UInt8(value)
          let expected = HTTPBytes.lowercased(UInt8(value)) == target[position - 1]
          #expect(Self.equals(text, 1, text.count - 1, literal) == expected, "\(literal) \(position) \(value)")
        }
        text[position] = original
      }
    }
  }

  private static func equals(_ text: [UInt8], _ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
    text.withUnsafeBufferPointer { HTTPBytes.equalsLowercase($0, start, end, literal) }
  }

  @Test func firstIndexNotTCharStopsWhereTheTableSays() {
    var rng = SplitMix64(seed: 0x7C4A_12)
    let nameLike = Array("abcxyzABCXYZ0189-".utf8)
    let otherTChars = Array("!#$%&'*+.^_`|~".utf8)
    for _ in 0..<20_000 {
      let count = Int.random(in: 0...40, using: &rng)
      let bytes = (0..<count).map { _ -> UInt8 in
        switch Int.random(in: 0..<20, using: &rng) {
        case 0: UInt8.random(in: 0...255, using: &rng)
        case 1: otherTChars.randomElement(using: &rng)!
        case 2: [0x3A, 0x20, 0x09, 0x40, 0x5B, 0x60, 0x7B, 0x2C, 0x2F, 0xAD, 0xE1].randomElement(using: &rng)!
        default: nameLike.randomElement(using: &rng)!
        }
      }
      let start = Int.random(in: 0...count, using: &rng)
      let end = Int.random(in: start...count, using: &rng)
      let expected = bytes[start..<end].firstIndex { !HTTPBytes.isTChar($0) } ?? end
      let actual = bytes.withUnsafeBufferPointer { HTTPBytes.firstIndexNotTChar($0, from: start, to: end) }
      #expect(actual == expected, "\(bytes) \(start)..<\(end)")
    }
    // Every byte value at every position of a word of name bytes.
    for value in 0...255 {
      for position in 0..<8 {
        var bytes = Array("Content-Length: 9".utf8)
        bytes[position] = UInt8(value)
        let expected = bytes.firstIndex { !HTTPBytes.isTChar($0) } ?? bytes.count
        let actual = bytes.withUnsafeBufferPointer { HTTPBytes.firstIndexNotTChar($0, from: 0, to: $0.count) }
        #expect(actual == expected, "byte \(value) at \(position)")
      }
    }
  }

  @Test func firstIndexAtOrBelowCRFindsTheFirstLineStopper() {
    var rng = SplitMix64(seed: 0xC0_FFEE)
    for _ in 0..<5_000 {
      let count = Int.random(in: 0...40, using: &rng)
      let bytes = (0..<count).map { _ in
        Int.random(in: 0..<6, using: &rng) == 0
          ? UInt8.random(in: 0...0x0E, using: &rng) : UInt8.random(in: 0x0E...0xFF, using: &rng)
      }
      let start = Int.random(in: 0...count, using: &rng)
      let end = Int.random(in: start...count, using: &rng)
      let expected = bytes[start..<end].firstIndex { $0 <= HTTPBytes.cr } ?? end
      let actual = bytes.withUnsafeBufferPointer { HTTPBytes.firstIndexAtOrBelowCR($0, from: start, to: end) }
      #expect(actual == expected)
    }
  }
}

extension HTTPBytes {
  fileprivate static func uppercasedForTest(_ byte: UInt8) -> UInt8 {
    byte &- 0x61 < 26 ? byte & ~0x20 : byte
  }
}
