import LoadForgeConfig
import Testing

/// Where TOML errors point and how they render (message, `file:line:column`, caret, help).
@Suite struct TOMLDiagnosticTests {
  static func error(_ bytes: [UInt8], file: String = "t.toml") -> Diagnostic? {
    do {
      _ = try TOMLParser.parse(bytes, file: file)
      return nil
    } catch {
      return error
    }
  }

  static func error(_ text: String) -> Diagnostic? { error(Array(text.utf8)) }

  static func rendered(_ text: String) -> String? {
    error(text)?.rendered(source: SourceText(file: "t.toml", bytes: Array(text.utf8)))
  }

  @Test func duplicateKeyRendersCaretAndFirstDefinition() {
    let out = Self.rendered("name = 1\n[t]\nx = 2\n  x = 3\n")
    #expect(
      out == """
        error: duplicate key 't.x'
         --> t.toml:4:3
          |
        4 |   x = 3
          |   ^
          = help: first defined at t.toml:3:1
        """)
  }

  @Test func tableDefinedTwice() {
    let d = Self.error("[a.b]\nx = 1\n[a.b]\n")
    #expect(d?.message == "table [a.b] is defined twice")
    #expect(d?.location?.line == 3 && d?.location?.column == 4)
    #expect(d?.help == "first defined at t.toml:1:4")
  }

  @Test func unterminatedStringPointsAtOpeningQuote() {
    #expect(
      Self.rendered("a = 1\nb = \"open\nc = 2\n") == """
        error: unterminated string
         --> t.toml:2:5
          |
        2 | b = "open
          |     ^
          = help: add a closing " before the end of the line; use \"\"\" for text spanning lines
        """)
  }

  @Test func badEscapeSpansTheEscape() {
    let d = Self.error("s = \"é\\q\"")
    #expect(d?.message == "invalid escape sequence \\q")
    #expect(d?.location?.column == 7 && d?.length == 2)
    #expect(d?.help?.contains("\\uXXXX") == true)
  }

  @Test func caretSpansTheWholeBadToken() {
    #expect(
      Self.rendered("n = 0x_1F\n") == """
        error: invalid number 0x_1F
         --> t.toml:1:5
          |
        1 | n = 0x_1F
          |     ^^^^^
          = help: underscores must sit between two digits; hex, octal and binary need 0x, 0o, 0b
        """)
    // Digits then letters were meant as text: quoting is the fix, not underscores or a radix.
    let quoteIt = "to write text (a status class, a duration), quote it: "
    #expect(Self.error("expect = { status = 2xx }")?.help == quoteIt + "\"2xx\"")
    #expect(Self.error("t = 100ms")?.help == quoteIt + "\"100ms\"")
    #expect(Self.error("n = 0xZZ")?.help?.hasPrefix("underscores") == true)
    let d = Self.error("d = 2023-02-29")
    #expect(d?.message == "invalid date-time 2023-02-29: day 29 does not exist in 2023-02")
    #expect(d?.length == 10)
  }

  @Test func invalidUTF8PointsAtTheBadSequence() {
    let d = Self.error(Array("a = 1\nb = \"x".utf8) + [0xC3, 0x28] + Array("\"\n".utf8))
    #expect(d?.message == "invalid UTF-8: the sequence starting with 0xC3 has an invalid byte 0x28")
    #expect(d?.location == SourceLocation(file: "t.toml", line: 2, column: 7, offset: 12))
    #expect(Self.error([0xFF, 0xFE, 0x61, 0x00])?.help?.contains("UTF-16") == true)
  }

  @Test func nulByteIsRejectedWhereItIs() {
    let d = Self.error(Array("a = \"x".utf8) + [0] + Array("\"".utf8))
    #expect(d?.message == "control character U+0000 is not allowed in a string")
    #expect(d?.location?.column == 7 && d?.location?.offset == 6)
    let top = Self.error([0x61, 0x3D, 0x31, 0x0A, 0x00])
    #expect(top?.message == "expected a key, found control character U+0000")
    #expect(top?.location?.line == 2 && top?.location?.column == 1)
  }

  @Test func controlCharactersInComments() {
    let d = Self.error("a = 1 # bell \u{7}\n")
    #expect(d?.message == "control character U+0007 is not allowed in a comment")
    #expect(d?.location?.column == 14)
  }

  @Test func bareCarriageReturn() {
    let d = Self.error("a = 1\rb = 2")
    #expect(d?.message == "carriage return must be followed by a line feed")
    #expect(d?.location?.column == 6)
  }

  @Test func columnsAfterBOMAndMultibyteCharacters() {
    let d = Self.error([0xEF, 0xBB, 0xBF] + Array("\"é\" = 1 x".utf8))
    #expect(d?.location == SourceLocation(file: "t.toml", line: 1, column: 9, offset: 12))
    let text = "\u{FEFF}k = tru\n"
    #expect(
      Self.error(Array(text.utf8))?.rendered(
        source: SourceText(file: "t.toml", bytes: Array(text.utf8))) == """
          error: invalid value 'tru'
           --> t.toml:1:5
            |
          1 | k = tru
            |     ^^^
            = help: strings must be quoted; booleans are lowercase true/false
          """)
  }

  @Test func redefinitionRules() {
    #expect(Self.error("a = {x = 1}\na.y = 2")?.message == "cannot extend the inline table 'a'")
    #expect(
      Self.error("a = [1]\n[[a]]")?.message == "cannot append to the static array 'a' with [[a]]")
    #expect(Self.error("a.b = 1\n[a]")?.message == "table [a] was already defined by dotted keys")
    #expect(
      Self.error("[a]\nb.c = 1\n[a.b]")?.message == "table [a.b] was already defined by dotted keys"
    )
    #expect(
      Self.error("[a.b]\n[a]\nb.c = 1")?.message
        == "cannot add to table [a.b] with dotted keys: it is defined by a header")
    #expect(
      Self.error("[[a]]\n[a]")?.message == "cannot define [a]: 'a' is already an array of tables")
    #expect(Self.error("x = {a = 1, }")?.message == "trailing comma in inline table")
    #expect(
      Self.error("x = {a = 1,\n b = 2}")?.message.hasPrefix("inline table must be closed") == true)
  }
}
