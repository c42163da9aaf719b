import Testing

@testable import LoadForgeHTTP

/// The parser side of /work/shared/HTTP-CASES.md, one test per case id (H1–H24, C2, C12–C14),
/// each with the variants of its rule. Every input goes through `ParserHarness.outcome`: fed
/// whole, split in two at every offset and one byte at a time, with one outcome expected.
/// (ResponseParserTests covers more framing corners; the connection side of each case is in the
/// engine's loopback tests.)
@Suite struct HTTPCasesParserTests {
  private typealias H = ParserHarness

  private func summary(
    _ status: Int, minor: Int = 1, keepAlive: Bool, head: String, body: Int, content: Int? = nil
  ) -> ResponseSummary {
    ResponseSummary(
      status: status, minorVersion: minor, keepAlive: keepAlive, headBytes: head.utf8.count, bodyBytes: body,
      contentBytes: content)
  }

  /// One response, `head + body`, completing with these facts.
  private func one(
    _ status: Int, minor: Int = 1, keepAlive: Bool, head: String, body: String, content: Int? = nil
  ) -> ParseOutcome {
    H.success([
      (
        summary(status, minor: minor, keepAlive: keepAlive, head: head, body: body.utf8.count, content: content),
        (head + body).utf8.count
      )
    ])
  }

  /// What `feed` reports for the prefix of a response that is still valid: waiting for more.
  private var pending: ParseOutcome {
    var outcome = ParseOutcome(receivedBytes: true)
    outcome.pending = true
    return outcome
  }

  /// Feeds `input` with retention on and returns the retained response.
  private func retained(_ input: String, eof: Bool = false) -> RetainedResponse? {
    var parser = ResponseParser()
    parser.expectResponse(toMethod: "GET")
    parser.retainNextResponse()
    guard case .complete = parser.feed(Array(input.utf8)) else {
      guard eof, case .complete = parser.feedEOF() else { return nil }
      return parser.takeRetainedResponse()
    }
    return parser.takeRetainedResponse()
  }

  // MARK: - H1–H13: framing

  @Test("H1 Connection: close without Content-Length: body ends at EOF, 12 bytes, not reused")
  func h1() {
    let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n"
    #expect(H.outcome(head + "Hello World!", eof: true) == one(200, keepAlive: false, head: head, body: "Hello World!"))
    // Before the FIN the body may go on: never complete early.
    #expect(H.outcome(head + "Hello World!") == pending)
    // With a Content-Length too: complete at the length, still not reused.
    let framed = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 12\r\n\r\n"
    #expect(H.outcome(framed + "Hello World!") == one(200, keepAlive: false, head: framed, body: "Hello World!"))
  }

  @Test(
    "H2 no Content-Length, +FIN: EOF ends the body, every response a success",
    arguments: [
      ("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", "answer to a Connection: close request", 1),
      ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", "some bytes until FIN", 1),
      ("HTTP/1.0 200 OK\r\n\r\n", "old server", 0),
      ("HTTP/1.1 200 OK\r\n\r\n", "", 1),
      ("HTTP/1.1 500 Oops\r\nConnection: keep-alive\r\n\r\n", "error page", 1),
    ])
  func h2(head: String, body: String, minor: Int) {
    let status = head.contains("500") ? 500 : 200
    #expect(H.outcome(head + body, eof: true) == one(status, minor: minor, keepAlive: false, head: head, body: body))
  }

  @Test("H3 the server closes an idle connection after a complete response: not a response failure")
  func h3() {
    let response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
    // The first response completes and may be reused; the close comes while the next request's
    // response has not started: `hasReceivedBytes` is false, which the engine treats as a stale
    // connection (reconnect), not an error of a request.
    var expected = H.success([(summary(200, keepAlive: true, head: head, body: 2), 40)])
    expected.failure = .incompleteHead
    expected.receivedBytes = false
    #expect(H.outcome(response, methods: ["GET", "GET"], eof: true) == expected)
    // A close after part of the next head is a real failure.
    var midHead = H.success([(summary(200, keepAlive: true, head: head, body: 2), 40)])
    midHead.failure = .incompleteHead
    #expect(H.outcome(response + "HTTP/1.1 2", methods: ["GET", "GET"], eof: true) == midHead)
  }

