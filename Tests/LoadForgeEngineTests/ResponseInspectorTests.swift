import LoadForgeHTTP
import LoadForgePlan
import Testing

@testable import LoadForgeEngine

/// `ResponseInspector` on real response bytes: each response goes through `ResponseParser` with
/// retention, as the worker does.
@Suite struct ResponseInspectorTests {
  /// Parses `raw` (a whole response to GET) with retention and inspects it.
  private func inspect(
    _ raw: String, checks: [CheckPlan] = [], captures: [CapturePlan] = [], maxBodyBytes: Int = 1 << 20
  ) -> ResponseInspector.Result {
    let inspector = ResponseInspector(checks: checks, captures: captures, maxBodyBytes: maxBodyBytes)
    var parser = ResponseParser()
    parser.expectResponse(toMethod: "GET")
    if inspector.needsResponse { parser.retainNextResponse(maxBodyBytes: inspector.maxBodyBytes) }
    var event = parser.feed(Array(raw.utf8))
    if case .needMore = event { event = parser.feedEOF() }
    guard case .complete(let summary, _) = event else {
      Issue.record("response did not complete: \(event)")
      return .init()
    }
    return inspector.inspect(status: summary.status, response: parser.takeRetainedResponse())
  }

  private func json(_ body: String, status: Int = 200) -> String {
    "HTTP/1.1 \(status) OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
  }

  private func jsonCheck(_ path: String, _ expected: String) -> CheckPlan {
    CheckPlan(kind: .json, subject: path, expected: expected, description: "\(path) == \(expected)")
  }

  private func result(passed: Int, failed: Int, first: String? = nil, captured: [(Int, String)] = [])
    -> ResponseInspector.Result
  {
    ResponseInspector.Result(
      checksPassed: passed, checksFailed: failed, firstFailure: first,
      captured: captured.map { ($0.0, Array($0.1.utf8)) })
  }

  private let status2xx = CheckPlan(kind: .status, statusRanges: [200...299], description: "status 2xx")

  // MARK: - What is needed

