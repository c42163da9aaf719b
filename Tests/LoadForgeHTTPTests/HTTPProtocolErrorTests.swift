import Testing

@testable import LoadForgeHTTP

/// The engine shows `HTTPProtocolError.description` as the reason of a protocol error: it must
/// name the problem in words, not as an identifier.
@Suite struct HTTPProtocolErrorTests {
  @Test func everyKindHasItsOwnHumanSummary() {
    let summaries = HTTPProtocolError.Kind.allCases.map(\.summary)
    #expect(Set(summaries).count == HTTPProtocolError.Kind.allCases.count)
    for summary in summaries {
      #expect(!summary.isEmpty)
      #expect(summary.contains(" "), "\(summary) reads as words")
    }
    #expect(HTTPProtocolError.Kind.headTooLarge.summary == "header too large")
    #expect(HTTPProtocolError.Kind.bodyTooLarge.summary == "body too large")
  }

  @Test func descriptionIsSummaryThenReason() {
    let error = HTTPProtocolError(.incompleteBody, "connection closed after 63 of 64 body bytes")
    #expect(error.description == "incomplete body: connection closed after 63 of 64 body bytes")
  }

  /// What the parser itself reports for a few inputs, as the user sees it.
  @Test(arguments: [
    ("<html>", "invalid status line: response does not start with HTTP/ (byte 60 at offset 0)"),
    ("HTTP/1.1 200 OK\r\nBad Name: 1\r\n", "malformed header: whitespace inside a field name or before its colon"),
    ("HTTP/1.1 200 OK\r\nContent-Length: 4a\r\n\r\n", "invalid Content-Length: invalid or conflicting Content-Length"),
    (
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz",
      "malformed chunked body: expected a hexadecimal chunk size, got byte 122"
    ),
    (
      "HTTP/1.1 101 Switching Protocols\r\n\r\n",
      "unrequested 101 Switching Protocols: 101 Switching Protocols to a request without Upgrade"
    ),
  ])
  func parserErrorsReadAsSentences(input: String, description: String) {
    var parser = ResponseParser()
    guard case .failed(let error) = parser.feed(Array(input.utf8)) else {
      Issue.record("\(input) did not fail")
      return
    }
    #expect(error.description == description)
  }
}
