import LoadForgeConfig
import Testing

@Suite struct DiagnosticRenderingTests {
  /// The arrow, the bars and the help line line up with a line number of any width (as rustc's).
  @Test func gutterFollowsTheLineNumberWidth() {
    let lines = (1...12).map { $0 == 12 ? "users = \"3\"" : "# line \($0)" }
    let source = SourceText(file: "t.toml", bytes: Array((lines.joined(separator: "\n") + "\n").utf8))
    let diagnostic = Diagnostic(
      "users must be a positive integer, found string", at: SourceLocation(file: "t.toml", line: 12, column: 9),
      length: 3, help: "write it without quotes: 3")
    #expect(
      diagnostic.rendered(source: source) == """
        error: users must be a positive integer, found string
          --> t.toml:12:9
           |
        12 | users = "3"
           |         ^^^
           = help: write it without quotes: 3
        """)
  }

  @Test func singleDigitLinesKeepTheNarrowGutter() {
    let source = SourceText(file: "t.toml", bytes: Array("a = 1\n".utf8))
    let diagnostic = Diagnostic("bad", at: SourceLocation(file: "t.toml", line: 1, column: 5), help: "fix it")
    #expect(
      diagnostic.rendered(source: source) == """
        error: bad
         --> t.toml:1:5
          |
        1 | a = 1
          |     ^
          = help: fix it
        """)
  }
}
