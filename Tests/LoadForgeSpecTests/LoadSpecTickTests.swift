import LoadForgeConfig
import Testing

@testable import LoadForgeSpec

/// `[load] tick`: how often the pattern is re-evaluated (default 1 s, 100 ms … 10 s).
@Suite struct LoadSpecTickTests {
  /// A config whose `[load]` table holds `lines` from line 3, column 1.
  func config(_ lines: String) -> String {
    "base_url = \"http://127.0.0.1:1\"\n[load]\n\(lines)\n\(minimalTasks)"
  }

  func tick(_ lines: String) throws -> Int64 {
    try decode(config(lines)).get().load.tickMicros
  }

  @Test func defaultsToOneSecond() throws {
    #expect(try tick("users = 2\nduration = \"5s\"") == 1_000_000)
    #expect(LoadSpec.defaultTickMicros == 1_000_000)
  }

  @Test(
    arguments: [
      ("\"100ms\"", 100_000), ("\"250ms\"", 250_000), ("\"1s\"", 1_000_000), ("\"2.5s\"", 2_500_000),
      ("\"10s\"", 10_000_000),
    ] as [(String, Int64)])
  func decodesTicksInRange(_ written: String, _ micros: Int64) throws {
    #expect(try tick("users = 2\nduration = \"5s\"\ntick = \(written)") == micros)
  }

  @Test func everyPatternTakesATick() throws {
    #expect(try tick("pattern = \"ramp\"\nfrom = 0\nto = 4\nduration = \"4s\"\ntick = \"200ms\"") == 200_000)
    #expect(
      try tick(
        "tick = \"500ms\"\npattern = \"composite\"\nstages = [{ pattern = \"constant\", users = 1, duration = \"1s\" }]"
      )
        == 500_000)
  }

  @Test(arguments: [
    (
      "\"50ms\"",
      "5:8 tick 50ms is outside 100ms … 10s "
        + "[the pattern is re-evaluated every tick; write a duration from \"100ms\" to \"10s\", e.g. \"1s\"]"
    ),
    (
      "\"11s\"",
      "5:8 tick 11s is outside 100ms … 10s "
        + "[the pattern is re-evaluated every tick; write a duration from \"100ms\" to \"10s\", e.g. \"1s\"]"
    ),
    ("1", "5:8 tick needs a unit [write \"1s\" or \"1ms\" (units: ms, s, m, h)]"),
    ("\"0s\"", "5:8 tick must be greater than 0"),
    ("\"soon\"", "5:8 invalid duration \"soon\""),
  ])
  func rejectsTicksOutOfRange(_ written: String, _ expected: String) {
    let found = problems(config("users = 2\nduration = \"5s\"\ntick = \(written)"))
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix(expected) == true, "\(found)")
  }

  /// The tick is the run's, not a stage's: inside a composite stage it is an unknown key.
  @Test func aStageCannotHaveATick() {
    let found = problems(
      config(
        "pattern = \"composite\"\nstages = [{ pattern = \"constant\", users = 1, duration = \"1s\", tick = \"1s\" }]"))
    #expect(found.count == 1)
    #expect(found.first?.contains("tick") == true, "\(found)")
    #expect(found.first?.hasPrefix("4:") == true, "\(found)")
  }

  /// A bad tick is reported with the pattern's own problems in one pass.
  @Test func aBadTickIsReportedWithThePatternsProblems() {
    let found = problems(config("pattern = \"ramp\"\nfrom = 0\nduration = \"5s\"\ntick = \"20s\""))
    #expect(found.count == 2, "\(found)")
    #expect(found.contains { $0.hasPrefix("6:8 tick 20s is outside 100ms … 10s") }, "\(found)")
    #expect(found.contains { $0.hasPrefix("2:2 missing required key \"to\" in [load]") }, "\(found)")
  }
}
