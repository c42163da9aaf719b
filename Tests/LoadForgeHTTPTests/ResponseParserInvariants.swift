#if !LOADFORGE_FUZZ
  import LoadForgeHTTP
#endif

/// Properties of `ResponseParser` that hold for every input, checked by the libFuzzer target
/// (Tests/Fuzz/ResponseParserFuzz.swift, built by scripts/fuzz-response-parser.sh with
/// `-D LOADFORGE_FUZZ`, where this file is compiled into the same module as the parser) and by
/// `FuzzCorpusReplayTests` on the committed corpus. One copy of the checks for both; it uses
/// only the public API and no test framework: a broken invariant is returned as a description.
///
/// An input is `setupBytes` bytes choosing how to run it (see `Setup`), then the bytes the
/// server sends. Those are fed whole, in two pieces at the chosen split point, and one byte at
/// a time; the three runs must agree exactly (HTTP-CASES: "right at every split point"), and
/// each must keep the invariants listed in `run`.
enum ResponseParserInvariants {
  /// Bytes at the start of an input that choose its `Setup`.
  static let setupBytes = 4

  /// How one input is run, decoded from its first `setupBytes` bytes.
  struct Setup: Equatable, CustomStringConvertible {
    /// The method of each request outstanding on the connection (pipelined), in order.
    var methods: [String]
    /// Retention of every response (`retainNextResponse`): nil when off.
    var overflow: RetentionOverflow?
    /// Whether retention goes through `retainNextResponse()` (`limits.maxRetainedBodyBytes`).
    var retainsWithLimits: Bool
    /// Content bytes retained per response.
    var retainLimit: Int
    var limits: ResponseParser.Limits
    /// Where the two-piece run splits the server's bytes.
    var split: Int
    /// Whether the server closes the connection after its bytes.
    var eof: Bool

    var description: String {
      "methods=\(methods) overflow=\(String(describing: overflow)) viaLimits=\(retainsWithLimits) "
        + "retainLimit=\(retainLimit) maxHead=\(limits.maxHeadBytes) "
        + "maxInterim=\(limits.maxInterimResponses) split=\(split) eof=\(eof)"
    }
  }

  /// What one run saw; equal for every way of splitting the same bytes.
  struct Trace: Equatable, CustomStringConvertible {
    var responses: [ResponseSummary] = []
    /// Wire bytes of each response (all it consumed over every feed).
    var lengths: [Int] = []
    var retained: [RetainedResponse?] = []
    var failure: HTTPProtocolError?
    /// Bytes after the last outstanding response completed.
    var leftover = 0
    /// The bytes ran out with a response incomplete (before any EOF).
    var pending = false
    var receivedBytes = false

    var description: String {
      "responses=\(responses) lengths=\(lengths) retained=\(retained.map { $0.map(\.body.count) }) "
        + "failure=\(String(describing: failure)) leftover=\(leftover) pending=\(pending) "
        + "received=\(receivedBytes)"
    }
  }

  private static let retainLimits = [0, 1, 2, 5, 16, 64, 1024, 1 << 20]
  private static let headLimits = [ResponseParser.Limits.defaultMaxHeadBytes, 0, 16, 26, 38, 64, 128, 1024]
  private static let interimLimits = [8, 0, 1, 2]

  /// Decodes the setup bytes: byte 0 bits 0–2 make request 1–3 a HEAD (else GET), bits 3–4 the
  /// retention (off, truncate, fail, fail through `retainNextResponse()`), bits 5–7 its limit;
  /// bytes 1–2 the split point (little-endian, modulo the length + 1); byte 3 bits 0–2 the head
  /// limit, bits 3–4 the 1xx limit, bits 5–6 the number of requests outstanding (1–3), bit 7
  /// EOF after the bytes. Missing setup bytes count as 0.
  static func setup(for input: [UInt8]) -> (Setup, ArraySlice<UInt8>) {
    var head = [UInt8](repeating: 0, count: setupBytes)
    for k in 0..<min(setupBytes, input.count) { head[k] = input[k] }
    let payload = input.dropFirst(setupBytes)
    let outstanding = min(3, 1 + Int(head[3] >> 5 & 3))
    let methods = (0..<outstanding).map { head[0] >> $0 & 1 == 1 ? "HEAD" : "GET" }
    let retentionMode = head[0] >> 3 & 3
    let retainLimit = retainLimits[Int(head[0] >> 5)]
    let limits = ResponseParser.Limits(
      maxHeadBytes: headLimits[Int(head[3] & 7)], maxInterimResponses: interimLimits[Int(head[3] >> 3 & 3)],
      maxRetainedBodyBytes: retainLimit)
    let rawSplit = Int(head[1]) | Int(head[2]) << 8
    let setup = Setup(
      methods: methods,
      overflow: retentionMode == 0 ? nil : retentionMode == 1 ? .truncate : .fail,
      retainsWithLimits: retentionMode == 3, retainLimit: retainLimit, limits: limits,
      split: rawSplit % (payload.count + 1), eof: head[3] >> 7 == 1)
    return (setup, payload)
  }

