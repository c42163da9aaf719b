import LoadForgeHTTP
import LoadForgePlan

/// Evaluates a task's `expect` checks and `capture`s on a response. Built once per task at
/// worker start (JSONPaths parsed, regular expressions compiled); `inspect` allocates only
/// when it must read the body.
///
/// Semantics: checks run in order, then captures. A status check passes when the status is in
/// one of its ranges; a header check when the field is present (its fields joined with `, `,
/// OWS trimmed, RFC 9110 §5.3/§5.5) and, with an expected value, equal to it exactly;
/// `body_contains` is a byte substring search; a JSON check compares the value at its path with
/// the expected JSON structurally (`ResponseJSON.matches`). The body is parsed as JSON at most
/// once per response, and only when a JSON check or capture exists. A capture that finds
/// nothing is a failed check (`capture NAME (why)`) and one that finds a value a passed one, so
/// the check rate (`checks = "> 99%"`) weighs captures like checks.
/// JSON checks and captures on a body longer than `maxBodyBytes` fail (it was not all kept).
struct ResponseInspector {
  /// The outcome of inspecting one response.
  struct Result: Equatable {
    var checksPassed = 0
    var checksFailed = 0
    /// Description of the first failed check or capture (`status 2xx (got 503)`), for error tables.
    var firstFailure: String?
    /// Variable slot and new value (UTF-8) of each capture that matched.
    var captured: [(variable: Int, value: [UInt8])] = []

    static func == (a: Result, b: Result) -> Bool {
      a.checksPassed == b.checksPassed && a.checksFailed == b.checksFailed && a.firstFailure == b.firstFailure
        && a.captured.map(\.variable) == b.captured.map(\.variable)
        && a.captured.map(\.value) == b.captured.map(\.value)
    }

    fileprivate mutating func record(_ failure: String?) {
      guard let failure else {
        checksPassed += 1
        return
      }
      checksFailed += 1
      if firstFailure == nil { firstFailure = failure }
    }

    fileprivate mutating func recordCaptureFailure(_ failure: String) {
      checksFailed += 1
      if firstFailure == nil { firstFailure = failure }
    }
  }

  /// A check ready to run: everything derived from its plan computed once.
  private enum Check {
    case status([ClosedRange<Int>])
    case header(name: String, expected: String?)
    case bodyContains([UInt8])
    case json(path: JSONPath, expected: ResponseJSON)
    /// The JSONPath or the expected JSON failed to compile: the check always fails with `problem`.
    case invalid(problem: String)
  }

  private enum Capture {
    case json(JSONPath)
    case regex(Regex<AnyRegexOutput>, group: Int)
    case header(String)
    /// The expression failed to compile: the capture always fails with `problem`.
    case invalid(problem: String)
  }

  /// The body read as JSON, once per response.
  private enum ParsedBody {
    case notParsed
    case value(ResponseJSON)
    case failed(String)
  }

  /// Whether the task has anything to inspect.
  let isEmpty: Bool
  /// Whether a check or capture reads headers or body (then the parser must retain the response).
  let needsResponse: Bool
  /// Whether one of the checks is a status check (it then decides if a 4xx/5xx is a failure).
  let hasStatusCheck: Bool
  /// Content bytes to retain (default 1 MiB): checks and captures see at most this much.
  let maxBodyBytes: Int

  private let checks: [(plan: CheckPlan, check: Check)]
  private let captures: [(plan: CapturePlan, capture: Capture)]

  init(checks: [CheckPlan], captures: [CapturePlan], maxBodyBytes: Int = 1 << 20) {
    isEmpty = checks.isEmpty && captures.isEmpty
    needsResponse = !captures.isEmpty || checks.contains { $0.kind != .status }
    hasStatusCheck = checks.contains { $0.kind == .status }
    self.maxBodyBytes = maxBodyBytes
    self.checks = checks.map { ($0, Self.compile($0)) }
    self.captures = captures.map { ($0, Self.compile($0)) }
  }

  private static func compile(_ plan: CheckPlan) -> Check {
    switch plan.kind {
    case .status:
      return .status(plan.statusRanges)
    case .header:
      return .header(name: plan.subject, expected: plan.expected)
    case .bodyContains:
      return .bodyContains(Array((plan.expected ?? "").utf8))
    case .json:
      let path: JSONPath
      do {
        path = try JSONPath(parsing: plan.subject)
      } catch {
        return .invalid(problem: "invalid JSONPath: \(error.message)")
      }
      do {
        return .json(path: path, expected: try ResponseJSONReader.parse(Array((plan.expected ?? "").utf8)))
      } catch {
        return .invalid(problem: "expected value is not JSON: \(error.message)")
      }
    }
  }

