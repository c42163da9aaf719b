import Foundation
import Testing

@testable import LoadForgeMetrics

struct CheckDetailTests {
  @Test func exampleReasonDropsTheDescription() {
    func reason(_ check: String, _ example: String?) -> String? {
      CheckDetail(endpoint: "e", check: check, passed: 0, failed: 1, example: example).exampleReason
    }
    #expect(reason("status 2xx or 304", "status 2xx or 304 (got 404)") == "got 404")
    #expect(reason("$.ok == true", #"$.ok == true ($ has no member "ok")"#) == #"$ has no member "ok""#)
    #expect(reason("capture token", "capture token (no match)") == "no match")
    #expect(reason("status 200", "other text") == "other text")
    #expect(reason("status 200", "status 200 ()") == "")
    #expect(reason("status 200", nil) == nil)
  }

  /// `example` is left out when nil; keys as in `schemas/results.schema.json`.
  @Test func jsonShape() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let failed = CheckDetail(
      endpoint: "item", check: "status 2xx", passed: 28, failed: 12, example: "status 2xx (got 404)")
    #expect(
      String(decoding: try encoder.encode(failed), as: UTF8.self)
        == #"{"check":"status 2xx","endpoint":"item","example":"status 2xx (got 404)","failed":12,"passed":28}"#)
    let passed = CheckDetail(endpoint: "login", check: "status 200", passed: 10, failed: 0)
    #expect(
      String(decoding: try encoder.encode(passed), as: UTF8.self)
        == #"{"check":"status 200","endpoint":"login","failed":0,"passed":10}"#)
    #expect(try JSONDecoder().decode(CheckDetail.self, from: try encoder.encode(failed)) == failed)
  }
}
