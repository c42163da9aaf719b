/// Byte-level checks shared by the TOML, YAML and JSON readers.
enum SourceBytes {
  /// Where a file's content starts: past a UTF-8 byte-order mark, if any.
  static func bodyStart(of bytes: [UInt8]) -> Int {
    bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  }

  /// Checks that the file is UTF-8 from `start` on, as the three readers do before parsing.
  /// - Parameters:
  ///   - what: how the help names the files, e.g. `"TOML files"`.
  ///   - rule: the rule's source appended to the help, e.g. `" (RFC 8259 §8.1)"`.
  /// - Throws: `Diagnostic` at the first byte that does not start a well-formed sequence (the
  ///   help says so when the file looks like UTF-16).
  static func requireUTF8(
    _ bytes: [UInt8], from start: Int, file: String, what: String, rule: String = ""
  ) throws(Diagnostic) {
    guard let bad = firstInvalidUTF8(bytes, from: start) else { return }
    var lines = LineIndex(file: file, bytes: bytes, bodyStart: start)
    let looksUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    throw Diagnostic(
      "invalid UTF-8: \(bad.problem)", at: lines.location(at: bad.offset),
      help: looksUTF16
        ? "the file looks like UTF-16; \(what) must be UTF-8\(rule)" : "\(what) must be valid UTF-8\(rule)")
  }

  /// The first byte that does not start a well-formed UTF-8 sequence and what is wrong with it
  /// (Unicode 15 Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
  static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> (offset: Int, problem: String)? {
    func hex(_ b: UInt8) -> String {
      "0x" + (b < 0x10 ? "0" : "") + String(b, radix: 16, uppercase: true)
    }
    var i = start
    let n = bytes.count
    while i < n {
      let lead = bytes[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      var need = 0
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: need = 1
      case 0xE0: (need, low) = (2, 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED: (need, high) = (2, 0x9F)
      case 0xF0: (need, low) = (3, 0x90)
      case 0xF1...0xF3: need = 3
      case 0xF4: (need, high) = (3, 0x8F)
      default: return (i, "byte \(hex(lead)) cannot start a character")
      }
      for k in 1...need {
        guard i + k < n else {
          return (i, "the sequence starting with \(hex(lead)) is cut off by the end of the file")
        }
        let c = bytes[i + k]
        let range: ClosedRange<UInt8> = k == 1 ? low...high : 0x80...0xBF
        guard range.contains(c) else {
          return (i, "the sequence starting with \(hex(lead)) has an invalid byte \(hex(c))")
        }
      }
      i += need + 1
    }
    return nil
  }

  /// `U+000A`-style name of a code point, for messages about invisible characters.
  static func scalarName(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
