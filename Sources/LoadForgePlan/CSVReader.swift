/// A CSV reader for `[[data]]` files (RFC 4180): fields separated by commas, records by CRLF or
/// LF, fields in double quotes may hold commas, line breaks and `""` (one quote).
///
/// Lenient where files in the wild differ and nothing is lost: a UTF-8 byte order mark is
/// skipped, empty lines are skipped, the last record needs no line break, and a quote inside an
/// unquoted field is kept as text.
public enum CSVReader {
  /// One record: its fields (UTF-8) and the line it starts on (1-based).
  public struct Record: Sendable, Equatable {
    public var fields: [String]
    public var line: Int
    /// The column (1-based, in Unicode scalars) each field starts at, on the line it starts on.
    public var columns: [Int]
    /// The line each field starts on (a quoted field may span lines).
    public var lines: [Int]
  }

  /// A malformed file: `line` and `column` (1-based, in Unicode scalars) of the problem.
  public struct ParseError: Error, Sendable, Equatable {
    public var message: String
    public var line: Int
    public var column: Int
    public var offset: Int
  }

  /// - Throws: `ParseError` for an unclosed quote, text after a closing quote, or bytes that
  ///   are not UTF-8.
  public static func records(_ bytes: [UInt8]) throws(ParseError) -> [Record] {
    var cursor = Cursor(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { cursor.index = 3 }
    var records: [Record] = []
    while !cursor.atEnd {
      let recordLine = cursor.line
      var fields: [String] = []
      var columns: [Int] = []
      var lines: [Int] = []
      var quotedAny = false
      while true {
        let start = cursor.position
        var field: [UInt8] = []
        if cursor.peek == UInt8(ascii: "\"") {
          quotedAny = true
          cursor.advance()
          while true {
            guard let b = cursor.peek else {
              throw ParseError(
                message: "unclosed quote: the field opened here has no closing \"", line: start.line,
                column: start.column, offset: start.offset)
            }
            if b == UInt8(ascii: "\"") {
              if cursor.peek(1) == UInt8(ascii: "\"") {
                field.append(b)
                cursor.advance(2)
                continue
              }
              cursor.advance()
              break
            }
            field.append(b)
            cursor.advance()
          }
          if let b = cursor.peek, b != UInt8(ascii: ","), !cursor.atLineBreak {
            let here = cursor.position
            throw ParseError(
              message: "unexpected \"\(Character(Unicode.Scalar(b)))\" after a closing quote (write \"\" for a quote "
                + "inside a quoted field)", line: here.line, column: here.column, offset: here.offset)
          }
        } else {
          while let b = cursor.peek, b != UInt8(ascii: ","), !cursor.atLineBreak {
            field.append(b)
            cursor.advance()
          }
        }
        guard let text = String(validating: field, as: UTF8.self) else {
          throw ParseError(
            message: "the field is not UTF-8 text", line: start.line, column: start.column, offset: start.offset)
        }
        fields.append(text)
        columns.append(start.column)
        lines.append(start.line)
        if cursor.peek == UInt8(ascii: ",") {
          cursor.advance()
          continue
        }
        cursor.skipLineBreak()
        break
      }
      if fields == [""], !quotedAny { continue }  // an empty line
      records.append(Record(fields: fields, line: recordLine, columns: columns, lines: lines))
    }
    return records
  }

  /// A position in the bytes with its line and column, advanced byte by byte.
  private struct Cursor {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var column = 1

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { peek(0) }
    func peek(_ ahead: Int) -> UInt8? { index + ahead < bytes.count ? bytes[index + ahead] : nil }
    var position: (line: Int, column: Int, offset: Int) { (line, column, index) }
    /// At LF or CRLF (a lone CR is text).
    var atLineBreak: Bool {
      peek == UInt8(ascii: "\n") || (peek == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n"))
    }

    mutating func advance(_ count: Int = 1) {
      for _ in 0..<count where index < bytes.count {
        let b = bytes[index]
        if b == UInt8(ascii: "\n") {
          line += 1
          column = 1
        } else if b & 0xC0 != 0x80 {
          column += 1  // continuation bytes belong to the scalar already counted
        }
        index += 1
      }
    }

    mutating func skipLineBreak() {
      if peek == UInt8(ascii: "\r") { advance() }
      if peek == UInt8(ascii: "\n") { advance() }
    }
  }
}
