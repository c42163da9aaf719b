import Testing

@testable import LoadForgeHTTP

/// `retainNextResponse` / `takeRetainedResponse`: the final head and the de-chunked content,
/// the same however the bytes are split (whole, in two at every offset, one byte at a time).
@Suite struct ResponseParserRetentionTests {
  /// Feeds `chunks` for one response to `method` with retention on, then EOF if asked; returns
  /// what `takeRetainedResponse` gave after `.complete` (nil if it never completed).
  private static func retained(
    _ chunks: [ArraySlice<UInt8>], method: String, eof: Bool, limit: Int
  ) -> RetainedResponse? {
    var parser = ResponseParser()
    parser.expectResponse(toMethod: method)
    parser.retainNextResponse(maxBodyBytes: limit)
    for chunk in chunks {
      switch chunk.withUnsafeBytes({ parser.feed($0) }) {
      case .needMore:
        #expect(parser.takeRetainedResponse() == nil, "nothing before the response completes")
      case .complete:
        return parser.takeRetainedResponse()
      case .failed(let error):
        Issue.record("failed: \(error)")
        return nil
      }
    }
    guard eof, case .complete = parser.feedEOF() else { return nil }
    return parser.takeRetainedResponse()
  }

  /// The retained response, checked to be identical for every split of `input`.
  private static func retainedEverySplit(
    _ input: String, method: String = "GET", eof: Bool = false, limit: Int = 1 << 20,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> RetainedResponse? {
    let bytes = Array(input.utf8)[...]
    let whole = retained([bytes], method: method, eof: eof, limit: limit)
    for offset in 1..<bytes.count {
      let split = retained([bytes[..<offset], bytes[offset...]], method: method, eof: eof, limit: limit)
      if split != whole {
        Issue.record("split at \(offset): \(String(describing: split))", sourceLocation: sourceLocation)
        break
      }
    }
    let single = retained(bytes.indices.map { bytes[$0...$0] }, method: method, eof: eof, limit: limit)
    #expect(single == whole, "one byte at a time", sourceLocation: sourceLocation)
    return whole
  }

  private static func response(_ status: Int, _ head: String, _ body: String, truncated: Bool = false)
    -> RetainedResponse
  {
    RetainedResponse(status: status, head: Array(head.utf8), body: Array(body.utf8), bodyTruncated: truncated)
  }

  @Test func contentLength() {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n"
    #expect(
      Self.retainedEverySplit(head + "\r\n" + #"{"token":"abc"}"#)
        == Self.response(200, head, #"{"token":"abc"}"#))
  }

  @Test func chunkedWithExtensionsAndTrailersKeepsOnlyTheData() {
    let head = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n"
    let body = "5;name=\"q; r\"\r\nhello\r\n1\r\n \r\n6 ; x=1\r\nworld!\r\n0;last\r\nX-Trailer: t\r\n\r\n"
    #expect(Self.retainedEverySplit(head + "\r\n" + body) == Self.response(201, head, "hello world!"))
  }

  @Test func closeDelimitedEndsAtEOF() {
    let head = "HTTP/1.1 500 Oops\r\nConnection: close\r\n"
    #expect(Self.retainedEverySplit(head + "\r\nerror page", eof: true) == Self.response(500, head, "error page"))
    // Without EOF it never completes, so nothing is retained yet.
    #expect(Self.retainedEverySplit(head + "\r\nerror page", eof: false) == nil)
  }

  @Test func headAnd204HaveEmptyBodies() {
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 42\r\n"
    #expect(Self.retainedEverySplit(head + "\r\n", method: "HEAD") == Self.response(200, head, ""))
    let noContent = "HTTP/1.1 204 No Content\r\nX-Id: 7\r\n"
    #expect(Self.retainedEverySplit(noContent + "\r\n") == Self.response(204, noContent, ""))
  }

  @Test func interimResponsesAreNotKept() {
    let final = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
    let input = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + final + "\r\nok"
    #expect(Self.retainedEverySplit(input) == Self.response(200, final, "ok"))
  }

  @Test func bareLFLinesAndObsFoldAreKeptAsSent() {
    let head = "HTTP/1.1 200 OK\nX-Folded: a\n  b\nContent-Length: 3\n"
    #expect(Self.retainedEverySplit(head + "\nabc") == Self.response(200, head, "abc"))
  }

  @Test(arguments: [
    (0, "", true), (4, "hell", true), (11, "hello world", false), (12, "hello world", false),
  ])
  func truncation(limit: Int, body: String, truncated: Bool) {
    let fixed = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n"
    #expect(
      Self.retainedEverySplit(fixed + "\r\nhello world", limit: limit)
        == Self.response(200, fixed, body, truncated: truncated))
    let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
    #expect(
      Self.retainedEverySplit(chunked + "\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n", limit: limit)
        == Self.response(200, chunked, body, truncated: truncated))
    let closed = "HTTP/1.1 200 OK\r\n"
    #expect(
      Self.retainedEverySplit(closed + "\r\nhello world", eof: true, limit: limit)
        == Self.response(200, closed, body, truncated: truncated))
  }

  @Test func retentionAppliesOnlyToTheResponseItWasRequestedFor() {
    let first = Array("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na".utf8)
    let second = Array("HTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nb".utf8)
    var parser = ResponseParser()
    parser.expectResponse(toMethod: "GET")
    parser.retainNextResponse(maxBodyBytes: 100)
    guard case .complete = parser.feed(first) else {
      Issue.record("first response did not complete")
      return
    }
    // Not taken: the next expectResponse ends retention and drops it.
    parser.expectResponse(toMethod: "GET")
    guard case .complete = parser.feed(second) else {
      Issue.record("second response did not complete")
      return
    }
    #expect(parser.takeRetainedResponse() == nil)

    // Taken once, then cleared.
    parser.expectResponse(toMethod: "GET")
    parser.retainNextResponse(maxBodyBytes: 100)
    _ = parser.feed(second)
    #expect(parser.takeRetainedResponse()?.body == Array("b".utf8))
    #expect(parser.takeRetainedResponse() == nil)
  }

  @Test func pipelinedBytesAfterTheResponseAreNotRetained() {
    let input = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n".utf8)
    var parser = ResponseParser()
    parser.expectResponse(toMethod: "GET")
    parser.retainNextResponse(maxBodyBytes: 100)
    guard case .complete(_, let consumed) = parser.feed(input) else {
      Issue.record("did not complete")
      return
    }
    #expect(consumed == 40)
    #expect(parser.takeRetainedResponse()?.body == Array("ok".utf8))
  }

  @Test func aFailedResponseRetainsNothing() {
    var parser = ResponseParser()
    parser.expectResponse(toMethod: "GET")
    parser.retainNextResponse(maxBodyBytes: 100)
    guard case .failed = parser.feed(Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab".utf8)) else {
      _ = parser.feedEOF()
      #expect(parser.takeRetainedResponse() == nil)
      return
    }
    Issue.record("a short body is not a failure before EOF")
  }
}
