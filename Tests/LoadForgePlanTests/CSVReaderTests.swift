import Testing

@testable import LoadForgePlan

@Suite struct CSVReaderTests {
  static func fields(_ text: String) throws -> [[String]] {
    try CSVReader.records(Array(text.utf8)).map(\.fields)
  }

  @Test(arguments: [
    ("a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
    ("a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
    ("a,b\n1,2", [["a", "b"], ["1", "2"]]),
    ("\"a,b\",\"say \"\"hi\"\"\"\n", [["a,b", "say \"hi\""]]),
    ("\"multi\nline\",x\n", [["multi\nline", "x"]]),
    ("a,,\n", [["a", "", ""]]),
    ("\"\"\n", [[""]]),
    ("a\n\n\nb\n", [["a"], ["b"]]),
    ("\u{FEFF}é,ü\n", [["é", "ü"]]),
    ("5\" pipe,x\n", [["5\" pipe", "x"]]),
    ("a\rb,c\n", [["a\rb", "c"]]),
    ("", []),
  ])
  func reads(text: String, expected: [[String]]) throws {
    #expect(try Self.fields(text) == expected)
  }

  @Test func recordsKnowTheirLinesAndFieldColumns() throws {
    let records = try CSVReader.records(Array("h1,h2\n\n\"x\ny\",é,z\n".utf8))
    #expect(records.map(\.line) == [1, 3])
    #expect(records[1].columns == [1, 4, 6])
    #expect(records[1].lines == [3, 4, 4])
  }

  @Test func unclosedQuoteIsLocatedAtTheOpeningQuote() {
    #expect(
      throws: CSVReader.ParseError(
        message: "unclosed quote: the field opened here has no closing \"", line: 2, column: 3, offset: 6)
    ) {
      try CSVReader.records(Array("a,b\n1,\"2\n3,4\n".utf8))
    }
  }

  @Test func textAfterAClosingQuoteIsAnError() {
    #expect(
      throws: CSVReader.ParseError(
        message: "unexpected \"x\" after a closing quote (write \"\" for a quote inside a quoted field)", line: 1,
        column: 4, offset: 3)
    ) {
      try CSVReader.records(Array("\"a\"x,b\n".utf8))
    }
  }

  @Test func invalidUTF8IsAnError() {
    #expect(throws: CSVReader.ParseError(message: "the field is not UTF-8 text", line: 1, column: 3, offset: 2)) {
      try CSVReader.records([UInt8(ascii: "a"), UInt8(ascii: ","), 0xFF, 0x0A])
    }
  }

  /// Splitting a file nowhere changes it; every prefix either parses or fails with a located error
  /// (never traps), as the parser rules in STYLE.md ask.
  @Test func everyPrefixParsesOrFailsCleanly() {
    let text = Array("user,pass\r\n\"a,\"\"b\"\"\",é\n\nc,\"d\ne\"\n".utf8)
    for end in 0...text.count {
      do {
        _ = try CSVReader.records(Array(text[..<end]))
      } catch {
        #expect(error.line >= 1 && error.column >= 1 && error.offset < end)
      }
    }
  }
}
