/// Maps byte offsets of a file to 1-based line and column (in Unicode scalars).
///
/// Line starts are found once up front, so no per-byte bookkeeping is needed while lexing.
/// Columns are counted from a cached earlier position on the same line: tokens are asked for
/// in increasing order, so a long single-line file costs O(n) in total, not O(n²).
struct LineIndex {
  let file: String
  private let bytes: [UInt8]
  /// Byte offset of the first byte of each line; line 1 starts after a UTF-8 BOM.
  private let lineStarts: [Int]
  private var cachedOffset: Int
  private var cachedLine = 1
  private var cachedColumn = 1

  /// - Parameters:
  ///   - bytes: the whole file.
  ///   - bodyStart: offset of the first byte after a BOM (0 without one).
  init(file: String, bytes: [UInt8], bodyStart: Int) {
    self.file = file
    self.bytes = bytes
    var starts = [bodyStart]
    var i = bodyStart
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "\n") { starts.append(i + 1) }
      i += 1
    }
    self.lineStarts = starts
    self.cachedOffset = bodyStart
  }

  /// The location of the byte at `offset` (`offset == bytes.count` is end of file).
  mutating func location(at offset: Int) -> SourceLocation {
    let nextLineStart = cachedLine < lineStarts.count ? lineStarts[cachedLine] : Int.max
    if offset < cachedOffset || offset >= nextLineStart {
      cachedLine = lineNumber(containing: offset)
      cachedOffset = lineStarts[cachedLine - 1]
      cachedColumn = 1
    }
    cachedColumn += scalarCount(from: cachedOffset, to: offset)
    cachedOffset = offset
    return SourceLocation(file: file, line: cachedLine, column: cachedColumn, offset: offset)
  }

  /// Number of Unicode scalars that start in `start..<end` (UTF-8 continuation bytes do not count).
  func scalarCount(from start: Int, to end: Int) -> Int {
    var n = 0
    var i = start
    let stop = min(end, bytes.count)
    while i < stop {
      if bytes[i] & 0xC0 != 0x80 { n += 1 }
      i += 1
    }
    return n
  }

  /// Number of Unicode scalars in `start..<end` up to the first line break (LF, or the CR of
  /// CRLF), at least 1: the caret width of a token that may span lines.
  func firstLineWidth(from start: Int, to end: Int) -> Int {
    var n = 0
    var i = start
    let stop = min(end, bytes.count)
    while i < stop {
      let b = bytes[i]
      if b == 0x0A || (b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) { break }
      if b & 0xC0 != 0x80 { n += 1 }
      i += 1
    }
    return max(1, n)
  }

  /// Whether `start..<end` holds a line break.
  func spansLines(from start: Int, to end: Int) -> Bool {
    bytes[start..<min(end, bytes.count)].contains(0x0A)
  }

  /// Binary search for the last line start at or before `offset`.
  private func lineNumber(containing offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low + 1
  }

  /// A diagnostic at byte `offset` whose caret spans the bytes `offset..<offset+length`
  /// (the width counted in Unicode scalars, as columns are).
  mutating func diagnostic(_ message: String, at offset: Int, length: Int = 1, help: String? = nil) -> Diagnostic {
    let width = length <= 1 ? 1 : scalarCount(from: offset, to: offset + length)
    return Diagnostic(message, at: location(at: offset), length: width, help: help)
  }
}
