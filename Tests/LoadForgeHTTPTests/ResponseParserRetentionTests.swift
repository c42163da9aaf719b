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

/// `retainNextResponse()` and `RetentionOverflow.fail`: content past the retention limit fails
/// the response with `bodyTooLarge` at the first byte past it, whatever the split; responses not
/// retained are never limited.
@Suite struct ResponseParserRetentionLimitTests {
  private typealias H = ParserHarness

  /// Feeds `input` in `chunks` with `retainNextResponse()` under `limits`.
  private static func outcome(_ chunks: [ArraySlice<UInt8>], limits: ResponseParser.Limits, eof: Bool)
    -> Result<RetainedResponse?, HTTPProtocolError>
  {
    var parser = ResponseParser(limits: limits)
    parser.expectResponse(toMethod: "GET")
    parser.retainNextResponse()
    for chunk in chunks {
      switch chunk.withUnsafeBytes({ parser.feed($0) }) {
      case .needMore: continue
      case .complete: return .success(parser.takeRetainedResponse())
      case .failed(let error): return .failure(error)
      }
    }
    guard eof else { return .success(nil) }
    switch parser.feedEOF() {
    case .complete: return .success(parser.takeRetainedResponse())
    case .failed(let error): return .failure(error)
    case .needMore: return .success(nil)
    }
  }

  /// The outcome, checked to be the same whole, split at every offset and byte by byte.
  private static func everySplit(
    _ input: String, limit: Int, eof: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
  ) -> Result<RetainedResponse?, HTTPProtocolError> {
    let bytes = Array(input.utf8)[...]
    let limits = ResponseParser.Limits(maxRetainedBodyBytes: limit)
    let whole = outcome([bytes], limits: limits, eof: eof)
    for offset in 1..<bytes.count {
      let split = outcome([bytes[..<offset], bytes[offset...]], limits: limits, eof: eof)
      #expect(split == whole, "split at \(offset)", sourceLocation: sourceLocation)
    }
    let single = outcome(bytes.indices.map { bytes[$0...$0] }, limits: limits, eof: eof)
    #expect(single == whole, "one byte at a time", sourceLocation: sourceLocation)
    return whole
  }

  @Test(arguments: [
    ("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world", false),
    ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5;x\r\nworld\r\n0\r\n\r\n", false),
    ("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello world", true),
  ])
  func contentUpToTheLimitIsKeptWholeAndOnePastItFails(input: String, eof: Bool) {
    let head = String(input[..<input.range(of: "\r\n\r\n")!.lowerBound]) + "\r\n"
    #expect(
      Self.everySplit(input, limit: 11, eof: eof)
        == .success(
          RetainedResponse(status: 200, head: Array(head.utf8), body: Array("hello world".utf8), bodyTruncated: false)))
    #expect(
      Self.everySplit(input, limit: 10, eof: eof)
        == .failure(
          HTTPProtocolError(.bodyTooLarge, "response body longer than the 10-byte limit kept for checks and captures")))
    #expect(Self.everySplit(input, limit: 0, eof: eof).failureKind == .bodyTooLarge)
  }

  @Test func theDefaultLimitIsOneMebibyteAndBodiesNotRetainedAreNeverLimited() {
    #expect(ResponseParser.Limits().maxRetainedBodyBytes == 1024 * 1024)
    let big = 3 * 1024 * 1024
    let input = Array("HTTP/1.1 200 OK\r\nContent-Length: \(big)\r\n\r\n".utf8) + [UInt8](repeating: 0x61, count: big)
    var parser = ResponseParser(limits: .init(maxRetainedBodyBytes: 16))
    guard case .complete(let summary, let consumed) = parser.feed(input) else {
      Issue.record("an unretained 3 MiB body must complete")
      return
    }
    #expect(summary.bodyBytes == big)
    #expect(consumed == input.count)
    parser.expectResponse(toMethod: "GET")
    parser.retainNextResponse()
    #expect(parser.feed(input).failureKind == .bodyTooLarge)
  }

  @Test func truncatingRetentionIsUnchanged() {
    var parser = ResponseParser(limits: .init(maxRetainedBodyBytes: 2))
    parser.expectResponse(toMethod: "GET")
    parser.retainNextResponse(maxBodyBytes: 4)
    guard case .complete = parser.feed(Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".utf8)) else {
      Issue.record("did not complete")
      return
    }
    #expect(parser.takeRetainedResponse()?.body == Array("hell".utf8))
  }
}

extension Result<RetainedResponse?, HTTPProtocolError> {
  fileprivate var failureKind: HTTPProtocolError.Kind? {
    guard case .failure(let error) = self else { return nil }
    return error.kind
  }
}

extension ParseEvent {
  fileprivate var failureKind: HTTPProtocolError.Kind? {
    guard case .failed(let error) = self else { return nil }
    return error.kind
  }
}
