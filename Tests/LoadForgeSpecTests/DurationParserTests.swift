import Testing

@testable import LoadForgeSpec

@Suite struct DurationParserTests {
  @Test(arguments: [
    ("500ms", Int64(500_000)), ("30s", 30_000_000), ("5m", 300_000_000), ("1h", 3_600_000_000),
    ("1.5s", 1_500_000), ("1m30s", 90_000_000), ("250us", 250), ("250µs", 250), (" 2s ", 2_000_000),
    ("0s", 0),
  ])
  func parses(text: String, micros: Int64) {
    #expect(DurationParser.micros(text) == micros)
  }

  @Test(arguments: ["", "30", "s", "5x", "1.2.3s", "-1s", "ms30", "1 h"])
  func rejects(text: String) {
    #expect(DurationParser.micros(text) == nil)
  }

  @Test(arguments: [
    (Int64(90_000_000), "1m30s"), (1_500_000, "1.5s"), (500_000, "500ms"), (3_600_000_000, "1h"), (250, "250us"),
    (0, "0s"),
  ])
  func formats(micros: Int64, text: String) {
    #expect(DurationParser.format(micros: micros) == text)
    #expect(DurationParser.micros(text) == micros)
  }
}
