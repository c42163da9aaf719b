import Foundation
import Testing

/// Replays every input of the libFuzzer corpus (Tests/Fuzz/corpus, seeded from HTTP-CASES and
/// grown by scripts/fuzz-response-parser.sh) through the fuzz target's own checks,
/// `ResponseParserInvariants`, so `swift test` keeps them without a fuzzer build.
@Suite struct FuzzCorpusReplayTests {
  private static let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz/corpus")

  @Test func everyCorpusInputKeepsTheParserInvariants() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
    #expect(names.count > 20, "corpus at \(Self.corpus.path)")
    for name in names {
      let input = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
      let violation = ResponseParserInvariants.violation(in: input)
      #expect(violation == nil, "\(name): \(violation ?? "")")
    }
  }

  /// The checks are not vacuous: the seeds decode to the setups they were written with and
  /// run to the outcomes HTTP-CASES gives.
  @Test func seedsRunToTheirHTTPCasesOutcomes() throws {
    func trace(_ name: String) throws -> ResponseParserInvariants.Trace? {
      let input = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
      let (setup, payload) = ResponseParserInvariants.setup(for: input)
      return try? ResponseParserInvariants.run([payload], setup).get()
    }
    let chunked = try #require(try trace("h07-chunked"))
    #expect(chunked.responses.map(\.status) == [200])
    #expect(chunked.responses.first?.keepAlive == true)
    #expect(chunked.retained.first??.body == Array("hello".utf8))
    #expect(try trace("h10-bad-size")?.failure?.kind == .invalidChunk)
    #expect(try trace("h12-short-length")?.failure?.kind == .incompleteBody)
    let pipelined = try #require(try trace("h19-three"))
    #expect(pipelined.responses.map(\.status) == [200, 404, 200])
    #expect(try trace("h21-space-in-name")?.failure?.kind == .invalidHeader)
    // A 38-byte head against a 38-byte, then a 26-byte head limit.
    #expect(try trace("h22-head-limit")?.responses.map(\.headBytes) == [38])
    #expect(try trace("h22-head-over-limit")?.failure?.kind == .headTooLarge)
    #expect(try trace("c02-http10")?.responses.first?.keepAlive == false)
  }

  /// A split-dependent result is reported, with the split, rather than passing.
  @Test func aDisagreementBetweenRunsIsReported() {
    let payload = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8)
    let input = ResponseParserInvariants.input(payload, split: 20)
    #expect(ResponseParserInvariants.violation(in: input) == nil)
    let (setup, _) = ResponseParserInvariants.setup(for: input)
    #expect(setup.split == 20)
    let whole = try? ResponseParserInvariants.run([payload[...]], setup).get()
    let short = try? ResponseParserInvariants.run([payload.dropLast()], setup).get()
    #expect(whole != nil && short != nil && whole != short)
  }
}
