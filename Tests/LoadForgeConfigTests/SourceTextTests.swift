import Testing

@testable import LoadForgeConfig

@Suite struct SourceTextTests {
  @Test func splitsLFAndCRLFLinesAlike() {
    let lf = SourceText(file: "a.toml", bytes: Array("a = 1\nb = 2\n\nc = 3".utf8))
    let crlf = SourceText(file: "a.toml", bytes: Array("a = 1\r\nb = 2\r\n\r\nc = 3".utf8))
    #expect(lf.lines == ["a = 1", "b = 2", "", "c = 3"])
    #expect(crlf.lines == lf.lines)
    #expect(crlf.line(4) == "c = 3")
    #expect(crlf.line(5) == nil)
  }

  @Test func dropsBOMAndRepairsInvalidUTF8ForDisplay() {
    let text = SourceText(file: "a.toml", bytes: [0xEF, 0xBB, 0xBF] + Array("x = 1\n".utf8) + [0xFF, 0x0A])
    #expect(text.lines == ["x = 1", "\u{FFFD}", ""])
  }

  @Test func caretExcerptOnACRLFFile() throws {
    let bytes = Array("name = \"x\"\r\npattern = \"rmap\"\r\n".utf8)
    let source = SourceText(file: "c.toml", bytes: bytes)
    let diagnostic = Diagnostic(
      "unknown pattern \"rmap\"", at: SourceLocation(file: "c.toml", line: 2, column: 11), length: 6)
    #expect(
      diagnostic.rendered(source: source) == """
        error: unknown pattern "rmap"
         --> c.toml:2:11
          |
        2 | pattern = "rmap"
          |           ^^^^^^
        """)
  }
}