  /// The inverse of `setup(for:)` for the usual choices, to write corpus files and tests.
  static func input(
    _ payload: [UInt8], methods: [String] = ["GET"], overflow: RetentionOverflow? = nil, retainLimitIndex: Int = 0,
    headLimitIndex: Int = 0, interimLimitIndex: Int = 0, split: Int = 0, eof: Bool = false
  ) -> [UInt8] {
    var b0 = UInt8(0)
    for (k, method) in methods.enumerated() where method == "HEAD" { b0 |= 1 << k }
    let mode: UInt8 = overflow == nil ? 0 : overflow == .truncate ? 1 : 2
    b0 |= mode << 3 | UInt8(retainLimitIndex) << 5
    let b3 = UInt8(headLimitIndex) | UInt8(interimLimitIndex) << 3 | UInt8(methods.count - 1) << 5 | (eof ? 128 : 0)
    return [b0, UInt8(split & 0xFF), UInt8(split >> 8 & 0xFF), b3] + payload
  }

  /// Runs `input` whole, split in two and one byte at a time.
  ///
  /// - Returns: nil when every invariant holds, else a description of the first that broke.
  static func violation(in input: [UInt8]) -> String? {
    let (setup, payload) = setup(for: input)
    let whole: Trace
    switch run([payload], setup) {
    case .success(let trace): whole = trace
    case .failure(let broken): return "\(setup), whole: \(broken.message)"
    }
    let split = setup.split
    let pieces = [payload.prefix(split), payload.dropFirst(split)]
    switch run(pieces, setup) {
    case .success(let trace) where trace == whole: break
    case .success(let trace): return "\(setup): split at \(split) gave \(trace), whole gave \(whole)"
    case .failure(let broken): return "\(setup), split at \(split): \(broken.message)"
    }
    switch run(payload.indices.map { payload[$0...$0] }, setup) {
    case .success(let trace) where trace == whole: break
    case .success(let trace): return "\(setup): one byte at a time gave \(trace), whole gave \(whole)"
    case .failure(let broken): return "\(setup), one byte at a time: \(broken.message)"
    }
    return nil
  }

  struct Broken: Error {
    var message: String
  }

