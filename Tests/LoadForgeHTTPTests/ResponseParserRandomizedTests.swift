import LoadForgeHTTP
import LoadForgeTestSupport
import Testing

/// Random valid responses (Content-Length, chunked with random chunking and extensions,
/// close-delimited, bodiless), back to back, fed in random pieces: every parsed response must
/// match what was generated.
@Suite struct ResponseParserRandomizedTests {
  private struct Generated {
    var bytes: [UInt8]
    var method: String
    var status: Int
    var contentBytes: Int
    var keepAlive: Bool
    /// Bytes of the status line with its line end, and of the whole head.
    var statusLineLength: Int
    var headLength: Int
  }

  private enum Framing: CaseIterable {
    case contentLength, chunked, closeDelimited, head
  }

  private static func randomCase(_ text: String, _ rng: inout SplitMix64) -> String {
    String(text.map { Bool.random(using: &rng) ? Character($0.uppercased()) : $0 })
  }

  private static func generate(closeAllowed: Bool, _ rng: inout SplitMix64) -> Generated {
    let eol = Int.random(in: 0..<4, using: &rng) == 0 ? "\n" : "\r\n"
    var framing = Framing.allCases.randomElement(using: &rng)!
    if framing == .closeDelimited && !closeAllowed { framing = .contentLength }
    let status = [200, 200, 201, 404, 500, 204, 304].randomElement(using: &rng)!
    let bodiless = status == 204 || status == 304 || framing == .head
    let length = Int.random(in: 0..<300, using: &rng)
    let body = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }

