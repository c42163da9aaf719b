import Foundation
import Testing

@testable import LoadForgeHTTP

/// Inputs scripts/fuzz-response-parser.sh found breaking an invariant, kept as tests after the
/// fix (each is also in Tests/Fuzz/corpus as `regress-NN-…`, replayed by FuzzCorpusReplayTests).
@Suite struct ResponseParserFuzzRegressionTests {
  private typealias H = ParserHarness

  /// Fuzz crash 1: `Connection:"kee,-alive,` folded onto ` close` was reusable. The list walk
  /// took the stray `"` as the start of a quoted string running to the end of the value, which
  /// hid `close`. connection-option is a token (RFC 9110 §7.6.1), so a quote starts nothing:
  /// every comma splits, and `close` is seen (reusing a connection the server is closing would
  /// fail the next request on it).
  @Test(arguments: [
    "Connection:\"kee,-alive,\r\n close",
    "Connection: \"x, close",
    "Connection: x\"y, close",
    "Connection: \"a\\\", close",
  ])
  func aQuoteInConnectionDoesNotHideClose(field: String) {
    let head = "HTTP/1.1 200 OK\r\n\(field)\r\nContent-Length: 0\r\n\r\n"
    let outcome = H.outcome(head)
    #expect(outcome.lengths == [head.utf8.count])
    #expect(outcome.responses.first?.keepAlive == false)
  }

  @Test func aQuotedCommaStillDoesNotSplitATransferCodingParameter() {
    // Transfer-Encoding parameters may be quoted strings (RFC 9112 §7): the comma inside
    // `"a,b"` is not a list separator, so `chunked` stays the last coding.
    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked;p=\"a,b\"\r\n\r\n"
    #expect(H.outcome(head + "2\r\nok\r\n0\r\n\r\n").responses.first?.contentBytes == 2)
  }

  @Test func everyRegressionInputIsInTheCorpusAndPasses() throws {
    let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fuzz/corpus")
    let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasPrefix("regress-") }
    #expect(names.count >= 1)
    for name in names {
      let input = try [UInt8](Data(contentsOf: corpus.appendingPathComponent(name)))
      #expect(ResponseParserInvariants.violation(in: input) == nil, "\(name)")
    }
  }
}