  /// Feeds `chunks` to one parser as `setup` says and checks, on the way:
  /// - `.complete` consumes at least one and at most all of the bytes fed;
  /// - a response's `headBytes + bodyBytes` is the bytes it consumed over all feeds;
  /// - `contentBytes ≤ bodyBytes`; the status is 101 or 200–599; a response to HEAD, a 204,
  ///   a 304 and a 101 have no body; no head is longer than `maxHeadBytes`;
  /// - a retained response matches its summary: same status, content kept up to the limit,
  ///   `bodyTruncated` exactly when content went past it (never with `.fail`), and nothing is
  ///   retained when retention is off;
  /// - after `.failed` the parser accepts nothing: more bytes, no bytes and EOF all give the
  ///   same failure.
  static func run(_ chunks: [ArraySlice<UInt8>], _ setup: Setup) -> Result<Trace, Broken> {
    var parser = ResponseParser(limits: setup.limits)
    var trace = Trace()
    let bytes = Array(chunks.joined())
    /// Where the current response starts in `bytes`.
    var start = 0
    var next = 0
    var current = 0
    var answered = false

    func expectNext() {
      parser.expectResponse(toMethod: setup.methods[next])
      guard let overflow = setup.overflow else { return }
      if setup.retainsWithLimits {
        parser.retainNextResponse()
      } else {
        parser.retainNextResponse(maxBodyBytes: setup.retainLimit, overflow: overflow)
      }
    }

    func completed(_ summary: ResponseSummary, length: Int) -> Broken? {
      trace.responses.append(summary)
      trace.lengths.append(length)
      if let broken = check(summary, length: length, method: setup.methods[next], setup) { return broken }
      let retained = parser.takeRetainedResponse()
      trace.retained.append(retained)
      guard let overflow = setup.overflow else {
        return retained == nil ? nil : Broken(message: "retained a response without retention")
      }
      guard let retained else { return Broken(message: "retention on but nothing retained") }
      let kept = min(summary.contentBytes, setup.retainLimit)
      let truncated = summary.contentBytes > setup.retainLimit
      if retained.status != summary.status || retained.body.count != kept || retained.bodyTruncated != truncated
        || retained.head.count > summary.headBytes || (overflow == .fail && truncated)
      {
        return Broken(message: "retained \(retained) does not match \(summary)")
      }
      let wire = bytes[start..<(start + length)]
      return checkAgainstWire(retained, summary, wire, method: setup.methods[next])
    }

    func failed(_ error: HTTPProtocolError) -> Broken? {
      trace.failure = error
      let more: [UInt8] = [0x48]
      if parser.feed(more) != .failed(error) { return Broken(message: "bytes accepted after \(error)") }
      if parser.feed([]) != .failed(error) { return Broken(message: "empty feed after \(error) did not fail") }
      if parser.feedEOF() != .failed(error) { return Broken(message: "EOF after \(error) did not fail") }
      return nil
    }

    expectNext()
    feeding: for chunk in chunks {
      var rest = chunk
      while !rest.isEmpty {
        if answered {
          trace.leftover += rest.count
          break
        }
        switch rest.withUnsafeBytes({ parser.feed($0) }) {
        case .needMore:
          current += rest.count
          rest = []
        case .complete(let summary, let consumed):
          guard consumed >= 1 && consumed <= rest.count else {
            return .failure(Broken(message: "consumed \(consumed) of \(rest.count) bytes fed"))
          }
          current += consumed
          if let broken = completed(summary, length: current) { return .failure(broken) }
          start += current
          current = 0
          rest = rest.dropFirst(consumed)
          next += 1
          if next < setup.methods.count { expectNext() } else { answered = true }
        case .failed(let error):
          if let broken = failed(error) { return .failure(broken) }
          break feeding
        }
      }
    }
    if trace.failure == nil && !answered {
      trace.pending = true
      if setup.eof {
        switch parser.feedEOF() {
        case .complete(let summary, let consumed):
          guard consumed == 0 else { return .failure(Broken(message: "EOF consumed \(consumed) bytes")) }
          if let broken = completed(summary, length: current) { return .failure(broken) }
        case .failed(let error):
          if let broken = failed(error) { return .failure(broken) }
        case .needMore:
          return .failure(Broken(message: "EOF left the response pending"))
        }
      }
    }
    trace.receivedBytes = parser.hasReceivedBytes
    return .success(trace)
  }

