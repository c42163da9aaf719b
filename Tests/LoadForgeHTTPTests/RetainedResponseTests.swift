import LoadForgeHTTP
import Testing

/// `RetainedResponse.headerValue`: RFC 9110 §5.1 (case-insensitive names), §5.5 (OWS trimmed),
/// §5.3 (several fields joined with `, `), RFC 9112 §5.2 (obs-fold).
@Suite struct RetainedResponseTests {
  private let response = RetainedResponse(
    status: 200,
    head: Array(
      ("HTTP/1.1 200 OK\r\nContent-Type:application/json \r\nX-List: a\r\nx-list:\t b, c \r\n"
        + "X-Empty:\r\nX-Fold: one\r\n   two\r\n\tthree\r\nX-Bare: lf\nCache-Control: no-cache\r\n").utf8),
    body: [], bodyTruncated: false)

  @Test(arguments: [
    ("Content-Type", "application/json"),
    ("content-type", "application/json"),
    ("CONTENT-TYPE", "application/json"),
    ("x-list", "a, b, c"),
    ("X-Empty", ""),
    ("x-fold", "one two three"),
    ("X-Bare", "lf"),
    ("cache-control", "no-cache"),
  ])
  func found(name: String, value: String) {
    #expect(response.headerValue(name) == value)
  }

  @Test(arguments: ["X-Missing", "Content", "Content-Type-2", "HTTP/1.1 200 OK", ""])
  func absent(name: String) {
    #expect(response.headerValue(name) == nil)
  }

  @Test func statusLineIsNotAField() {
    let odd = RetainedResponse(
      status: 200, head: Array("HTTP/1.1 200 OK: fine\r\n".utf8), body: [], bodyTruncated: false)
    #expect(odd.headerValue("HTTP/1.1 200 OK") == nil)
    #expect(odd.headerValue("OK") == nil)
  }
}
