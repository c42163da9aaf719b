import Testing

@testable import LoadForgeHTTP

@Suite struct ResponseExpectationTests {
  private func summary(status: Int = 200, head: String, body: Int) -> ResponseSummary {
    ResponseSummary(
      status: status, minorVersion: 1, keepAlive: true, headBytes: head.utf8.count, bodyBytes: body,
      keepAliveTimeoutSeconds: nil, contentBytes: body)
  }

  @Test(arguments: [
    ("GET", false, false), ("HEAD", true, false), ("CONNECT", false, true), ("POST", false, false),
    // Methods are case-sensitive (RFC 9110 §9.1): these are extension methods, not HEAD/CONNECT.
    ("head", false, false), ("connect", false, false), ("HEADER", false, false),
  ])
  func framingFollowsTheMethod(method: String, head: Bool, connect: Bool) {
    let expectation = ResponseExpectation(method: method)
    #expect(expectation.isResponseToHead == head)
    #expect(expectation.isResponseToConnect == connect)
    #expect(!expectation.upgradeRequested)
    #expect(ResponseExpectation(method: method, upgradeRequested: true).upgradeRequested)
  }

  @Test func aResponseToHeadHasNoBodyWhateverItsContentLength() {
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
    var parser = ResponseParser()
    parser.expectResponse(ResponseExpectation(method: "HEAD"))
    #expect(parser.feed(Array(head.utf8)) == .complete(summary(head: head, body: 0), consumed: head.utf8.count))
    // The next request is a GET: the same bytes now announce a 5-byte body.
    parser.expectResponse(ResponseExpectation(method: "GET"))
    #expect(parser.feed(Array(head.utf8)) == .needMore)
    #expect(parser.feed(Array("hello".utf8)) == .complete(summary(head: head, body: 5), consumed: 5))
  }

  @Test func aSwitchingProtocolsAnswerIsValidOnlyWhenAnUpgradeWasRequested() {
    let head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"
    var parser = ResponseParser()
    parser.expectResponse(ResponseExpectation(method: "GET"))
    guard case .failed(let error) = parser.feed(Array(head.utf8)) else {
      Issue.record("an unsolicited 101 must fail")
      return
    }
    #expect(error.kind == .unsolicitedSwitchingProtocols)
    parser.expectResponse(ResponseExpectation(method: "GET", upgradeRequested: true))
    guard case .complete(let summary, _) = parser.feed(Array(head.utf8)) else {
      Issue.record("an expected 101 must complete")
      return
    }
    #expect(summary.status == 101)
  }

  /// `expectResponse` clears a failure and a head buffered across feeds, whichever came before.
  @Test func expectResponseStartsCleanAfterAFailureOrASplitHead() {
    let head = "HTTP/1.1 204 No Content\r\nServer: t\r\n\r\n"
    var parser = ResponseParser()
    parser.expectResponse(ResponseExpectation(method: "GET"))
    guard case .failed(let error) = parser.feed(Array("<html>".utf8)) else {
      Issue.record("bytes that are not HTTP must fail")
      return
    }
    #expect(error.kind == .invalidStatusLine)
    #expect(parser.feed(Array(head.utf8)) == .failed(error))
    parser.expectResponse(ResponseExpectation(method: "GET"))
    #expect(
      parser.feed(Array(head.utf8)) == .complete(summary(status: 204, head: head, body: 0), consumed: head.utf8.count))
    // A head split over two feeds, then a whole one.
    parser.expectResponse(ResponseExpectation(method: "GET"))
    #expect(parser.feed(Array(head.utf8.prefix(10))) == .needMore)
    #expect(
      parser.feed(Array(head.utf8.dropFirst(10)))
        == .complete(summary(status: 204, head: head, body: 0), consumed: head.utf8.count - 10))
    parser.expectResponse(ResponseExpectation(method: "GET"))
    #expect(
      parser.feed(Array(head.utf8)) == .complete(summary(status: 204, head: head, body: 0), consumed: head.utf8.count))
  }
}
