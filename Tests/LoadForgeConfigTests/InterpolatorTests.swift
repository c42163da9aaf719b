import LoadForgeConfig
import Testing

@Suite struct InterpolatorTests {
  let env = Interpolator(environment: ["HOST": "127.0.0.1", "EMPTY": ""])
  let here = SourceLocation(file: "t.toml", line: 4, column: 10, offset: 0)

  @Test(arguments: [
    ("http://${HOST}:80", "http://127.0.0.1:80"),
    ("${MISSING:-fallback}", "fallback"),
    ("${HOST:-unused}", "127.0.0.1"),
    ("${EMPTY:-x}", "x"),
    ("${EMPTY}", ""),
    ("a$${HOST}b", "a${HOST}b"),
    ("cost $5", "cost $5"),
    ("${HOST}${HOST}", "127.0.0.1127.0.0.1"),
    ("${MISSING:-}", ""),
  ])
  func resolves(text: String, expected: String) throws {
    #expect(try env.resolve(text, at: here).text == expected)
  }

  @Test func unsetVariableErrorPointsAtTheReference() {
    do {
      _ = try env.resolve("Bearer ${TOKEN}", at: here)
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "environment variable TOKEN is not set")
      #expect(error.location?.line == 4)
      #expect(error.location?.column == 10 + 1 + 7)
      #expect(error.length == 8)
    }
  }

  /// `contentOffset` is where the text starts after `location`: 0 for a plain YAML scalar.
  @Test(arguments: [(1, 18), (0, 17), (3, 20)])
  func referenceColumnFollowsTheContentOffset(contentOffset: Int, column: Int) {
    let error = #expect(throws: Diagnostic.self) {
      try env.pieces("Bearer ${TOKEN}", at: here, contentOffset: contentOffset)
    }
    #expect(error?.location?.column == column)
  }

  @Test(arguments: ["${", "x ${HOST", "${1ABC}", "${}", "${A B}"])
  func malformedReferencesAreErrors(text: String) {
    #expect(throws: Diagnostic.self) { try env.resolve(text, at: here) }
  }

  @Test func reportsVariablesRead() throws {
    #expect(try env.resolve("${HOST}/${MISSING:-x}", at: here).variables == ["HOST", "MISSING"])
  }
}

@Suite struct InterpolatorVUVariableTests {
  let env = Interpolator(environment: ["HOST": "h"])
  let here = SourceLocation(file: "t.toml", line: 4, column: 10, offset: 0)

  @Test func vuVariablesAreLeftInPlaceAndNotReportedAsEnvironment() throws {
    let resolved = try env.resolve("${HOST}/${vu.token}", at: here)
    #expect(resolved.text == "h/${vu.token}")
    #expect(resolved.variables == ["HOST"])
  }

  @Test func piecesSeparateTextAndVariablesWithLocations() throws {
    #expect(
      try env.pieces("Bearer ${vu.token}${vu.b}!${HOST}", at: here) == [
        .text("Bearer "), .variable("token", SourceLocation(file: "t.toml", line: 4, column: 18, offset: 0)),
        .variable("b", SourceLocation(file: "t.toml", line: 4, column: 29, offset: 0)), .text("!h"),
      ])
    #expect(try env.pieces("", at: here) == [])
    #expect(try env.pieces("$${vu.x}", at: here) == [.text("${vu.x}")])
  }

  @Test func malformedVUVariablesAreErrors() {
    for (text, message) in [
      ("${vu.}", "invalid VU variable name \"\" in \"${vu.}\""),
      ("${vu.a-b}", "invalid VU variable name \"a-b\" in \"${vu.a-b}\""),
      ("${vu.x:-d}", "invalid VU variable name \"x:-d\" in \"${vu.x:-d}\""),
    ] {
      #expect(
        throws: Diagnostic(
          message, at: SourceLocation(file: "t.toml", line: 4, column: 11, offset: 0),
          length: text.count,
          help: text.contains(":-")
            ? "VU variables have no default: capture or feed a value before the request uses it"
            : "names are letters, digits and _ and do not start with a digit")
      ) {
        try env.pieces(text, at: here)
      }
    }
  }
}