    var head = "HTTP/1.1 \(status) Some Reason\(eol)"
    for k in 0..<Int.random(in: 0...3, using: &rng) {
      head +=
        "X-Extra-\(k): \(String(repeating: "v", count: Int.random(in: 0...40, using: &rng)))\(eol)"
    }
    var bytes: [UInt8] = []
    switch framing {
    case .contentLength, .head:
      let spaces = String(repeating: " ", count: Int.random(in: 0...2, using: &rng))
      head += "\(randomCase("content-length", &rng)):\(spaces)\(length)\(spaces)\(eol)\(eol)"
      bytes = Array(head.utf8)
      if !bodiless { bytes += body }
    case .chunked:
      head += "\(randomCase("transfer-encoding", &rng)): \(randomCase("chunked", &rng))\(eol)\(eol)"
      bytes = Array(head.utf8)
      if !bodiless {
        var offset = 0
        while offset < length {
          let size = min(length - offset, Int.random(in: 1...100, using: &rng))
          let hex = String(size, radix: 16, uppercase: Bool.random(using: &rng))
          let ext = Bool.random(using: &rng) ? ";name=\"v;\\\"x\"" : ""
          bytes += Array("\(hex)\(ext)\(eol)".utf8) + body[offset..<offset + size] + Array(eol.utf8)
          offset += size
        }
        let trailer = Bool.random(using: &rng) ? "X-Checksum: 1\(eol)" : ""
        bytes += Array("0\(eol)\(trailer)\(eol)".utf8)
      }
    case .closeDelimited:
      head += eol
      bytes = Array(head.utf8)
      if !bodiless { bytes += body }
    }
    return Generated(
      bytes: bytes, method: framing == .head ? "HEAD" : "GET", status: status,
      contentBytes: bodiless ? 0 : length, keepAlive: bodiless || framing != .closeDelimited,
      statusLineLength: "HTTP/1.1 \(status) Some Reason\(eol)".utf8.count,
      headLength: head.utf8.count)
  }

  @Test func randomResponsesParseToTheirGeneratedLengthsAtRandomSplits() {
    var rng = SplitMix64(seed: 0x10AD_F0E6)
    for round in 0..<400 {
      let count = Int.random(in: 1...4, using: &rng)
      var responses: [Generated] = []
      for k in 0..<count {
        let response = Self.generate(closeAllowed: k == count - 1, &rng)
        responses.append(response)
        if response.keepAlive == false { break }
      }
      let input = responses.flatMap(\.bytes)
      var chunks: [ArraySlice<UInt8>] = []
      var offset = 0
      while offset < input.count {
        let size = min(input.count - offset, Int.random(in: 1...64, using: &rng))
        chunks.append(input[offset..<offset + size])
        offset += size
      }
      let methods = responses.map(\.method)
      let pieces = ParserHarness.run(chunks, methods: methods, eof: true)
      let whole = ParserHarness.run([input[...]], methods: methods, eof: true)
      #expect(pieces == whole, "round \(round)")
      #expect(pieces.failure == nil, "round \(round): \(pieces)")
      #expect(pieces.responses.map(\.status) == responses.map(\.status), "round \(round)")
      #expect(
        pieces.responses.map(\.contentBytes) == responses.map(\.contentBytes), "round \(round)")
      #expect(pieces.responses.map(\.keepAlive) == responses.map(\.keepAlive), "round \(round)")
      #expect(pieces.lengths == responses.map(\.bytes.count), "round \(round)")
      #expect(
        pieces.responses.map { $0.headBytes + $0.bodyBytes } == responses.map(\.bytes.count),
        "round \(round)")
    }
  }

  private static func randomChunks(_ input: ArraySlice<UInt8>, _ rng: inout SplitMix64)
    -> [ArraySlice<UInt8>]
  {
    var chunks: [ArraySlice<UInt8>] = []
    var offset = input.startIndex
    while offset < input.endIndex {
      let size = min(input.endIndex - offset, Int.random(in: 1...16, using: &rng))
      chunks.append(input[offset..<offset + size])
      offset += size
    }
    return chunks
  }

  /// A NUL anywhere in a head is invalid (RFC 9112 §4, §5; RFC 9110 §5.5): the parser fails at
  /// that byte, not before and not later, whatever the split.
  @Test func nulAnywhereInAHeadFailsAtThatByte() {
    var rng = SplitMix64(seed: 0x4E55_4C00)
    for round in 0..<300 {
      let response = Self.generate(closeAllowed: true, &rng)
      var input = response.bytes
      let k = Int.random(in: 0..<response.headLength, using: &rng)
      input[k] = 0
      let methods = [response.method]
      let before = ParserHarness.run(Self.randomChunks(input[..<k], &rng), methods: methods, eof: false)
      #expect(before.failure == nil && before.pending, "round \(round), NUL at \(k)")
      let through = ParserHarness.run(
        Self.randomChunks(input[...k], &rng), methods: methods, eof: false)
      let kind: HTTPProtocolError.Kind =
        k < response.statusLineLength ? .invalidStatusLine : .invalidHeader
      #expect(through.failure == kind, "round \(round), NUL at \(k): \(through)")
    }
  }

  /// Any one-byte change to a valid head never fails before the changed byte (every earlier
  /// prefix is a valid one), and the outcome does not depend on the split.
  @Test func mutatedHeadsNeverFailBeforeTheMutationAndAgreeAtEverySplit() {
    var rng = SplitMix64(seed: 0x0B17_F119)
    for round in 0..<300 {
      let response = Self.generate(closeAllowed: true, &rng)
      var input = response.bytes
      let k = Int.random(in: 0..<response.headLength, using: &rng)
      input[k] = UInt8.random(in: 0...255, using: &rng)
      let methods = [response.method]
      let before = ParserHarness.run(Self.randomChunks(input[..<k], &rng), methods: methods, eof: false)
      #expect(before.failure == nil, "round \(round), byte \(input[k]) at \(k): \(before)")
      let pieces = ParserHarness.run(Self.randomChunks(input[...], &rng), methods: methods, eof: true)
      let whole = ParserHarness.run([input[...]], methods: methods, eof: true)
      #expect(pieces == whole, "round \(round), byte \(input[k]) at \(k)")
    }
  }
}
