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

@Suite struct SpecDecoderBodyTests {
  @Test func jsonKeepsNestingOrderAndStringLocations() throws {
    let spec = try decode(oneTask("path = \"/\"\njson = { b = [1, 1.5, true], a = \"${X}\" }")).get()
    guard case .json(.object(let members)) = spec.scenarios[0].tasks[0].body else {
      Issue.record("expected a json object body")
      return
    }
    #expect(members.map(\.key) == ["b", "a"])
    #expect(members[0].value == .array([.integer(1), .float(1.5), .boolean(true)]))
    guard case .string(let s) = members[1].value else {
      Issue.record("expected a string")
      return
    }
    #expect([s.value, "\(s.location.line):\(s.location.column)"] == ["${X}", "8:34"])
  }

  @Test func formIsATableOfStrings() throws {
    let spec = try decode(oneTask("path = \"/\"\nform = { u = \"1\" }")).get()
    guard case .form(let form) = spec.scenarios[0].tasks[0].body else {
      Issue.record("expected a form body")
      return
    }
    #expect(form.map(\.name) == ["u"])
    #expect(
      problems(oneTask("path = \"/\"\nform = { n = 1 }")) == [
        "8:14 form.n must be a string, found integer [quote it: n = \"1\"]"
      ])
  }

  @Test func bodyJsonAndFormConflict() {
    #expect(
      problems(oneTask("path = \"/\"\njson = { a = 1 }\nbody = \"x\"\nform = { b = \"2\" }")) == [
        "9:1 body and json cannot be used together [body, json and form each set the request body: keep one]",
        "10:1 form and json cannot be used together [body, json and form each set the request body: keep one]",
      ])
  }

  @Test func jsonValuesJSONCannotHold() {
    #expect(
      problems(oneTask("path = \"/\"\njson = { a = [nan, -inf], when = 1979-05-27T07:32:00Z }")) == [
        "8:15 json.a[0] is nan, which JSON cannot represent [RFC 8259 §6 numbers are finite; write a string if the server expects one]",
        "8:20 json.a[1] is inf, which JSON cannot represent [RFC 8259 §6 numbers are finite; write a string if the server expects one]",
        "8:34 json.when is a datetime, which JSON cannot represent [write it as a string: \"1979-05-27T07:32:00Z\"]",
      ])
    #expect(
      problems(oneTask("path = \"/\"\njson = \"{}\"")) == [
        "8:8 json must be a table or an array, found string [for a body that is not an object or array, write body = \"…\"]"
      ])
  }
}

@Suite struct SpecDecoderTargetTests {
  @Test func urlIsKeptAsWritten() throws {
    let spec = try decode(oneTask("url = \"${API}/items\"")).get()
    let task = spec.scenarios[0].tasks[0]
    #expect(task.target.text.value == "${API}/items")
    #expect(task.path == nil)
    guard case .url = task.target else {
      Issue.record("expected a url target")
      return
    }
  }

  @Test func pathAndUrlTogetherIsAnError() {
    #expect(
      problems(oneTask("url = \"http://127.0.0.1:1/a\"\npath = \"/a\"")) == [
        "8:1 path and url cannot be used together [path is relative to base_url, url is absolute: keep one]"
      ])
  }

  @Test func neitherPathNorUrlIsMissingPath() {
    #expect(
      problems(oneTask("name = \"x\"")) == [
        "6:13 missing required key \"path\" or \"url\" in task #1 of \"scenario 1\" [path is relative to base_url (\"/items\"); url is absolute on the same origin]"
      ])
  }

  @Test func relativeUrlIsAnError() {
    #expect(
      problems(oneTask("url = \"/items\"")) == [
        "7:7 url must be an absolute http:// URL [for a path relative to base_url write path = \"/items\"]"
      ])
    #expect(problems(oneTask("url = \"127.0.0.1:1/items\"")) == ["7:7 url must be an absolute http:// URL"])
    // A misspelt url is reported once, with its suggestion; no second "missing path or url".
    #expect(
      problems(oneTask("uri = \"http://h/\"")) == [
        "7:1 unknown key \"uri\" in task #1 of \"scenario 1\" [did you mean \"url\"?]"
      ])
  }
}
