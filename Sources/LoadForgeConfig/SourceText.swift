/// The text of one config file, kept so diagnostics can render a caret excerpt.
public struct SourceText: Sendable {
  public let file: String
  public let lines: [String]

  /// - Parameters:
  ///   - file: the name diagnostics print (usually the path as the user typed it).
  ///   - bytes: the raw file content; invalid UTF-8 is repaired for display only. A leading
  ///     UTF-8 BOM is dropped, matching the parsers, whose columns on line 1 do not count it.
  public init(file: String, bytes: [UInt8]) {
    self.file = file
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    // Split on LF bytes, not Characters: in Swift "\r\n" is one Character, so a Character split
    // would see a CRLF file as a single line.
    self.lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
      String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
    }
  }

  /// The text of 1-based line `n`, if it exists.
  public func line(_ n: Int) -> String? {
    n >= 1 && n <= lines.count ? lines[n - 1] : nil
  }
}
