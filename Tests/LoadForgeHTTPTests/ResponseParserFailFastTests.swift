import LoadForgeHTTP
import Testing

/// Bytes that can never become a valid response fail at the first such byte, at every split,
/// instead of waiting for a line end, the end of the head, or EOF (a peer that speaks another
/// protocol and holds the connection open must be a protocol error, not a timeout; one that
/// closes must be a protocol error, not a connection error).
@Suite struct ResponseParserFailFastTests {
  private typealias H = ParserHarness

  private static let chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"

  /// Status line: `HTTP/` DIGIT `.` DIGIT SP 3DIGIT (RFC 9112 §4), major version 1, status code
  /// 100–599 (RFC 9110 §15), then SP or the line end. Each pair is (valid so far, rest starting
  /// with the first impossible byte).
  @Test(arguments: [
    ("", "<html>not http at all</html>"),
    ("", "SSH-2.0-OpenSSH_9.2\r\n"),
    ("", "\u{16}\u{03}\u{01}\u{02}\u{00}"),
    ("", "\r\nHTTP/1.1 200 OK\r\n\r\n"),
    ("", "\nHTTP/1.1 200 OK\r\n\r\n"),
    ("", " HTTP/1.1 200 OK\r\n\r\n"),
    ("", "http/1.1 200 OK\r\n\r\n"),
    ("HTT", "TP/1.1 200 OK\r\n\r\n"),
    ("HTTP", " 1.1 200 OK\r\n\r\n"),
    ("HTTP/", "2.0 200 OK\r\n\r\n"),
    ("HTTP/", "01.1 200 OK\r\n\r\n"),
    ("HTTP/", "x.1 200 OK\r\n\r\n"),
    ("HTTP/1", ",1 200 OK\r\n\r\n"),
    ("HTTP/1", "\r\n\r\n"),
    ("HTTP/1.", "x 200 OK\r\n\r\n"),
    ("HTTP/1.1", "\t200 OK\r\n\r\n"),
    ("HTTP/1.1", "\r\n\r\n"),
    ("HTTP/1.1", "\n\n"),
    ("HTTP/1.1 ", " 200 OK\r\n\r\n"),
    ("HTTP/1.1 ", "600 Nope\r\n\r\n"),
    ("HTTP/1.1 ", "099 Low\r\n\r\n"),
    ("HTTP/1.1 ", "000\r\n\r\n"),
    ("HTTP/1.1 ", "999 High\r\n\r\n"),
    ("HTTP/1.1 2", " OK\r\n\r\n"),
    ("HTTP/1.1 20", "x OK\r\n\r\n"),
    ("HTTP/1.1 20", "\r\n\r\n"),
    ("HTTP/1.1 200", "OK\r\n\r\n"),
    ("HTTP/1.1 200", "0 OK\r\n\r\n"),
    ("HTTP/1.1 200 O", "\u{00}K\r\n\r\n"),
    ("HTTP/1.1 200 O\r", "K\r\n\r\n"),
    ("HTTP/1.1 100 Continue\r\n\r\n", "SSH-2.0-OpenSSH_9.2\r\n"),
    ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 ", "700 Odd\r\n\r\n"),
  ])
  func statusLineFailsAtTheFirstImpossibleByte(valid: String, rest: String) {
    H.expectFailure(.invalidStatusLine, after: valid, at: rest)
  }

  /// Header section: a field name is a token (RFC 9110 §5.1) directly followed by `:`
  /// (RFC 9112 §5.1), no whitespace line before the first field (RFC 9112 §2.2), no NUL anywhere
  /// (RFC 9110 §5.5), no bare CR (RFC 9112 §2.2).
  @Test(arguments: [
    ("HTTP/1.1 200 OK\r\nContent", " Length: 5\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\nContent-Length", " : 5\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\nContent-Length", "\t: 5\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\n", ": empty name\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\n", " X: 1\r\n\r\n"),
    ("HTTP/1.1 200 OK\n", "\tX: 1\n\n"),
    ("HTTP/1.1 200 OK\r\nX-A", "\u{00}: 1\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\nX-A", "\u{01}: 1\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\nX-A", "\u{7F}: 1\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\nX-Quote", "\"d: 1\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\n", "\u{00E9}t\u{00E9}: 1\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\nNo", " colon here\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\nNoColon", "\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\nNoColon", "\n\n"),
    ("HTTP/1.1 200 OK\r\nX: a", "\u{00}b\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\nX: a\r", "b\r\n\r\n"),
    ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r", "X"),
    ("HTTP/1.1 200 OK\r\n", "\u{16}\u{03}\u{01}\u{02}\u{00}"),
    ("HTTP/1.1 200 OK\r\n", "<html>\r\n\r\n"),
    ("HTTP/1.1 100 Continue\r\n", "\u{00}\u{00}\r\n\r\n"),
  ])
  func headerSectionFailsAtTheFirstImpossibleByte(valid: String, rest: String) {
    H.expectFailure(.invalidHeader, after: valid, at: rest)
  }

  /// The trailer section of a chunked body is a field section too (RFC 9112 §7.1.2).
  @Test(arguments: [
    ("0\r\nX", " T: 1\r\n\r\n"),
    ("0\r\n", ": v\r\n\r\n"),
    ("0\r\n", " folded\r\n\r\n"),
    ("0\r\n", "\u{00}\r\n\r\n"),
    ("5\r\nhello\r\n0\r\nX-T: a", "\u{00}\r\n\r\n"),
    ("5\r\nhello\r\n0\r\nX-T", "\r\n\r\n"),
    ("0\r\nX-T: 1\r", "X"),
  ])
  func trailerSectionFailsAtTheFirstImpossibleByte(valid: String, rest: String) {
    H.expectFailure(
      .invalidHeader, after: Self.chunkedHead + valid, at: rest,
      bodyStart: Self.chunkedHead.utf8.count)
  }

  @Test func validTrailersIncludingAFoldStillComplete() {
    let body = "5\r\nhello\r\n0\r\nX-T: a\r\n b\r\nX-U:\r\n\r\n"
    let outcome = H.outcome(Self.chunkedHead + body)
    #expect(outcome.failure == nil)
    #expect(outcome.responses.map(\.contentBytes) == [5])
    #expect(outcome.lengths == [(Self.chunkedHead + body).utf8.count])
  }

  /// The newcomer cases end to end: a non-HTTP answer then FIN, and a banner on a held-open
  /// connection, are protocol errors however the bytes arrive.
  @Test func nonHTTPAnswersAreProtocolErrorsWithOrWithoutEOF() {
    #expect(H.outcome("<html>not http at all</html>", eof: true) == H.failure(.invalidStatusLine))
    #expect(H.outcome("SSH-2.0-OpenSSH_9.2\r\n", eof: false) == H.failure(.invalidStatusLine))
    // One byte is enough to know.
    #expect(H.outcome("<", eof: false) == H.failure(.invalidStatusLine))
    #expect(H.outcome("S", eof: false) == H.failure(.invalidStatusLine))
  }

  /// A prefix that may still become a valid response is not an error yet: EOF there is an
  /// incomplete head (the engine's connection error), never a protocol error.
  @Test(arguments: ["H", "HTTP/", "HTTP/1.1", "HTTP/1.1 2", "HTTP/1.1 200", "HTTP/1.1 200 OK\r"])
  func validPrefixesWaitAndEOFIsIncompleteHead(prefix: String) {
    var pending = ParseOutcome(receivedBytes: true)
    pending.pending = true
    #expect(H.outcome(prefix) == pending)
    #expect(H.outcome(prefix, eof: true) == H.failure(.incompleteHead))
  }
}