  private static func compile(_ plan: CapturePlan) -> Capture {
    switch plan.source {
    case .json:
      do {
        return .json(try JSONPath(parsing: plan.expression))
      } catch {
        return .invalid(problem: "invalid JSONPath: \(error.message)")
      }
    case .regex:
      do {
        return .regex(try Regex(plan.expression), group: plan.group)
      } catch {
        return .invalid(problem: "invalid regular expression: \(error)")
      }
    case .header:
      return .header(plan.expression)
    }
  }

  /// Evaluates every check and capture on a complete response with `status`; `response` is the
  /// retained response when `needsResponse`, else nil.
  /// - Parameter item: called once per check then per capture, in order, with its index among
  ///   them (checks first) and its failure text, nil when it passed (a capture: found a value).
  ///   The worker counts each one there (`CheckItemCounters`).
  func inspect(
    status: Int, response: RetainedResponse?, item: (_ index: Int, _ failure: String?) -> Void = { _, _ in }
  ) -> Result {
    var result = Result()
    if isEmpty { return result }
    var parsed = ParsedBody.notParsed
    var index = 0
    for (plan, check) in checks {
      let failure = evaluate(check, plan, status: status, response: response, parsed: &parsed)
      result.record(failure)
      item(index, failure)
      index += 1
    }
    for (plan, capture) in captures {
      switch evaluate(capture, response: response, parsed: &parsed) {
      case .success(let value):
        result.captured.append((plan.variable, value))
        result.checksPassed += 1
        item(index, nil)
      case .failure(let why):
        let failure = "capture \(plan.name) (\(why.reason))"
        result.recordCaptureFailure(failure)
        item(index, failure)
      }
      index += 1
    }
    return result
  }

  /// Why a capture found nothing.
  private struct CaptureMiss: Error {
    var reason: String
  }

  /// - Returns: nil when the check passed, else its failure description.
  private func evaluate(
    _ check: Check, _ plan: CheckPlan, status: Int, response: RetainedResponse?, parsed: inout ParsedBody
  ) -> String? {
    func failed(_ why: String) -> String { "\(plan.description) (\(why))" }
    switch check {
    case .status(let ranges):
      return ranges.contains { $0.contains(status) } ? nil : failed("got \(status)")
    case .invalid(let problem):
      return failed(problem)
    default:
      break
    }
    guard let response else { return failed("response not retained") }
    switch check {
    case .header(let name, let expected):
      guard let value = response.headerValue(name) else { return failed("header absent") }
      guard let expected, value != expected else { return nil }
      return failed("got \(Self.quoted(value))")
    case .bodyContains(let needle):
      if Self.contains(response.body, needle) { return nil }
      return failed(response.bodyTruncated ? "not found in the first \(bodyLimitText)" : "not found")
    case .json(let path, let expected):
      switch walk(path, response: response, parsed: &parsed) {
      case .success(let value):
        if value.matches(expected) { return nil }
        return failed("got \(Self.shortened(value.compactText))" + Self.kindHint(got: value, expected: expected))
      case .failure(let miss):
        return failed(miss.reason)
      }
    case .status, .invalid:
      preconditionFailure("handled above")
    }
  }

  /// When the value and the expectation read the same but differ in kind (`1` against `"1"`,
  /// a common slip in configs), say so: the plain "got 1" would look like a match.
  static func kindHint(got value: ResponseJSON, expected: ResponseJSON) -> String {
    let same: Bool =
      switch (value, expected) {
      case (.string(let s), _): s == expected.compactText
      case (_, .string(let s)): s == value.compactText
      default: false
      }
    func article(_ kind: String) -> String {
      kind.first.map { "aeiou".contains($0) } == true ? "an \(kind)" : "a \(kind)"
    }
    return same ? ", \(article(value.kindName)) where the check expects \(article(expected.kindName))" : ""
  }

