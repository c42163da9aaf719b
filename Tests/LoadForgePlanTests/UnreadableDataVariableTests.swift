import LoadForgeConfig
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

/// A `[[data]]` file that cannot be read leaves its columns unknown: a `${vu.NAME}` close to a
/// known name is still reported (as a warning, in the same run), other names stay quiet.
@Suite struct UnreadableDataVariableTests {
  static let config = """
    base_url = "http://127.0.0.1:1"
    [[data]]
    file = "missing.csv"
    [load]
    users = 1
    duration = "1s"
    [[scenarios]]
      [[scenarios.setup]]
      path = "/login?u=${vu.user}"
      capture = { token = { json = "$.token" } }
      [[scenarios.tasks]]
      path = "/items"
      headers = { Authorization = "Bearer ${vu.tokn}" }
    """

  @Test func aLikelyTypoIsAWarningWhileTheFileIsMissing() throws {
    let root = try TOMLParser.parse(Array(Self.config.utf8), file: "t.toml")
    let (spec, decoded) = SpecDecoder.decodeAll(root, environment: [:])
    #expect(decoded.isEmpty)
    let (_, compiled) = PlanCompiler.check(
      try #require(spec), environment: [:],
      readFile: { (path: String) throws(DataFileError) -> DataFile in throw DataFileError("\(path) does not exist") })
    let found = DiagnosticList(compiled).sortedByPosition().diagnostics
    #expect(found.map(\.severity) == [.error, .warning])
    #expect(found.first?.message.hasPrefix("cannot read data file \"missing.csv\"") == true)
    let typo = try #require(found.last)
    #expect(
      typo.message
        == "${vu.tokn} is not captured in this scenario (unless the [[data]] file that could not be read has such a column)"
    )
    #expect(typo.location?.line == 13 && typo.location?.column == 39)
    #expect(typo.help == "did you mean \"token\"?")
    // `${vu.user}` is probably a column of missing.csv: nothing is said about it.
    #expect(!found.contains { $0.message.contains("vu.user") })
  }
}
