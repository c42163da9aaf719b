import LoadForgeConfig
import Testing

@testable import LoadForgePlan

@Suite struct BaseURLTests {
  let at = SourceLocation(file: "t.toml", line: 1, column: 12)

  @Test(arguments: [
    ("http://127.0.0.1:8080", "http", "127.0.0.1", 8080, ""),
    ("http://localhost", "http", "localhost", 80, ""),
    ("HTTP://Example.TEST/api/v1/", "http", "example.test", 80, "/api/v1"),
    ("http://[::1]:9000/x", "http", "::1", 9000, "/x"),
    ("https://h", "https", "h", 443, ""),
  ])
  func parses(text: String, scheme: String, host: String, port: Int, prefix: String) throws {
    let url = try BaseURL(parsing: text, at: at)
    #expect(url.origin == Origin(scheme: scheme, host: host, port: port))
    #expect(url.pathPrefix == prefix)
  }

  @Test(arguments: [
    "127.0.0.1:80", "http://", "http://h:0", "http://h:x", "http://u:p@h", "http://h/?q=1", "http://[::1",
  ])
  func rejects(text: String) {
    #expect(throws: Diagnostic.self) { try BaseURL(parsing: text, at: at) }
  }

  @Test func hostHeaderOmitsDefaultPort() {
    #expect(Origin(scheme: "http", host: "h", port: 80).hostHeader == "h")
    #expect(Origin(scheme: "http", host: "h", port: 8080).hostHeader == "h:8080")
  }
}
