/// Turns libyaml marks into `SourceLocation`s with the same conventions as the TOML reader.
///
/// libyaml's `mark.index` counts characters from the first character after the BOM, and its
/// `mark.line` also breaks on CR, NEL, LS and PS (YAML 1.1). Locations are therefore rebuilt
/// from the byte offset: the character index is converted to a byte offset by walking UTF-8
/// lead bytes, and line/column come from `LineIndex` (lines end at LF, columns count
/// Unicode scalars), so they agree with `SourceText` and the caret excerpt.
struct YAMLSourceMap {
  private let bytes: [UInt8]
  /// Byte offset of the first character after a UTF-8 BOM (0 without one).
  let bodyStart: Int
  private var lines: LineIndex
  /// A known (character index, byte offset) pair; marks come mostly in increasing order.
  private var cursorIndex = 0
  private var cursorOffset: Int

  init(file: String, bytes: [UInt8], bodyStart: Int) {
    self.bytes = bytes
    self.bodyStart = bodyStart
    self.lines = LineIndex(file: file, bytes: bytes, bodyStart: bodyStart)
    self.cursorOffset = bodyStart
  }

  /// Byte offset in the whole file of the character at libyaml `index`.
  mutating func byteOffset(ofCharacter index: Int) -> Int {
    if index < cursorIndex {
      cursorIndex = 0
      cursorOffset = bodyStart
    }
    var i = cursorOffset
    var n = cursorIndex
    while n < index && i < bytes.count {
      i += 1
      while i < bytes.count && bytes[i] & 0xC0 == 0x80 { i += 1 }
      n += 1
    }
    cursorIndex = n
    cursorOffset = i
    return i
  }

  mutating func location(_ mark: YAMLEvent.Mark) -> SourceLocation {
    lines.location(at: byteOffset(ofCharacter: mark.index))
  }

  /// The byte at `offset` of the file, if any.
  func byte(at offset: Int) -> UInt8? {
    offset >= 0 && offset < bytes.count ? bytes[offset] : nil
  }

  mutating func location(atByte offset: Int) -> SourceLocation {
    lines.location(at: offset)
  }

  /// Width in columns of the text from `start` to `end` up to the end of its first line (at
  /// least 1): a scalar's `ConfigValue.sourceLength`.
  mutating func firstLineWidth(from start: YAMLEvent.Mark, to end: YAMLEvent.Mark) -> Int {
    let from = byteOffset(ofCharacter: start.index)
    return lines.firstLineWidth(from: from, to: byteOffset(ofCharacter: end.index))
  }

  /// Columns from `start` to just after the first quote at or after it (1 when the scalar
  /// starts with its quote; more after an anchor or tag): a quoted scalar's
  /// `ConfigValue.contentOffset`.
  mutating func contentOffset(from start: YAMLEvent.Mark, to end: YAMLEvent.Mark) -> Int {
    let from = byteOffset(ofCharacter: start.index)
    let to = byteOffset(ofCharacter: end.index)
    var i = from
    while i < to, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "'") { i += 1 }
    return i < to ? lines.scalarCount(from: from, to: i) + 1 : 0
  }

  /// Caret width for a node spanning `start..<end`: its width in characters when it fits on
  /// one line, else 1.
  static func width(from start: YAMLEvent.Mark, to end: YAMLEvent.Mark) -> Int {
    start.line == end.line ? max(1, end.index - start.index) : 1
  }
}
