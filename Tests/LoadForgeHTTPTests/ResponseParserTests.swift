import Testing

@testable import LoadForgeHTTP

/// HTTP-CASES H1–H24 and the framing rules of RFC 9112 §6.3. Every case goes through
/// `ParserHarness.outcome`, which feeds it whole, split at every offset and byte by byte.
@Suite struct ResponseParserTests {
  private typealias H = ParserHarness

  private func summary(
    _ status: Int, minor: Int = 1, keepAlive: Bool, head: String, body: Int, content: Int? = nil,
    timeout: Int? = nil
  ) -> ResponseSummary {
    ResponseSummary(
      status: status, minorVersion: minor, keepAlive: keepAlive, headBytes: head.utf8.count,
      bodyBytes: body,
      keepAliveTimeoutSeconds: timeout, contentBytes: content)
  }

  // MARK: - Framing (H1–H13)

  @Test func h1ConnectionCloseWithoutLengthReadsToEOF() {
    let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n"
    let input = head + "Hello World!"
    let closed = H.outcome(input, eof: true)
    #expect(closed == H.success([(summary(200, keepAlive: false, head: head, body: 12), 64 + 12)]))
    #expect(closed.responses.first?.bodyBytes == 12)
    // Without EOF the body is not over yet: a close-delimited body never completes early.
    var open = H.outcome(input, eof: false)
    #expect(open.pending)
    open.pending = false
    #expect(open == ParseOutcome(receivedBytes: true))
  }

