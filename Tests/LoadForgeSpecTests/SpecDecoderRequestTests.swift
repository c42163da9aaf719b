import LoadForgeConfig
import Testing

@testable import LoadForgeSpec

@Suite struct SpecDecoderRequestTests {
  @Test func queryKeepsWrittenOrderAndLocations() throws {
    let spec = try decode(oneTask("path = \"/\"\nquery = { z = \"1\", a = \"${X}\" }")).get()
    let query = spec.scenarios[0].tasks[0].query
    #expect(query.map(\.name) == ["z", "a"])
    #expect(query.map(\.value.value) == ["1", "${X}"])
    #expect(query[1].value.location.line == 8)
    #expect(query[1].value.location.column == 24)
  }

  @Test func queryValuesMustBeStrings() {
    #expect(
      problems(oneTask("path = \"/\"\nquery = { page = 2, on = true, tags = [\"a\"] }")) == [
        "8:18 query.page must be a string, found integer [quote it: page = \"2\"]",
        "8:26 query.on must be a string, found boolean [quote it: on = \"true\"]",
        "8:39 query.tags must be a string, found array",
      ])
    #expect(
      problems(oneTask("path = \"/\"\nquery = \"a=1\"")) == [
        "8:9 query must be a table of strings, e.g. { page = \"1\" }, found string"
      ])
  }

  @Test func misspelledQuerySuggestsIt() {
    #expect(
      problems(oneTask("path = \"/\"\nquerry = { a = \"1\" }")) == [
        "8:1 unknown key \"querry\" in task #1 of \"scenario 1\" [did you mean \"query\"?]"
      ])
  }
}