  /// Checks a retained response against the bytes it came from, and its framing and reuse
  /// against the rules of RFC 9112 §6.3 and §9.3 worked out again from `headerValue` (an
  /// independent reading of the head): the retained head is the tail of the wire head, a
  /// Content-Length body is exactly that long, a close-delimited body is never reusable, a
  /// `close` token or HTTP/1.0 without `keep-alive` is never reusable.
  private static func checkAgainstWire(
    _ retained: RetainedResponse, _ summary: ResponseSummary, _ wire: ArraySlice<UInt8>, method: String
  ) -> Broken? {
    let head = wire.prefix(summary.headBytes)
    let crlf: [UInt8] = [13, 10]
    guard
      Array(head.suffix(retained.head.count + 1)) == retained.head + [10]
        || Array(head.suffix(retained.head.count + 2)) == retained.head + crlf
    else { return Broken(message: "retained head is not the end of the wire head") }
    let statusLine = Array("HTTP/1.".utf8)
    guard retained.head.starts(with: statusLine), retained.head.count >= 12,
      Int(String(decoding: retained.head[9..<12], as: UTF8.self)) == summary.status
    else { return Broken(message: "retained head does not start with the status line of \(summary.status)") }
    // Without chunked framing, the content is the wire body; the retained part is its start.
    if summary.contentBytes == summary.bodyBytes && !wire.dropFirst(summary.headBytes).starts(with: retained.body) {
      return Broken(message: "retained body differs from the wire body")
    }
    func tokens(_ name: String) -> [String]? {
      retained.headerValue(name).map { value in
        value.split(separator: ",").map { $0.trimmingSpaces.lowercased() }.filter { !$0.isEmpty }
      }
    }
    let connection = tokens("Connection") ?? []
    if summary.keepAlive && connection.contains("close") {
      return Broken(message: "reusable despite Connection: close")
    }
    if summary.keepAlive && summary.minorVersion == 0 && !connection.contains("keep-alive") {
      return Broken(message: "HTTP/1.0 reusable without keep-alive")
    }
    let bodiless = method == "HEAD" || summary.status == 101 || summary.status == 204 || summary.status == 304
    if bodiless { return nil }
    if let transfer = retained.headerValue("Transfer-Encoding") {
      // Quoted parameters may hold commas; only plain lists are worked out here.
      guard !transfer.contains("\"") else { return nil }
      let codings = (tokens("Transfer-Encoding") ?? []).map { $0.split(separator: ";").first.map(String.init) ?? "" }
      if codings.last?.trimmingSpaces != "chunked" {
        if summary.keepAlive { return Broken(message: "close-delimited body (Transfer-Encoding) reusable") }
      } else if summary.keepAlive && (retained.headerValue("Content-Length") != nil || summary.minorVersion == 0) {
        return Broken(message: "chunked with Content-Length or HTTP/1.0 reusable")
      }
      return nil
    }
    guard let length = retained.headerValue("Content-Length") else {
      return summary.keepAlive ? Broken(message: "close-delimited body reusable") : nil
    }
    let values = length.split(separator: ",", omittingEmptySubsequences: false).map(\.trimmingSpaces)
    guard let first = values.first, !first.isEmpty, first.allSatisfy({ $0.isASCII && $0.isNumber }),
      values.allSatisfy({ $0 == first || Int($0) == Int(first) })
    else { return Broken(message: "completed with an invalid Content-Length \(length)") }
    // Longer values (leading zeros, or past Int) are left to the unit tests.
    guard let value = Int(first) else { return nil }
    if summary.bodyBytes != value {
      return Broken(message: "Content-Length \(value) but \(summary.bodyBytes) body bytes")
    }
    return nil
  }

  /// The checks on one completed response that need no other run.
  private static func check(_ summary: ResponseSummary, length: Int, method: String, _ setup: Setup) -> Broken? {
    if summary.headBytes + summary.bodyBytes != length {
      return Broken(message: "head \(summary.headBytes) + body \(summary.bodyBytes) ≠ \(length) bytes consumed")
    }
    if summary.contentBytes < 0 || summary.contentBytes > summary.bodyBytes {
      return Broken(message: "content \(summary.contentBytes) vs body \(summary.bodyBytes) bytes")
    }
    if !(200...599).contains(summary.status) && summary.status != 101 {
      return Broken(message: "final status \(summary.status)")
    }
    let bodiless = method == "HEAD" || [101, 204, 304].contains(summary.status)
    if bodiless && summary.bodyBytes != 0 {
      return Broken(message: "\(summary.status) to \(method) has \(summary.bodyBytes) body bytes")
    }
    let heads = setup.limits.maxInterimResponses + 1
    if summary.headBytes > heads * setup.limits.maxHeadBytes {
      return Broken(message: "\(summary.headBytes) head bytes past \(heads) heads of \(setup.limits.maxHeadBytes)")
    }
    if summary.minorVersion < 0 || summary.minorVersion > 9 {
      return Broken(message: "minor version \(summary.minorVersion)")
    }
    return nil
  }
}

extension StringProtocol {
  /// Without SP and HTAB at either end (OWS, RFC 9110 §5.6.3).
  fileprivate var trimmingSpaces: String {
    var slice = Substring(self)
    while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
    return String(slice)
  }
}