  private func evaluate(_ capture: Capture, response: RetainedResponse?, parsed: inout ParsedBody)
    -> Swift.Result<[UInt8], CaptureMiss>
  {
    if case .invalid(let problem) = capture { return .failure(CaptureMiss(reason: problem)) }
    guard let response else { return .failure(CaptureMiss(reason: "response not retained")) }
    switch capture {
    case .json(let path):
      return walk(path, response: response, parsed: &parsed).map { value in
        if case .string(let s) = value { return Array(s.utf8) }
        return Array(value.compactText.utf8)
      }
    case .regex(let regex, let group):
      // Lossy: bytes that are not UTF-8 become U+FFFD instead of hiding the rest of the body.
      let text = String(decoding: response.body, as: UTF8.self)
      let match: Regex<AnyRegexOutput>.Match?
      do {
        match = try regex.firstMatch(in: text)
      } catch {
        return .failure(CaptureMiss(reason: "regular expression failed: \(error)"))
      }
      guard let match else {
        return .failure(
          CaptureMiss(reason: response.bodyTruncated ? "no match in the first \(bodyLimitText)" : "no match"))
      }
      guard group >= 0 && group < match.output.count else {
        return .failure(CaptureMiss(reason: "no group \(group) (the expression has \(match.output.count - 1))"))
      }
      guard let substring = match.output[group].substring else {
        return .failure(CaptureMiss(reason: "group \(group) did not take part in the match"))
      }
      return .success(Array(substring.utf8))
    case .header(let name):
      guard let value = response.headerValue(name) else { return .failure(CaptureMiss(reason: "header absent")) }
      return .success(Array(value.utf8))
    case .invalid:
      preconditionFailure("handled above")
    }
  }

  /// The value at `path` in the body, parsing the body on first use.
  private func walk(_ path: JSONPath, response: RetainedResponse, parsed: inout ParsedBody)
    -> Swift.Result<ResponseJSON, CaptureMiss>
  {
    if case .notParsed = parsed {
      if response.bodyTruncated {
        parsed = .failed("body larger than the \(bodyLimitText) kept for checks, not parsed as JSON")
      } else {
        do {
          parsed = .value(try ResponseJSONReader.parse(response.body))
        } catch {
          parsed = .failed(response.body.isEmpty ? "empty body, not JSON" : "body is not JSON: \(error.message)")
        }
      }
    }
    guard case .value(var value) = parsed else {
      if case .failed(let reason) = parsed { return .failure(CaptureMiss(reason: reason)) }
      preconditionFailure("parsed above")
    }
    var walked = "$"
    for component in path.components {
      guard let next = value.child(component) else {
        switch (component, value) {
        case (.key(let name), .object):
          return .failure(CaptureMiss(reason: "\(walked) has no member \(Self.quoted(name))"))
        case (.index(let index), .array(let elements)):
          return .failure(
            CaptureMiss(reason: "index \(index) out of range: \(walked) has \(elements.count) elements"))
        case (.key, _):
          return .failure(CaptureMiss(reason: "\(walked) is \(value.kindName), not an object"))
        case (.index, _):
          return .failure(CaptureMiss(reason: "\(walked) is \(value.kindName), not an array"))
        }
      }
      switch component {
      case .key(let name): walked += "." + name
      case .index(let index): walked += "[\(index)]"
      }
      value = next
    }
    return .success(value)
  }

  /// `maxBodyBytes` for messages: `1 MiB`, `64 KiB`, `1000 bytes`.
  private var bodyLimitText: String {
    if maxBodyBytes >= 1 << 20 && maxBodyBytes % (1 << 20) == 0 { return "\(maxBodyBytes >> 20) MiB" }
    if maxBodyBytes >= 1 << 10 && maxBodyBytes % (1 << 10) == 0 { return "\(maxBodyBytes >> 10) KiB" }
    return "\(maxBodyBytes) bytes"
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    guard haystack.count >= needle.count else { return false }
    // Candidates start where the first byte matches: at most body × needle byte comparisons,
    // which expected strings (a few bytes) and the body limit keep small.
    let last = haystack.count - needle.count
    var i = 0
    while i <= last {
      guard let candidate = haystack[i...last].firstIndex(of: first) else { return false }
      if haystack[candidate..<(candidate + needle.count)].elementsEqual(needle) { return true }
      i = candidate + 1
    }
    return false
  }

  private static func quoted(_ s: String) -> String {
    "\"" + shortened(s) + "\""
  }

  /// At most 80 characters of `s`, for one line of an error table.
  private static func shortened(_ s: String) -> String {
    s.count <= 80 ? s : String(s.prefix(77)) + "..."
  }
}
