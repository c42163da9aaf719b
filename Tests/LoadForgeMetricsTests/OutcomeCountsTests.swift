import Foundation
import Testing

@testable import LoadForgeMetrics

struct OutcomeCountsTests {
  @Test func totalsAndFailures() {
    var c = OutcomeCounts()
    c[.success] = 7
    c[.http5xx] = 2
    c[.timeout] = 1
    #expect(c.total == 10)
    #expect(c.failed == 3)
    #expect(c.succeeded == 7)
    var d = OutcomeCounts()
    d[.success] = 1
    d[.protocolError] = 4
    c.add(d)
    #expect(c.total == 15)
    #expect(c[.protocolError] == 4)
    #expect(c[.success] == 8)
  }

  @Test func errorsByClassListsEveryFailureClassAndNoSuccess() {
    var c = OutcomeCounts()
    c[.success] = 5
    c[.connectionError] = 2
    #expect(
      c.errorsByClass == [
        "http_4xx": 0, "http_5xx": 0, "check_failed": 0, "timeout": 0, "connection_error": 2,
        "protocol_error": 0, "aborted": 0,
      ])
  }

  @Test func jsonHasEveryClassAndToleratesMissingKeys() throws {
    var c = OutcomeCounts()
    c[.http4xx] = 3
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(c), as: UTF8.self)
    #expect(
      json
        == #"{"aborted":0,"check_failed":0,"connection_error":0,"http_4xx":3,"http_5xx":0,"protocol_error":0,"success":0,"timeout":0}"#
    )
    let decoded = try JSONDecoder().decode(OutcomeCounts.self, from: Data(#"{"timeout":4,"other":9}"#.utf8))
    #expect(decoded[.timeout] == 4)
    #expect(decoded.total == 4)
  }
}
