import Testing

@testable import loadforge

@Suite struct ValidateColourTests {
  @Test func onlyLeadingSeverityWordsAreColoured() {
    let text = "error: unknown key \"x\"\n  = help: an error: word\nwarning: slow\nnot error: here"
    #expect(
      ValidateCommand.colourSeverities(text)
        == "\u{1B}[1;31merror:\u{1B}[0m unknown key \"x\"\n  = help: an error: word\n"
        + "\u{1B}[1;33mwarning:\u{1B}[0m slow\nnot error: here")
  }
}
