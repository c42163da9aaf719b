import LoadForgeHTTP
import Testing

/// What a connection saw after feeding bytes through one `ResponseParser`: every complete
/// response, the wire bytes each used, and how the stream ended.
struct ParseOutcome: Equatable, CustomStringConvertible {
  var responses: [ResponseSummary] = []
  /// Wire bytes of each response (the sum of what every feed reported as consumed).
  var lengths: [Int] = []
  /// The error that ended the stream, if any.
  var failure: HTTPProtocolError.Kind?
  /// Bytes left after the last expected response completed.
  var leftover = 0
  /// The input ran out (without EOF) with a response still incomplete.
  var pending = false
  /// `hasReceivedBytes` at the end.
  var receivedBytes = false

  var description: String {
    "responses=\(responses) lengths=\(lengths) failure=\(String(describing: failure)) "
      + "leftover=\(leftover) pending=\(pending) received=\(receivedBytes)"
  }
}

/// Feeds byte strings to a `ResponseParser` whole, split in two at every offset, and one byte
/// at a time, and checks the outcome is the same each way (HTTP-CASES: "right at every split").
enum ParserHarness {
  /// Runs one feed sequence. `methods` lists the request method of each outstanding response;
  /// `upgradeRequested` applies to each of them.
  static func run(
    _ chunks: [ArraySlice<UInt8>], methods: [String], eof: Bool,
    limits: ResponseParser.Limits = .init(), upgradeRequested: Bool = false
  ) -> ParseOutcome {
    var parser = ResponseParser(limits: limits)
    var outcome = ParseOutcome()
    var next = 0
    if upgradeRequested {
      parser.expectResponse(toMethod: methods[next], upgradeRequested: true)
    } else {
      // The parameter's default, as every existing caller uses it.
      parser.expectResponse(toMethod: methods[next])
    }
    var current = 0
    var answered = false
    feeding: for chunk in chunks {
      var rest = chunk
      while !rest.isEmpty {
        if answered {
          outcome.leftover += rest.count
          break
        }
        switch rest.withUnsafeBytes({ parser.feed($0) }) {
        case .needMore:
          current += rest.count
          rest = []
        case .complete(let summary, let consumed):
          current += consumed
          outcome.responses.append(summary)
          outcome.lengths.append(current)
          current = 0
          rest = rest.dropFirst(consumed)
          next += 1
          if next < methods.count {
            parser.expectResponse(toMethod: methods[next], upgradeRequested: upgradeRequested)
          } else {
            answered = true
          }
        case .failed(let error):
          outcome.failure = error.kind
          break feeding
        }
      }
    }
    if outcome.failure == nil && !answered {
      if eof {
        switch parser.feedEOF() {
        case .complete(let summary, let consumed):
          outcome.responses.append(summary)
          outcome.lengths.append(current + consumed)
        case .failed(let error):
          outcome.failure = error.kind
        case .needMore:
          outcome.pending = true
        }
      } else {
        outcome.pending = true
      }
    }
    outcome.receivedBytes = parser.hasReceivedBytes
    return outcome
  }

  /// Feeds `input` whole, in two pieces split at every offset (every `stride`-th offset for long
  /// inputs), and one byte at a time; expects one outcome and returns it.
  static func outcome(
    _ input: [UInt8], methods: [String] = ["GET"], eof: Bool = false,
    limits: ResponseParser.Limits = .init(), stride: Int = 1, upgradeRequested: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> ParseOutcome {
    let all = input[...]
    let whole = run(
      [all], methods: methods, eof: eof, limits: limits, upgradeRequested: upgradeRequested)
    var offset = 1
    while offset < input.count {
      let split = run(
        [all[..<offset], all[offset...]], methods: methods, eof: eof, limits: limits,
        upgradeRequested: upgradeRequested)
      if split != whole {
        Issue.record(
          "split at \(offset): \(split) ≠ whole: \(whole)", sourceLocation: sourceLocation)
        break
      }
      offset += stride
    }
    let single = run(
      input.indices.map { all[$0...$0] }, methods: methods, eof: eof, limits: limits,
      upgradeRequested: upgradeRequested)
    #expect(single == whole, "one byte at a time", sourceLocation: sourceLocation)
    return whole
  }

  static func outcome(
    _ input: String, methods: [String] = ["GET"], eof: Bool = false,
    limits: ResponseParser.Limits = .init(), upgradeRequested: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> ParseOutcome {
    outcome(
      Array(input.utf8), methods: methods, eof: eof, limits: limits,
      upgradeRequested: upgradeRequested, sourceLocation: sourceLocation)
  }

  /// The outcome expected for responses that all complete, with lengths and no leftovers.
  static func success(_ responses: [(ResponseSummary, length: Int)], leftover: Int = 0)
    -> ParseOutcome
  {
    ParseOutcome(
      responses: responses.map(\.0), lengths: responses.map(\.length), leftover: leftover,
      receivedBytes: true)
  }

  static func failure(_ kind: HTTPProtocolError.Kind, received: Bool = true) -> ParseOutcome {
    ParseOutcome(failure: kind, receivedBytes: received)
  }

  /// Checks that `input` fails with `kind` as soon as its byte at `index` arrives, however the
  /// bytes are split: every shorter prefix is still pending (valid so far; EOF there is
  /// `incompleteHead`, or `incompleteBody` once `bodyStart` bytes came), while the prefix
  /// through `index` fails without waiting for a line end or EOF, and so does the whole input
  /// followed by EOF.
  static func expectFailure(
    _ kind: HTTPProtocolError.Kind, atByte index: Int, of input: [UInt8],
    methods: [String] = ["GET"], bodyStart: Int = .max,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    precondition(index < input.count, "the failing byte must be part of the input")
    var pending = ParseOutcome(receivedBytes: true)
    pending.pending = true
    for length in stride(from: 1, through: index, by: 1) {
      let prefix = Array(input[..<length])
      let open = outcome(prefix, methods: methods, sourceLocation: sourceLocation)
      #expect(open == pending, "prefix of \(length) bytes", sourceLocation: sourceLocation)
      let closed = outcome(prefix, methods: methods, eof: true, sourceLocation: sourceLocation)
      #expect(
        closed == failure(length >= bodyStart ? .incompleteBody : .incompleteHead),
        "prefix of \(length) bytes then EOF",
        sourceLocation: sourceLocation)
    }
    let through = Array(input[...index])
    #expect(
      outcome(through, methods: methods, sourceLocation: sourceLocation) == failure(kind),
      "prefix through byte \(index)", sourceLocation: sourceLocation)
    #expect(
      outcome(input, methods: methods, eof: true, sourceLocation: sourceLocation)
        == failure(kind), "whole input then EOF", sourceLocation: sourceLocation)
  }

  /// `expectFailure(_:atByte:of:)` for `validPrefix + rest`, failing at the first byte of `rest`.
  static func expectFailure(
    _ kind: HTTPProtocolError.Kind, after validPrefix: String, at rest: String,
    methods: [String] = ["GET"], bodyStart: Int = .max,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    expectFailure(
      kind, atByte: validPrefix.utf8.count, of: Array((validPrefix + rest).utf8), methods: methods,
      bodyStart: bodyStart, sourceLocation: sourceLocation)
  }
}