  @Test func statusOnlyChecksNeedNoResponse() {
    let inspector = ResponseInspector(checks: [status2xx], captures: [])
    #expect(!inspector.needsResponse && !inspector.isEmpty && inspector.hasStatusCheck)
    #expect(inspector.inspect(status: 204, response: nil) == result(passed: 1, failed: 0))
    #expect(
      inspector.inspect(status: 503, response: nil) == result(passed: 0, failed: 1, first: "status 2xx (got 503)"))
    let empty = ResponseInspector(checks: [], captures: [])
    #expect(empty.isEmpty && !empty.needsResponse && !empty.hasStatusCheck)
    #expect(empty.inspect(status: 500, response: nil) == result(passed: 0, failed: 0))
  }

  @Test func headerBodyAndCapturesNeedTheResponse() {
    for check in [
      CheckPlan(kind: .header, subject: "x", description: "header x"),
      CheckPlan(kind: .bodyContains, expected: "ok", description: "body contains \"ok\""),
      jsonCheck("$.ok", "true"),
    ] {
      #expect(ResponseInspector(checks: [status2xx, check], captures: []).needsResponse)
    }
    let capture = CapturePlan(name: "id", variable: 0, source: .header, expression: "X-Id")
    #expect(ResponseInspector(checks: [], captures: [capture]).needsResponse)
  }

  @Test func statusInAnyRange() {
    let check = CheckPlan(kind: .status, statusRanges: [200...200, 404...404], description: "status 200 or 404")
    #expect(inspect(json("{}", status: 404), checks: [check]) == result(passed: 1, failed: 0))
    #expect(
      inspect(json("{}", status: 201), checks: [check])
        == result(passed: 0, failed: 1, first: "status 200 or 404 (got 201)"))
  }

  // MARK: - Headers and body

  @Test func headerPresenceAndExactValue() {
    let raw =
      "HTTP/1.1 200 OK\r\nContent-Type:  application/json \r\nX-List: a\r\nx-list: b\r\nContent-Length: 0\r\n\r\n"
    let checks = [
      CheckPlan(kind: .header, subject: "content-type", description: "header content-type"),
      CheckPlan(kind: .header, subject: "Content-Type", expected: "application/json", description: "ct = json"),
      CheckPlan(kind: .header, subject: "X-List", expected: "a, b", description: "list"),
      CheckPlan(kind: .header, subject: "Content-Type", expected: "application/JSON", description: "ct = JSON"),
      CheckPlan(kind: .header, subject: "X-Absent", description: "header x-absent"),
    ]
    #expect(
      inspect(raw, checks: checks) == result(passed: 3, failed: 2, first: "ct = JSON (got \"application/json\")"))
    #expect(
      inspect(raw, checks: [checks[4]]) == result(passed: 0, failed: 1, first: "header x-absent (header absent)"))
  }

  @Test func bodyContainsIsAByteSearchOverTheDechunkedBody() {
    let raw =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n\"st\r\n9\r\natus\":\"é\r\n2\r\nk\"\r\n0\r\n\r\n"
    let found = CheckPlan(kind: .bodyContains, expected: "\"status\":\"ék\"", description: "body contains status")
    let missing = CheckPlan(kind: .bodyContains, expected: "3\r\n", description: "body contains framing")
    #expect(
      inspect(raw, checks: [found, missing])
        == result(passed: 1, failed: 1, first: "body contains framing (not found)"))
    let truncated = inspect(json(#"{"a":"xxxxxxxx","b":"ok"}"#), checks: [found], maxBodyBytes: 10)
    #expect(truncated.firstFailure == "body contains status (not found in the first 10 bytes)")
  }

  // MARK: - JSON checks

  @Test func jsonEqualityIsStructural() {
    let body = #"""
      {"n": 1, "f": 1.0, "e": 1e2, "big": 12345678901234567890, "s": "caf\u00e9 \ud83d\ude00",
       "o": {"b": [1, null, true], "a": "x"}, "items": [{"id": 7}, {"id": 8}, {"id": 9}], "null": null}
      """#
    let checks = [
      jsonCheck("$.n", "1.0"), jsonCheck("$.f", "1"), jsonCheck("$.e", "100"),
      jsonCheck("$.big", "12345678901234567890"),
      jsonCheck("$.s", "\"café 😀\""), jsonCheck("$.o", #"{"a":"x","b":[1.0,null,true]}"#),
      jsonCheck("$.items[-1].id", "9"), jsonCheck("$['items'][0][\"id\"]", "7"), jsonCheck("$.null", "null"),
    ]
    #expect(inspect(json(body), checks: checks) == result(passed: checks.count, failed: 0))
  }

  @Test(arguments: [
    ("$.n", "2", "$.n == 2 (got 1)"),
    ("$.n", "\"1\"", "$.n == \"1\" (got 1, a number where the check expects a string)"),
    ("$.o.a", "\"y\"", "$.o.a == \"y\" (got \"x\")"),
    ("$.o.b", "\"[1]\"", "$.o.b == \"[1]\" (got [1], an array where the check expects a string)"),
    ("$.o", #"{"a":"x"}"#, #"$.o == {"a":"x"} (got {"b":[1],"a":"x"})"#),
    ("$.missing", "1", "$.missing == 1 ($ has no member \"missing\")"),
    ("$.o.b[1]", "1", "$.o.b[1] == 1 (index 1 out of range: $.o.b has 1 elements)"),
    ("$.o.b[-2]", "1", "$.o.b[-2] == 1 (index -2 out of range: $.o.b has 1 elements)"),
    ("$.n.x", "1", "$.n.x == 1 ($.n is number, not an object)"),
    ("$.o[0]", "1", "$.o[0] == 1 ($.o is object, not an array)"),
    ("$..n", "1", "$..n == 1 (invalid JSONPath: expected a member name after .)"),
    ("$.n", "tru", "$.n == tru (expected value is not JSON: expected a value, found 't' at byte 0)"),
  ])
  func jsonCheckFailures(path: String, expected: String, description: String) {
    #expect(
      inspect(json(#"{"n": 1, "o": {"b": [1], "a": "x"}}"#), checks: [jsonCheck(path, expected)])
        == result(passed: 0, failed: 1, first: description))
  }

  @Test(arguments: [
    ("{\"n\": 1,}", "body is not JSON: expected a member name in double quotes, found '}' at byte 8"),
    ("<html>", "body is not JSON: expected a value, found '<' at byte 0"),
    ("", "empty body, not JSON"),
    ("{\"n\": 01}", "body is not JSON: leading zero in a number at byte 7"),
  ])
  func invalidJSONBodyFailsEveryJSONItem(body: String, why: String) {
    let capture = CapturePlan(name: "n", variable: 0, source: .json, expression: "$.n")
    #expect(
      inspect(json(body), checks: [status2xx, jsonCheck("$.n", "1")], captures: [capture])
        == result(passed: 1, failed: 2, first: "$.n == 1 (\(why))"))
  }

  @Test func truncatedBodyIsNotParsed() {
    let capture = CapturePlan(name: "token", variable: 2, source: .json, expression: "$.token")
    #expect(
      inspect(json(#"{"token":"abcdefgh"}"#), captures: [capture], maxBodyBytes: 8)
        == result(
          passed: 0, failed: 1,
          first: "capture token (body larger than the 8 bytes kept for checks, not parsed as JSON)"))
    #expect(
      inspect(json(String(repeating: " ", count: 1 << 20) + "{}"), checks: [jsonCheck("$", "{}")]).firstFailure
        == "$ == {} (body larger than the 1 MiB kept for checks, not parsed as JSON)")
  }

  // MARK: - Captures

  @Test func jsonCapturesStoreStringsUnquotedAndOtherValuesAsCompactJSON() {
    let body = #"{"token": "a\"b\u00e9\n", "n": 1.50, "list": [1, "x", {"k": null}], "t": true, "z": null}"#
    let captures = ["token", "n", "list", "t", "z"].enumerated().map {
      CapturePlan(name: $0.element, variable: $0.offset, source: .json, expression: "$.\($0.element)")
    }
    #expect(
      inspect(json(body), captures: captures)
        == result(
          passed: 5, failed: 0,  // five captures that found a value
          captured: [(0, "a\"bé\n"), (1, "1.50"), (2, #"[1,"x",{"k":null}]"#), (3, "true"), (4, "null")]))
  }

  @Test func regexCapturesAGroup() {
    let body = "<input name=\"csrf\" value=\"f00d-42\"> id=17"
    let raw = "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    let captures = [
      CapturePlan(name: "csrf", variable: 0, source: .regex, expression: #"value="([^"]+)""#, group: 1),
      CapturePlan(name: "whole", variable: 1, source: .regex, expression: #"id=\d+"#),
      CapturePlan(name: "none", variable: 2, source: .regex, expression: #"token=(\w+)"#, group: 1),
      CapturePlan(name: "g9", variable: 3, source: .regex, expression: #"id=(\d+)"#, group: 9),
      CapturePlan(name: "opt", variable: 4, source: .regex, expression: #"id=(x)?\d"#, group: 1),
      CapturePlan(name: "bad", variable: 5, source: .regex, expression: #"(unclosed"#),
    ]
    let r = inspect(raw, checks: [status2xx], captures: captures)
    #expect(r.checksPassed == 3 && r.checksFailed == 4)  // the status check and 2 captures pass
    #expect(r.firstFailure == "capture none (no match)")
    #expect(r.captured.map(\.variable) == [0, 1])
    #expect(r.captured.map { String(decoding: $0.value, as: UTF8.self) } == ["f00d-42", "id=17"])
    let single = { (c: CapturePlan) in inspect(raw, captures: [c]).firstFailure }
    #expect(single(captures[3]) == "capture g9 (no group 9 (the expression has 1))")
    #expect(single(captures[4]) == "capture opt (group 1 did not take part in the match)")
    #expect(single(captures[5])?.hasPrefix("capture bad (invalid regular expression: ") == true)
  }

  @Test func regexOnABodyThatIsNotUTF8DecodesLossily() {
    var raw = Array("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n".utf8)
    raw += [0xFF, 0xFE] + Array("id=42\u{1}".utf8) + [0xC3]
    let capture = CapturePlan(name: "id", variable: 0, source: .regex, expression: #"id=(\d+)"#, group: 1)
    let inspector = ResponseInspector(checks: [], captures: [capture])
    var parser = ResponseParser()
    parser.expectResponse(toMethod: "GET")
    parser.retainNextResponse(maxBodyBytes: inspector.maxBodyBytes)
    guard case .complete(let summary, _) = parser.feed(raw) else {
      Issue.record("did not complete")
      return
    }
    #expect(
      inspector.inspect(status: summary.status, response: parser.takeRetainedResponse())
        == result(passed: 1, failed: 0, captured: [(0, "42")]))
  }

  @Test func headerCapturesKeepCRLFFreeValuesAndFailWhenAbsent() {
    let raw = "HTTP/1.1 201 Created\r\nLocation:  /users/7 \r\nX-Fold: a\r\n b\r\nContent-Length: 0\r\n\r\n"
    let captures = [
      CapturePlan(name: "loc", variable: 0, source: .header, expression: "location"),
      CapturePlan(name: "fold", variable: 1, source: .header, expression: "X-Fold"),
      CapturePlan(name: "etag", variable: 2, source: .header, expression: "ETag"),
    ]
    #expect(
      inspect(raw, checks: [status2xx], captures: captures)
        == result(passed: 3, failed: 1, first: "capture etag (header absent)", captured: [(0, "/users/7"), (1, "a b")]))
  }

  @Test func firstFailureIsInOrderChecksThenCaptures() {
    let capture = CapturePlan(name: "x", variable: 0, source: .json, expression: "$.x")
    let checks = [
      status2xx, CheckPlan(kind: .bodyContains, expected: "nope", description: "body contains \"nope\""),
      jsonCheck("$.a", "2"),
    ]
    #expect(
      inspect(json(#"{"a":1}"#, status: 500), checks: checks, captures: [capture])
        == result(passed: 0, failed: 4, first: "status 2xx (got 500)"))
    #expect(
      inspect(json(#"{"a":2}"#), checks: checks, captures: [capture])
        == result(passed: 2, failed: 2, first: "body contains \"nope\" (not found)"))
    #expect(
      inspect(json(#"{"a":2}"#), checks: [checks[2]], captures: [capture])
        == result(passed: 1, failed: 1, first: "capture x ($ has no member \"x\")"))
  }

  @Test func duplicateMembersUseTheLastOne() {
    let capture = CapturePlan(name: "a", variable: 0, source: .json, expression: "$.a")
    #expect(
      inspect(json(#"{"a":1,"a":2}"#), checks: [jsonCheck("$", #"{"a":2}"#)], captures: [capture])
        == result(passed: 2, failed: 0, captured: [(0, "2")]))
  }
}
