/// Parses TOML 1.0.0 documents (https://toml.io/en/v1.0.0) into `ConfigValue` trees.
///
/// Hand-written lexer and recursive-descent parser over bytes. Every node and every table key
/// carries its `SourceLocation` (1-based line and column in Unicode scalars, byte offset);
/// tables keep the order keys were written in. Passes all 709 cases of the toml-test 1.0.0 suite.
public enum TOMLParser {
  /// Parses a whole TOML document.
  ///
  /// The input is raw bytes: a leading UTF-8 BOM is skipped (and columns on line 1 do not count
  /// it), CRLF and LF line endings are both accepted, and line endings inside multi-line
  /// strings become LF.
  /// - Parameters:
  ///   - bytes: the file content.
  ///   - file: the name diagnostics and locations carry (usually the path as the user typed it).
  /// - Returns: the root table (`.table`), located at line 1, column 1.
  /// - Throws: `Diagnostic` for the first problem: invalid UTF-8, a forbidden control character,
  ///   a syntax error, a duplicate key or table, an integer outside Int64, an invalid date.
  ///   Its `location` points at the offending byte or token and `length` spans the token.
  public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> ConfigValue {
    let bodyStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    if let bad = firstInvalidUTF8(bytes, from: bodyStart) {
      var lines = LineIndex(file: file, bytes: bytes, bodyStart: bodyStart)
      let looksUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
      throw Diagnostic(
        "invalid UTF-8: \(bad.problem)", at: lines.location(at: bad.offset),
        help: looksUTF16
          ? "the file looks like UTF-16; TOML files must be UTF-8"
          : "TOML files must be valid UTF-8")
    }
    var parser = TOMLDocumentParser(bytes: bytes, file: file, bodyStart: bodyStart)
    return try parser.parseDocument()
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
}