  @Test("H4 a pause inside a header name (EAGAIN) is not an error")
  func h4() {
    var parser = ResponseParser()
    #expect(parser.feed(Array("HTTP/1.1 200 OK\r\nCont".utf8)) == .needMore)
    #expect(parser.feed([]) == .needMore)
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
    #expect(
      parser.feed(Array("ent-Length: 2\r\n\r\nok".utf8))
        == .complete(summary(200, keepAlive: true, head: head, body: 2), consumed: 19))
    // And at every other pause point.
    #expect(H.outcome(head + "ok") == one(200, keepAlive: true, head: head, body: "ok"))
  }

  @Test(
    "H5 header names are case-insensitive; the connection is reused",
    arguments: [
      ("HTTP/1.1 200 OK\r\nCONTENT-LENGTH: 5\r\n\r\n", "hello", true, nil as Int?),
      ("HTTP/1.1 200 OK\r\ncOnTeNt-LeNgTh: 5\r\n\r\n", "hello", true, nil),
      ("HTTP/1.1 200 OK\r\nTRANSFER-ENCODING: CHUNKED\r\n\r\n", "5\r\nhello\r\n0\r\n\r\n", true, 5),
      ("HTTP/1.1 200 OK\r\nCONNECTION: CLOSE\r\nContent-Length: 5\r\n\r\n", "hello", false, nil),
    ])
  func h5(head: String, body: String, keepAlive: Bool, content: Int?) {
    #expect(H.outcome(head + body) == one(200, keepAlive: keepAlive, head: head, body: body, content: content))
  }

  @Test("H6 HTTP/1.1 with Content-Length and no Connection header: persistent, done after the body")
  func h6() {
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Type: text/plain\r\n\r\n"
    let outcome = H.outcome(head + "0123456789")
    #expect(outcome == one(200, keepAlive: true, head: head, body: "0123456789"))
    #expect(!outcome.pending)
    // An empty body is complete at the end of the head.
    let empty = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
    #expect(H.outcome(empty) == one(200, keepAlive: true, head: empty, body: ""))
  }

  @Test("H7 chunked, held open: complete at the final CRLF, reused")
  func h7() {
    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    let body = "5\r\nhello\r\n0\r\n\r\n"
    #expect(H.outcome(head + body) == one(200, keepAlive: true, head: head, body: body, content: 5))
    // Reused: a second chunked response on the same connection parses on its own.
    let expected = summary(200, keepAlive: true, head: head, body: 15, content: 5)
    #expect(
      H.outcome(head + body + head + body, methods: ["GET", "GET"])
        == H.success([(expected, 62), (expected, 62)]))
  }

  @Test("H8 a chunk-size line split after 0 or between CR and LF waits for more bytes")
  func h8() {
    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    let expected = summary(200, keepAlive: true, head: head, body: 15, content: 5)
    var parser = ResponseParser()
    #expect(parser.feed(Array((head + "5\r\nhello\r\n0").utf8)) == .needMore)
    #expect(parser.feed(Array("\r\n\r\n".utf8)) == .complete(expected, consumed: 4))
    parser = ResponseParser()
    #expect(parser.feed(Array((head + "5\r").utf8)) == .needMore)
    #expect(parser.feed(Array("\nhello\r\n0\r".utf8)) == .needMore)
    #expect(parser.feed(Array("\n\r".utf8)) == .needMore)
    #expect(parser.feed(Array("\n".utf8)) == .complete(expected, consumed: 1))
    #expect(H.outcome(head + "5\r\nhello\r\n0\r\n\r\n") == H.success([(expected, 62)]))
  }

  @Test(
    "H9 chunk extensions, quoted ; is not a separator",
    arguments: [
      ("5;a=b\r\nhello\r\n6;x;y=\"q; r\"\r\n world\r\n0\r\n\r\n", "hello world"),
      ("5 ; a=b\r\nhello\r\n6;y=\"a\\\"; b\"\r\n world\r\n0;end=1\r\n\r\n", "hello world"),
      ("b;x=\"\r\n\"\r\nhello world\r\n0\r\n\r\n", ""),
    ])
  func h9(body: String, content: String) {
    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    guard !content.isEmpty else {
      // A line break inside a quoted extension would let the quote hide the line end.
      #expect(H.outcome(head + body) == H.failure(.invalidChunk))
      return
    }
    #expect(
      H.outcome(head + body)
        == one(200, keepAlive: true, head: head, body: body, content: content.utf8.count))
    #expect(retained(head + body)?.body == Array(content.utf8))
  }

  @Test(
    "H10 junk where a chunk size is expected is a framing error, with or without EOF",
    arguments: [
      "5x\r\nhello\r\n0\r\n\r\n",
      "Connection: close\r\n\r\n",
      "\r\nhello\r\n0\r\n\r\n",
      "5\r\nhelloX\r\n0\r\n\r\n",
      "-5\r\nhello\r\n0\r\n\r\n",
      "0x5\r\nhello\r\n0\r\n\r\n",
    ])
  func h10(body: String) {
    let input = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body
    #expect(H.outcome(input) == H.failure(.invalidChunk))
    // Not an incomplete body (EOF), not a timeout (pending): the failure comes at the bad byte.
    #expect(H.outcome(input, eof: true) == H.failure(.invalidChunk))
  }

  @Test(
    "H11 a chunked body cut short by FIN is an incomplete body",
    arguments: [
      "5\r\nhel", "", "5", "5\r\nhello", "5\r\nhello\r\n", "5\r\nhello\r\n0", "5\r\nhello\r\n0\r\n",
      "5\r\nhello\r\n0\r\nX-T: 1\r\n",
    ])
  func h11(body: String) {
    let input = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body
    #expect(H.outcome(input, eof: true) == H.failure(.incompleteBody))
    #expect(H.outcome(input) == pending)
  }

  @Test("H12 Content-Length: 64 and 63 bytes, +FIN: incomplete body", arguments: [0, 1, 63])
  func h12(sent: Int) {
    let input = "HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n" + String(repeating: "x", count: sent)
    #expect(H.outcome(input, eof: true) == H.failure(.incompleteBody))
    #expect(H.outcome(input) == pending)
    var parser = ResponseParser()
    _ = parser.feed(Array(input.utf8))
    #expect(parser.feedEOF().failureDescription == "incomplete body: connection closed after \(sent) of 64 body bytes")
  }

  @Test(
    "H13 Transfer-Encoding without chunked last: Content-Length ignored, read to close, not reused",
    arguments: [
      "Transfer-Encoding: gzip\r\nContent-Length: 10",
      "Content-Length: 10\r\nTransfer-Encoding: gzip",
      "Transfer-Encoding: chunked, gzip\r\nContent-Length: 10",
      "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip",
      "Transfer-Encoding: gzip",
    ])
  func h13(fields: String) {
    let head = "HTTP/1.1 200 OK\r\n\(fields)\r\n\r\n"
    let body = "0123456789 and more bytes"
    #expect(H.outcome(head + body, eof: true) == one(200, keepAlive: false, head: head, body: body))
    #expect(H.outcome(head + body) == pending)
  }

  // MARK: - H14–H19: bodiless responses, interim responses, pipelining

  @Test("H14 HEAD answered with Content-Length: done at the blank line; the GET reads its own body")
  func h14() {
    let headHead = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n"
    let getHead = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
    #expect(
      H.outcome(headHead + getHead + "ok", methods: ["HEAD", "GET"])
        == H.success([
          (summary(200, keepAlive: true, head: headHead, body: 0), headHead.utf8.count),
          (summary(200, keepAlive: true, head: getHead, body: 2), getHead.utf8.count + 2),
        ]))
    // A HEAD of a chunked or close-delimited resource has no body either.
    for head in [
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: nonsense\r\n\r\n",
    ] {
      #expect(H.outcome(head, methods: ["HEAD"]) == one(200, keepAlive: true, head: head, body: ""))
    }
  }

  @Test(
    "H15 204 with Content-Length has no body; the next bytes are the next response",
    arguments: ["Content-Length: 5", "Transfer-Encoding: chunked", "Content-Length: x"])
  func h15(field: String) {
    let first = "HTTP/1.1 204 No Content\r\n\(field)\r\n\r\n"
    let second = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
    #expect(
      H.outcome(first + second + "hello", methods: ["GET", "GET"])
        == H.success([
          (summary(204, keepAlive: true, head: first, body: 0), first.utf8.count),
          (summary(200, keepAlive: true, head: second, body: 5), second.utf8.count + 5),
        ]))
  }

  @Test(
    "H16 304 Not Modified with Transfer-Encoding: chunked has no body",
    arguments: ["Transfer-Encoding: chunked", "Content-Length: 5"])
  func h16(field: String) {
    let first = "HTTP/1.1 304 Not Modified\r\n\(field)\r\n\r\n"
    let second = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
    #expect(
      H.outcome(first + second, methods: ["GET", "GET"])
        == H.success([
          (summary(304, keepAlive: true, head: first, body: 0), first.utf8.count),
          (summary(200, keepAlive: true, head: second, body: 0), second.utf8.count),
        ]))
  }

  @Test("H17 two or more 100 Continue before 200: final status 200, 1xx capped at 8")
  func h17() {
    let final = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
    for count in [2, 3, 8] {
      let interim = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: count)
      #expect(
        H.outcome(interim + final + "ok") == one(200, keepAlive: true, head: interim + final, body: "ok"),
        "\(count) interim responses")
    }
    let mixed = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
    #expect(H.outcome(mixed + final + "ok") == one(200, keepAlive: true, head: mixed + final, body: "ok"))
    // The ninth is one too many (default cap 8); the cap is a Limits knob.
    let nine = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 9)
    #expect(H.outcome(nine + final + "ok") == H.failure(.tooManyInterimResponses))
    let two = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 2)
    #expect(
      H.outcome(Array((two + final + "ok").utf8), limits: .init(maxInterimResponses: 1))
        == H.failure(.tooManyInterimResponses))
    // EOF after interim responses only: the response never came.
    #expect(H.outcome(two, eof: true) == H.failure(.incompleteHead))
  }

  @Test(
    "H18 Content-Length spellings: padding and equal lists accepted, others an error",
    arguments: [
      ("Content-Length:\t42\t", 42 as Int?),
      ("Content-Length:  219  ", 219),
      ("Content-Length: 42, 42", 42),
      ("Content-Length: 42 ,\t42", 42),
      ("Content-Length: 42\r\nContent-Length: 42", 42),
      ("Content-Length: 42, 43", nil),
      ("Content-Length: 4a", nil),
      ("Content-Length: 42\r\nContent-Length: 43", nil),
      ("Content-Length: 42\r\nContent-Length: 42, 43", nil),
      ("Content-Length: 42\r\nContent-Length: 4a", nil),
      ("Content-Length: ", nil),
      ("Content-Length: -42", nil),
      ("Content-Length: 99999999999999999999", nil),
    ])
  func h18(field: String, length: Int?) {
    let head = "HTTP/1.1 200 OK\r\n\(field)\r\n\r\n"
    let body = String(repeating: "b", count: length ?? 42)
    guard let length else {
      #expect(H.outcome(head + body) == H.failure(.invalidContentLength))
      #expect(H.outcome(head + body, eof: true) == H.failure(.invalidContentLength))
      return
    }
    #expect(H.outcome(head + body) == one(200, keepAlive: true, head: head, body: body))
    #expect(length == body.utf8.count)
  }

  @Test("H19 three complete responses in one read: three responses")
  func h19() {
    let a = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n"
    let b = "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
    let bBody = "4\r\nnope\r\n0\r\nX-Trailer: t\r\n\r\n"
    let c = "HTTP/1.1 204 No Content\r\n\r\n"
    let input = a + "abc" + b + bBody + c
    #expect(
      H.outcome(input, methods: ["GET", "GET", "GET"])
        == H.success([
          (summary(200, keepAlive: true, head: a, body: 3), a.utf8.count + 3),
          (summary(404, keepAlive: true, head: b, body: bBody.utf8.count, content: 4), (b + bBody).utf8.count),
          (summary(204, keepAlive: true, head: c, body: 0), c.utf8.count),
        ]))
    // With two requests outstanding, the third response is left for later, not consumed.
    #expect(H.outcome(input, methods: ["GET", "GET"]).leftover == c.utf8.count)
  }

  // MARK: - H20–H24: status line and header syntax

  @Test(
    "H20 reason phrase missing, empty, with spaces or non-ASCII bytes: accepted",
    arguments: [
      Array("HTTP/1.1 200\r\n".utf8),
      Array("HTTP/1.1 200 \r\n".utf8),
      Array("HTTP/1.1 200 Very  Good\tIndeed \r\n".utf8),
      Array("HTTP/1.1 200 Très bien\r\n".utf8),
      Array("HTTP/1.1 200 ".utf8) + [0xFF, 0x80, 0x01, 0x7F] + Array("\r\n".utf8),
      Array("HTTP/1.1 200\n".utf8),
    ])
  func h20(statusLine: [UInt8]) {
    let input = statusLine + Array("Content-Length: 2\r\n\r\nok".utf8)
    #expect(
      H.outcome(input)
        == H.success([
          (
            ResponseSummary(
              status: 200, minorVersion: 1, keepAlive: true, headBytes: input.count - 2, bodyBytes: 2),
            input.count
          )
        ]))
  }

  @Test(
    "H21 malformed status lines, a bare CR, a space in a field name: protocol error",
    arguments: [
      ("HTP/1.1 200 OK\r\n", HTTPProtocolError.Kind.invalidStatusLine),
      ("HTTP/01.1 200\r\n", .invalidStatusLine),
      ("HTTP/1.1 2 OK\r\n", .invalidStatusLine),
      ("HTTP/1.1\t200 OK\r\n", .invalidStatusLine),
      ("HTTP/1.1 200 O\rK\r\n", .invalidStatusLine),
      ("HTTP/1.1 200\r\r\n", .invalidStatusLine),
      ("HTTP/1.1 200 OK\r\nX-A: a\rb\r\n", .invalidHeader),
      ("HTTP/1.1 200 OK\r\nX-A\r: 1\r\n", .invalidHeader),
      ("HTTP/1.1 200 OK\r\nContent Length: 0\r\n", .invalidHeader),
      ("HTTP/1.1 200 OK\r\nContent-Length : 0\r\n", .invalidHeader),
      ("HTTP/1.1 200 OK\r\n\r\r\n", .invalidHeader),
    ])
  func h21(head: String, kind: HTTPProtocolError.Kind) {
    let input = head + "Content-Length: 0\r\n\r\n"
    #expect(H.outcome(input) == H.failure(kind))
    #expect(H.outcome(input, eof: true) == H.failure(kind))
    // The connection is done: the parser accepts nothing more until the next expectResponse.
    var parser = ResponseParser()
    guard case .failed(let error) = parser.feed(Array(input.utf8)) else {
      Issue.record("\(input) did not fail")
      return
    }
    #expect(parser.feed(Array("HTTP/1.1 200 OK\r\n\r\n".utf8)) == .failed(error))
    #expect(error.description.hasPrefix(kind.summary + ": "))
  }

  @Test("H22 a 16,000-byte Set-Cookie one byte at a time is accepted; past the head limit, header too large")
  func h22() {
    let cookie = String(repeating: "c", count: 16_000)
    let head = "HTTP/1.1 200 OK\r\nSet-Cookie: id=\(cookie)\r\nContent-Length: 2\r\n\r\n"
    // The harness also feeds it one byte at a time (and split at every 997th offset).
    #expect(
      H.outcome(Array((head + "ok").utf8), stride: 997) == one(200, keepAlive: true, head: head, body: "ok"))
    #expect(ResponseParser.Limits().maxHeadBytes == 64 * 1024)
    // Past the default 64 KiB limit, and past a configured one, a specific error.
    let huge = "HTTP/1.1 200 OK\r\nSet-Cookie: " + String(repeating: "c", count: 70_000) + "\r\n\r\n"
    #expect(H.outcome(Array(huge.utf8), stride: 9_973) == H.failure(.headTooLarge))
    let small = ResponseParser.Limits(maxHeadBytes: 8 * 1024)
    #expect(H.outcome(Array((head + "ok").utf8), limits: small, stride: 997) == H.failure(.headTooLarge))
    var parser = ResponseParser(limits: small)
    #expect(
      parser.feed(Array(head.utf8)).failureDescription
        == "header too large: response head longer than the 8192-byte limit")
    // The limit is exact: a head of exactly maxHeadBytes passes, one more byte fails.
    let exact = head.utf8.count
    #expect(H.outcome(Array((head + "ok").utf8), limits: .init(maxHeadBytes: exact), stride: 997).responses.count == 1)
    #expect(
      H.outcome(Array((head + "ok").utf8), limits: .init(maxHeadBytes: exact - 1), stride: 997)
        == H.failure(.headTooLarge))
  }

  @Test("H23 LF-only line endings are accepted (RFC 9112 §2.2)")
  func h23() {
    let head = "HTTP/1.1 200 OK\nContent-Length: 0\n\n"
    #expect(H.outcome(head) == one(200, keepAlive: true, head: head, body: ""))
    let chunked = "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
    let body = "5\nhello\n0\nX-T: 1\n\n"
    #expect(H.outcome(chunked + body) == one(200, keepAlive: true, head: chunked, body: body, content: 5))
    let mixed = "HTTP/1.1 200 OK\r\nConnection: close\nContent-Length: 2\r\n\nok"
    #expect(H.outcome(mixed).responses.first?.keepAlive == false)
    #expect(H.outcome(mixed).lengths == [mixed.utf8.count])
  }

  @Test("H24 an obs-fold continuation line is accepted, the fold read as a space")
  func h24() {
    let head = "HTTP/1.1 200 OK\r\nX-Folded: a\r\n  b\r\n\tc\r\nContent-Length:\r\n 2\r\n\r\n"
    #expect(H.outcome(head + "ok") == one(200, keepAlive: true, head: head, body: "ok"))
    #expect(retained(head + "ok")?.headerValue("X-Folded") == "a b c")
    // In framing fields too: `keep-alive,` folded onto ` close` is the list `keep-alive, close`.
    let folded = "HTTP/1.1 200 OK\r\nConnection: keep-alive,\r\n close\r\nContent-Length: 0\r\n\r\n"
    #expect(H.outcome(folded) == one(200, keepAlive: false, head: folded, body: ""))
    // A fold before any field has nothing to continue.
    #expect(H.outcome("HTTP/1.1 200 OK\r\n X: 1\r\nContent-Length: 0\r\n\r\n") == H.failure(.invalidHeader))
  }

  // MARK: - C2, C12–C14: the parser side of connection and classification cases

  @Test(
    "C2 HTTP/1.0 is not reused without keep-alive",
    arguments: [
      ("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n", false),
      ("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\n", true),
      ("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 2\r\n\r\n", false),
      ("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n", false),
    ])
  func c2(head: String, keepAlive: Bool) {
    let body = head.contains("chunked") ? "2\r\nok\r\n0\r\n\r\n" : "ok"
    #expect(
      H.outcome(head + body)
        == one(200, minor: 0, keepAlive: keepAlive, head: head, body: body, content: 2))
  }

  @Test("C12 302 with Location is a complete response with status 302 (redirects are not followed here)")
  func c12() {
    let head = "HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 5\r\n\r\n"
    #expect(H.outcome(head + "moved") == one(302, keepAlive: true, head: head, body: "moved"))
    #expect(retained(head + "moved")?.headerValue("location") == "/next")
    let bare = "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1/x\r\n\r\n"
    #expect(H.outcome(bare, eof: true) == one(302, keepAlive: false, head: bare, body: ""))
  }

  @Test("C13 429 with Retry-After is parsed with its status kept, the connection reusable")
  func c13() {
    let head = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 4\r\n\r\n"
    #expect(H.outcome(head + "slow") == one(429, keepAlive: true, head: head, body: "slow"))
    #expect(retained(head + "slow")?.headerValue("Retry-After") == "1")
  }

  @Test("C14 Content-Encoding: gzip is framed by wire bytes; bodyBytes counts wire bytes")
  func c14() {
    let gzip: [UInt8] = [
      0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00,
      0x86, 0xA6, 0x10, 0x36, 0x05, 0x00, 0x00, 0x00,
    ]
    let head = Array("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 25\r\n\r\n".utf8)
    #expect(
      H.outcome(head + gzip)
        == H.success([
          (
            ResponseSummary(
              status: 200, minorVersion: 1, keepAlive: true, headBytes: head.count, bodyBytes: 25), head.count + 25
          )
        ]))
    // Chunked and gzip: bodyBytes is every wire byte (sizes, CRLFs), contentBytes the gzip bytes.
    let chunkedHead = Array(
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
    let chunks = Array("a\r\n".utf8) + gzip[..<10] + Array("\r\nf\r\n".utf8) + gzip[10...] + Array("\r\n0\r\n\r\n".utf8)
    #expect(
      H.outcome(chunkedHead + chunks)
        == H.success([
          (
            ResponseSummary(
              status: 200, minorVersion: 1, keepAlive: true, headBytes: chunkedHead.count, bodyBytes: chunks.count,
              contentBytes: 25), chunkedHead.count + chunks.count
          )
        ]))
  }
}

extension ParseEvent {
  /// The error's description when this is `.failed`, else nil.
  fileprivate var failureDescription: String? {
    guard case .failed(let error) = self else { return nil }
    return error.description
  }
}