  @Test func h1WithContentLengthAndCloseCompletesAtLengthButIsNotReused() {
    let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 12\r\n\r\n"
    #expect(
      H.outcome(head + "Hello World!")
        == H.success([(summary(200, keepAlive: false, head: head, body: 12), head.utf8.count + 12)])
    )
  }

  @Test(arguments: [
    ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", "some bytes until FIN", 1),
    ("HTTP/1.0 200 OK\r\n\r\n", "old server", 0),
    ("HTTP/1.1 200 OK\r\n\r\n", "", 1),
    ("HTTP/1.1 500 Oops\r\nConnection: keep-alive\r\n\r\n", "error page", 1),
  ])
  func h2NoLengthEndsAtEOF(head: String, body: String, minor: Int) {
    let status = head.contains("500") ? 500 : 200
    #expect(
      H.outcome(head + body, eof: true)
        == H.success([
          (
            summary(status, minor: minor, keepAlive: false, head: head, body: body.utf8.count),
            (head + body).utf8.count
          )
        ]))
  }

  @Test func h3IdleCloseAfterCompleteResponseIsNotAResponseFailure() {
    var parser = ResponseParser()
    parser.expectResponse(toMethod: "GET")
    let response = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8)
    guard case .complete(let done, let consumed) = parser.feed(response) else {
      Issue.record("response did not complete")
      return
    }
    #expect(done.keepAlive)
    #expect(consumed == response.count)
    // The idle connection is closed by the server; the next request finds it closed before any
    // byte: the engine sees hasReceivedBytes == false and retries on a fresh connection.
    parser.expectResponse(toMethod: "GET")
    #expect(!parser.hasReceivedBytes)
    #expect(
      parser.feedEOF()
        == .failed(
          HTTPProtocolError(.incompleteHead, "connection closed before any byte of the response")))
    #expect(!parser.hasReceivedBytes)
    // A close after part of the head is a real failure, and says so.
    parser.expectResponse(toMethod: "GET")
    #expect(parser.feed(Array("HTTP/1.".utf8)) == .needMore)
    #expect(parser.hasReceivedBytes)
    guard case .failed(let error) = parser.feedEOF() else {
      Issue.record("EOF inside the head must fail")
      return
    }
    #expect(error.kind == .incompleteHead)
  }

  @Test func h4PauseInsideAHeaderNameIsNotAnError() {
    var parser = ResponseParser()
    #expect(parser.feed(Array("HTTP/1.1 200 OK\r\nCont".utf8)) == .needMore)
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
    #expect(
      parser.feed(Array("ent-Length: 2\r\n\r\nok".utf8))
        == .complete(summary(200, keepAlive: true, head: head, body: 2), consumed: 19))
    #expect(
      H.outcome(head + "ok")
        == H.success([(summary(200, keepAlive: true, head: head, body: 2), 40)]))
  }

  @Test func h5UppercaseHeaderNameIsUnderstoodAndConnectionReused() {
    let head = "HTTP/1.1 200 OK\r\nCONTENT-LENGTH: 5\r\n\r\n"
    #expect(
      H.outcome(head + "hello")
        == H.success([(summary(200, keepAlive: true, head: head, body: 5), 43)]))
  }

  @Test func h6HTTP11WithLengthIsPersistentAndDoneWithoutEOF() {
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Type: text/plain\r\n\r\n"
    let outcome = H.outcome(head + "0123456789")
    #expect(
      outcome
        == H.success([(summary(200, keepAlive: true, head: head, body: 10), head.utf8.count + 10)]))
    #expect(!outcome.pending)
  }

  @Test func h7ChunkedCompletesAtFinalCRLFAndIsReused() {
    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    let body = "5\r\nhello\r\n0\r\n\r\n"
    #expect(
      H.outcome(head + body)
        == H.success([
          (summary(200, keepAlive: true, head: head, body: 15, content: 5), head.utf8.count + 15)
        ]))
  }

  @Test func h8ChunkSizeLineSplitAfterZeroAndInsideCRLF() {
    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    let expected = summary(200, keepAlive: true, head: head, body: 15, content: 5)
    var parser = ResponseParser()
    #expect(parser.feed(Array((head + "5\r\nhello\r\n0").utf8)) == .needMore)
    #expect(parser.feed(Array("\r\n\r\n".utf8)) == .complete(expected, consumed: 4))
    parser = ResponseParser()
    #expect(parser.feed(Array((head + "5\r\nhello\r\n0\r").utf8)) == .needMore)
    #expect(parser.feed(Array("\n\r".utf8)) == .needMore)
    #expect(parser.feed(Array("\n".utf8)) == .complete(expected, consumed: 1))
    #expect(
      H.outcome(head + "5\r\nhello\r\n0\r\n\r\n") == H.success([(expected, head.utf8.count + 15)]))
  }

  @Test func h9ChunkExtensionsWithQuotedSemicolon() {
    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    let body = "5;a=b\r\nhello\r\n6;x;y=\"q; r\"\r\n world\r\n0\r\n\r\n"
    #expect(
      H.outcome(head + body)
        == H.success([
          (
            summary(200, keepAlive: true, head: head, body: body.utf8.count, content: 11),
            (head + body).utf8.count
          )
        ]))
    // An escaped quote does not end the quoted string; a line break inside one is an error.
    let escaped = "3;n=\"a\\\"b;c\"\r\nabc\r\n0\r\n\r\n"
    #expect(H.outcome(head + escaped).responses.first?.contentBytes == 3)
    #expect(H.outcome(head + "3;n=\"open\r\nabc\r\n0\r\n\r\n") == H.failure(.invalidChunk))
  }

  @Test(arguments: [
    "5x\r\nhello\r\n0\r\n\r\n",
    "Connection: close\r\n\r\n",
    "\r\nhello\r\n0\r\n\r\n",
    ";ext\r\n0\r\n\r\n",
    "5\r\nhelloX\r\n0\r\n\r\n",
    "5\r\nhello\rX0\r\n\r\n",
    "5\rX\r\nhello\r\n0\r\n\r\n",
    "-5\r\nhello\r\n0\r\n\r\n",
    "fffffffffffffffff\r\n",
  ])
  func h10ChunkFramingErrors(body: String) {
    #expect(
      H.outcome("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
        == H.failure(.invalidChunk))
  }

  @Test(arguments: [
    "5\r\nhel", "5\r\nhello\r\n", "5\r\nhello\r\n0\r\n", "5\r\nhello\r\n0\r\nX-T: 1\r\n", "",
  ])
  func h11TruncatedChunkedBodyIsIncomplete(body: String) {
    #expect(
      H.outcome("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body, eof: true)
        == H.failure(.incompleteBody))
  }

  @Test func h12ShortContentLengthBodyIsIncomplete() {
    let input = "HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n" + String(repeating: "x", count: 63)
    #expect(H.outcome(input, eof: true) == H.failure(.incompleteBody))
    var pending = H.outcome(input, eof: false)
    #expect(pending.pending)
    pending.pending = false
    #expect(pending == ParseOutcome(receivedBytes: true))
  }

  @Test func h13TransferEncodingWithoutChunkedLastReadsToEOF() {
    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 10\r\n\r\n"
    let body = "0123456789 and more bytes"
    #expect(
      H.outcome(head + body, eof: true)
        == H.success([
          (
            summary(200, keepAlive: false, head: head, body: body.utf8.count),
            (head + body).utf8.count
          )
        ]))
    let chunkedFirst = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"
    #expect(
      H.outcome(chunkedFirst + "5\r\nhello\r\n0\r\n\r\n", eof: true).responses.first?.bodyBytes
        == 15)
    #expect(
      H.outcome(chunkedFirst + "5\r\nhello\r\n0\r\n\r\n", eof: true).responses.first?.keepAlive
        == false)
  }

  @Test func transferEncodingChunkedLastOverridesContentLengthAndForbidsReuse() {
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"
    let body = "5\r\nhello\r\n0\r\n\r\n"
    #expect(
      H.outcome(head + body)
        == H.success([
          (
            summary(200, keepAlive: false, head: head, body: 15, content: 5),
            (head + body).utf8.count
          )
        ]))
    // Codings across several fields form one list; the last field decides.
    let split =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked;p=\"a,b\"\r\n\r\n"
    #expect(H.outcome(split + body).responses.first?.contentBytes == 5)
    // HTTP/1.0 with Transfer-Encoding: faulty framing, close after (RFC 9112 §6.1).
    let old = "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"
    #expect(
      H.outcome(old + body)
        == H.success([
          (
            summary(200, minor: 0, keepAlive: false, head: old, body: 15, content: 5),
            (old + body).utf8.count
          )
        ]))
  }

  // MARK: - Bodiless responses and pipelining (H14–H19)

  @Test func h14HeadResponseEndsAtBlankLineThenGetReadsItsOwnBody() {
    let headHead = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n"
    let getHead = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
    #expect(
      H.outcome(headHead + getHead + "ok", methods: ["HEAD", "GET"])
        == H.success([
          (summary(200, keepAlive: true, head: headHead, body: 0), headHead.utf8.count),
          (summary(200, keepAlive: true, head: getHead, body: 2), getHead.utf8.count + 2),
        ]))
    // HEAD of a chunked resource: still no body.
    let chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    #expect(
      H.outcome(chunkedHead, methods: ["HEAD"])
        == H.success([
          (summary(200, keepAlive: true, head: chunkedHead, body: 0), chunkedHead.utf8.count)
        ]))
  }

  @Test func h15NoContentIgnoresContentLengthAndNextBytesAreNextResponse() {
    let first = "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"
    let second = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
    #expect(
      H.outcome(first + second + "hello", methods: ["GET", "GET"])
        == H.success([
          (summary(204, keepAlive: true, head: first, body: 0), first.utf8.count),
          (summary(200, keepAlive: true, head: second, body: 5), second.utf8.count + 5),
        ]))
    // With only one response outstanding, the rest is reported as not consumed.
    #expect(
      H.outcome(first + second + "hello")
        == H.success(
          [(summary(204, keepAlive: true, head: first, body: 0), first.utf8.count)], leftover: 43))
  }

  @Test func h16NotModifiedWithChunkedHasNoBody() {
    let first = "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"
    let second = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
    #expect(
      H.outcome(first + second, methods: ["GET", "GET"])
        == H.success([
          (summary(304, keepAlive: true, head: first, body: 0), first.utf8.count),
          (summary(200, keepAlive: true, head: second, body: 0), second.utf8.count),
        ]))
  }

  @Test func noBodyStatusesIgnoreAnInvalidContentLength() {
    let head = "HTTP/1.1 204 No Content\r\nContent-Length: nonsense\r\n\r\n"
    #expect(
      H.outcome(head)
        == H.success([(summary(204, keepAlive: true, head: head, body: 0), head.utf8.count)]))
  }

  @Test func h17InterimResponsesAreSkippedAndCapped() {
    let interim =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
    let final = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
    let input = interim + final + "ok"
    #expect(
      H.outcome(input)
        == H.success([
          (summary(200, keepAlive: true, head: interim + final, body: 2), input.utf8.count)
        ]))
    let eight = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 8)
    #expect(H.outcome(eight + final + "ok").responses.first?.status == 200)
    let nine = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 9)
    #expect(H.outcome(nine + final + "ok") == H.failure(.tooManyInterimResponses))
    let limits = ResponseParser.Limits(maxInterimResponses: 1)
    #expect(
      H.outcome(Array((interim + final + "ok").utf8), limits: limits)
        == H.failure(.tooManyInterimResponses))
    // EOF after only interim responses is an incomplete head, not a success.
    #expect(H.outcome("HTTP/1.1 100 Continue\r\n\r\n", eof: true) == H.failure(.incompleteHead))
  }

  @Test func requestedSwitchingProtocolsIsFinalWithNoBodyAndNoReuse() {
    let head =
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
    #expect(
      H.outcome(head + "\u{81}\u{05}frame", upgradeRequested: true)  // 2 + 1 + 5 bytes
        == H.success(
          [(summary(101, keepAlive: false, head: head, body: 0), head.utf8.count)], leftover: 8))
    // After an interim response too.
    let interim = "HTTP/1.1 100 Continue\r\n\r\n"
    #expect(
      H.outcome(interim + head, upgradeRequested: true)
        == H.success([
          (summary(101, keepAlive: false, head: interim + head, body: 0), (interim + head).utf8.count)
        ]))
  }

  /// RFC 9110 §15.2.2: a server MUST NOT switch protocols unless the client asked; LoadForge never
  /// sends Upgrade, so a 101 is a protocol error, not a bodiless success.
  @Test(arguments: [
    (
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
        + "\u{81}\u{05}frame", "GET"
    ),
    ("HTTP/1.1 101 Switching Protocols\r\n\r\n", "GET"),
    ("HTTP/1.1 101\r\nUpgrade: h2c\r\n\r\n", "POST"),
    ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "HEAD"),
    ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 101 Switching Protocols\r\n\r\n", "PUT"),
    ("HTTP/1.1 101 Switching Protocols\r\n\r\n", "CONNECT"),
  ])
  func unsolicitedSwitchingProtocolsIsAProtocolError(input: String, method: String) {
    #expect(
      H.outcome(input, methods: [method]) == H.failure(.unsolicitedSwitchingProtocols))
    #expect(
      H.outcome(input, methods: [method], eof: true) == H.failure(.unsolicitedSwitchingProtocols))
  }

  @Test func connectSuccessIsATunnel() {
    let head = "HTTP/1.1 200 Connection Established\r\n\r\n"
    #expect(
      H.outcome(head + "tls", methods: ["CONNECT"])
        == H.success(
          [(summary(200, keepAlive: false, head: head, body: 0), head.utf8.count)], leftover: 3))
  }

  @Test(arguments: [
    ("Content-Length:\t42\t", 42),
    ("Content-Length:  219  ", 219),
    ("Content-Length: 42, 42", 42),
    ("Content-Length: 42,42 ,  42", 42),
    ("Content-Length: 42\r\nContent-Length: 42", 42),
    ("Content-Length:0", 0),
    ("Content-Length: 007", 7),
  ])
  func h18ContentLengthSpellings(field: String, length: Int) {
    let head = "HTTP/1.1 200 OK\r\n\(field)\r\n\r\n"
    let body = String(repeating: "b", count: length)
    #expect(
      H.outcome(head + body)
        == H.success([
          (summary(200, keepAlive: true, head: head, body: length), (head + body).utf8.count)
        ]))
  }

  @Test(arguments: [
    "Content-Length: 42, 43",
    "Content-Length: 4a",
    "Content-Length: 42\r\nContent-Length: 43",
    "Content-Length: ",
    "Content-Length: 42,",
    "Content-Length: ,42",
    "Content-Length: -1",
    "Content-Length: +5",
    "Content-Length: 0x10",
    "Content-Length: 4 2",
    "Content-Length: 99999999999999999999",
  ])
  func h18InvalidContentLength(field: String) {
    #expect(
      H.outcome("HTTP/1.1 200 OK\r\n\(field)\r\n\r\n" + String(repeating: "b", count: 42))
        == H.failure(.invalidContentLength))
  }

  @Test func h19ThreeResponsesInOneRead() {
    let a = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n"
    let b = "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
    let bBody = "4\r\nnope\r\n0\r\nX-Trailer: t\r\n\r\n"
    let c = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nKeep-Alive: timeout=5, max=100\r\n\r\n"
    #expect(
      H.outcome(a + "abc" + b + bBody + c, methods: ["GET", "GET", "GET"])
        == H.success([
          (summary(200, keepAlive: true, head: a, body: 3), a.utf8.count + 3),
          (
            summary(404, keepAlive: true, head: b, body: bBody.utf8.count, content: 4),
            (b + bBody).utf8.count
          ),
          (summary(200, keepAlive: true, head: c, body: 0, timeout: 5), c.utf8.count),
        ]))
  }

  // MARK: - Status line and header syntax (H20–H24)

  @Test(arguments: [
    Array("HTTP/1.1 200\r\n".utf8),
    Array("HTTP/1.1 200 \r\n".utf8),
    Array("HTTP/1.1 200 Very  Good\tIndeed\r\n".utf8),
    [
      0x48, 0x54, 0x54, 0x50, 0x2F, 0x31, 0x2E, 0x31, 0x20, 0x32, 0x30, 0x30, 0x20, 0xC3, 0xA9,
      0xFF, 0x80, 0x0D, 0x0A,
    ],
  ])
  func h20AnyReasonPhraseIsAccepted(statusLine: [UInt8]) {
    let input = statusLine + Array("Content-Length: 2\r\n\r\nok".utf8)
    #expect(
      H.outcome(input)
        == H.success([
          (
            ResponseSummary(
              status: 200, minorVersion: 1, keepAlive: true, headBytes: input.count - 2,
              bodyBytes: 2), input.count
          )
        ]))
  }

  @Test(arguments: [
    "HTP/1.1 200 OK",
    "HTTP/01.1 200",
    "HTTP/1.1 2 OK",
    "HTTP/1.1\t200 OK",
    "HTTP/1.1  200 OK",
    "HTTP/1.1 2000 OK",
    "HTTP/1.1 099 Low",
    "HTTP/1.1 000 Zero",
    "HTTP/1.1 600 Beyond",
    "HTTP/1.1 999 Custom",
    "HTTP/1.1 20x OK",
    "HTTP/1.1 200OK",
    "HTTP/2.0 200 OK",
    "http/1.1 200 OK",
    "HTTP/1.1",
    "",
    "HTTP/1.1 200 O\rK",
  ])
  func h21InvalidStatusLines(statusLine: String) {
    #expect(
      H.outcome("\(statusLine)\r\nContent-Length: 0\r\n\r\n") == H.failure(.invalidStatusLine))
  }

  /// RFC 9110 §15: a status code is a three-digit integer from 100 to 599; 1xx other than 101
  /// are interim and skipped.
  @Test(arguments: [200, 299, 300, 399, 400, 404, 499, 500, 599])
  func statusCodesUpTo599AreFinal(code: Int) {
    let head = "HTTP/1.1 \(code) Whatever\r\nContent-Length: 0\r\n\r\n"
    #expect(
      H.outcome(head)
        == H.success([(summary(code, keepAlive: true, head: head, body: 0), head.utf8.count)]))
  }

  @Test(arguments: [100, 102, 103, 150, 199])
  func interimStatusCodesFrom100AreSkipped(code: Int) {
    let interim = "HTTP/1.1 \(code) Interim\r\n\r\n"
    let final = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
    #expect(
      H.outcome(interim + final)
        == H.success([
          (summary(200, keepAlive: true, head: interim + final, body: 0), (interim + final).utf8.count)
        ]))
  }

  @Test(arguments: [
    "Content Length: 5",
    "Content-Length : 5",
    "X-Bad\r: 1",
    "X-Ok: a\rb",
    "No colon here",
    ": empty name",
    "X-Quote\"d: 1",
    "\u{00E9}t\u{00E9}: 1",
  ])
  func h21InvalidHeaderLines(line: String) {
    #expect(
      H.outcome("HTTP/1.1 200 OK\r\n\(line)\r\nContent-Length: 0\r\n\r\n")
        == H.failure(.invalidHeader))
  }

  @Test func h21WhitespaceBeforeFirstHeaderAndBareCRAtHeadEnd() {
    #expect(
      H.outcome("HTTP/1.1 200 OK\r\n X: 1\r\nContent-Length: 0\r\n\r\n")
        == H.failure(.invalidHeader))
    #expect(H.outcome("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\rX") == H.failure(.invalidHeader))
  }

  @Test func h22LargeHeaderUpToTheLimitThenHeadTooLarge() {
    let cookie = String(repeating: "c", count: 16_000)
    let head = "HTTP/1.1 200 OK\r\nSet-Cookie: \(cookie)\r\nContent-Length: 2\r\n\r\n"
    let input = Array((head + "ok").utf8)
    #expect(
      H.outcome(input, stride: 997)
        == H.success([(summary(200, keepAlive: true, head: head, body: 2), input.count)]))
    let small = ResponseParser.Limits(maxHeadBytes: 8 * 1024)
    #expect(H.outcome(input, limits: small, stride: 997) == H.failure(.headTooLarge))
  }

  @Test func h22HeadLimitIsExactAndCountsEachHead() {
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"  // 38 bytes
    #expect(head.utf8.count == 38)
    let exact = ResponseParser.Limits(maxHeadBytes: 38)
    #expect(H.outcome(Array(head.utf8), limits: exact).responses.count == 1)
    let oneShort = ResponseParser.Limits(maxHeadBytes: 37)
    #expect(H.outcome(Array(head.utf8), limits: oneShort) == H.failure(.headTooLarge))
    // A head that never ends is cut off at the limit, even while bytes keep coming.
    #expect(
      H.outcome(
        Array(("HTTP/1.1 200 OK\r\nX: " + String(repeating: "y", count: 60)).utf8), limits: oneShort
      )
        == H.failure(.headTooLarge))
    // The limit applies per head: two interim heads of 26 bytes fit a 38-byte limit.
    let interim = "HTTP/1.1 100 Continue\r\n\r\n" + "HTTP/1.1 100 Continue\r\n\r\n"
    #expect(H.outcome(Array((interim + head).utf8), limits: exact).responses.first?.headBytes == 88)
  }

  @Test func trailerSectionIsBoundedByTheHeadLimit() {
    let limits = ResponseParser.Limits(maxHeadBytes: 64)
    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    let trailer = "0\r\nX-T: " + String(repeating: "t", count: 80) + "\r\n\r\n"
    #expect(H.outcome(Array((head + trailer).utf8), limits: limits) == H.failure(.headTooLarge))
    let longSize = String(repeating: "0", count: 80) + "5\r\nhello\r\n0\r\n\r\n"
    #expect(H.outcome(Array((head + longSize).utf8), limits: limits) == H.failure(.invalidChunk))
  }

  @Test func h23LineFeedOnlyLineEndings() {
    let head = "HTTP/1.1 200 OK\nContent-Length: 0\n\n"
    #expect(
      H.outcome(head) == H.success([(summary(200, keepAlive: true, head: head, body: 0), 35)]))
    let mixed = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\n\r\n"
    let body = "5\nhello\n0\n\n"
    #expect(
      H.outcome(mixed + body)
        == H.success([
          (
            summary(200, keepAlive: true, head: mixed, body: 11, content: 5),
            (mixed + body).utf8.count
          )
        ]))
  }

  @Test func h24ObsFoldIsAcceptedIncludingInFramingFields() {
    let head = "HTTP/1.1 200 OK\r\nX-Folded: a\r\n  b\r\n\tc\r\nContent-Length:\r\n 2\r\n\r\n"
    #expect(
      H.outcome(head + "ok")
        == H.success([(summary(200, keepAlive: true, head: head, body: 2), head.utf8.count + 2)]))
    let folded = "HTTP/1.1 200 OK\r\nConnection: keep-alive,\r\n close\r\nContent-Length: 0\r\n\r\n"
    #expect(H.outcome(folded).responses.first?.keepAlive == false)
  }

  // MARK: - Connection reuse (RFC 9112 §9.3, HTTP-CASES C1–C3)

  @Test(arguments: [
    ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true),
    ("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n", false),
    ("HTTP/1.1 200 OK\r\nConnection: upgrade, CLOSE\r\nContent-Length: 0\r\n\r\n", false),
    (
      "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
      false
    ),
    ("HTTP/1.1 200 OK\r\nConnection: closed\r\nContent-Length: 0\r\n\r\n", true),
    ("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", false),
    ("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", true),
    ("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 2\r\n\r\nok", false),
    ("HTTP/1.0 204 No Content\r\n\r\n", false),
    ("HTTP/1.1 204 No Content\r\n\r\n", true),
  ])
  func connectionReuse(input: String, keepAlive: Bool) {
    let outcome = H.outcome(input)
    #expect(outcome.responses.count == 1)
    #expect(outcome.responses.first?.keepAlive == keepAlive)
    #expect(outcome.lengths == [input.utf8.count])
  }

  @Test(arguments: [
    ("Keep-Alive: timeout=5, max=100", 5 as Int?),
    ("Keep-Alive: max=100, TIMEOUT = \"7\"", 7),
    ("Keep-Alive: timeout=5\r\nKeep-Alive: timeout=9", 9),
    ("Keep-Alive: timeout=abc", nil),
    ("Keep-Alive: timeout", nil),
    ("Keep-Alive: timeouts=4", nil),
    ("X-Other: timeout=5", nil),
  ])
  func keepAliveTimeout(field: String, seconds: Int?) {
    let outcome = H.outcome("HTTP/1.1 200 OK\r\n\(field)\r\nContent-Length: 0\r\n\r\n")
    #expect(outcome.responses.count == 1)
    #expect(outcome.responses.first?.keepAliveTimeoutSeconds == seconds)
  }

  // MARK: - Parser lifecycle

  @Test func bytesWithNoResponseOutstandingFailAndFailureIsSticky() {
    var parser = ResponseParser()
    let response = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8)
    #expect(
      parser.feed(response)
        == .complete(
          summary(200, keepAlive: true, head: String(decoding: response, as: UTF8.self), body: 0),
          consumed: 38))
    guard case .failed(let unexpected) = parser.feed(response) else {
      Issue.record("bytes after completion without expectResponse must fail")
      return
    }
    #expect(unexpected.kind == .invalidStatusLine)
    #expect(parser.feed(response) == .failed(unexpected))
    #expect(parser.feed([]) == .failed(unexpected))
    #expect(parser.feedEOF() == .failed(unexpected))
    parser.expectResponse(toMethod: "GET")
    #expect(parser.feed([]) == .needMore)
    #expect(
      parser.feed(response)
        == .complete(
          summary(200, keepAlive: true, head: String(decoding: response, as: UTF8.self), body: 0),
          consumed: 38))
  }

  @Test func tcharTableMatchesRFC9110() {
    let tchars = Set(
      "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    for byte in UInt8.min...UInt8.max {
      #expect(HTTPBytes.isTChar(byte) == tchars.contains(byte), "byte \(byte)")
    }
  }
}
