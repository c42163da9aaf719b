import LoadForgeConfig
import Testing

@testable import LoadForgePlan

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

  @Test(arguments: ["${", "x ${HOST", "${1ABC}", "${}", "${A B}"])
  func malformedReferencesAreErrors(text: String) {
    #expect(throws: Diagnostic.self) { try env.resolve(text, at: here) }
  }

  @Test func reportsVariablesRead() throws {
    #expect(try env.resolve("${HOST}/${MISSING:-x}", at: here).variables == ["HOST", "MISSING"])
  }
}
