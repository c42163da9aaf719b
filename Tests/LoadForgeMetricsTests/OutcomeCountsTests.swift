import Foundation
import Testing

@testable import LoadForgeMetrics

struct OutcomeCountsTests {
  @Test func totalsAndFailures() {
    var c = OutcomeCounts()
    c[.success] = 7
    c[.http5xx] = 2
    c[.responseTimeout] = 1
    c[.http3xx] = 4
    #expect(c.total == 14)
    #expect(c.failed == 3)
    // A 3xx not followed is not a failure: it counts as succeeded, beside success.
    #expect(c.succeeded == 11)
    var d = OutcomeCounts()
    d[.success] = 1
    d[.protocolError] = 4
    c.add(d)
    #expect(c.total == 19)
    #expect(c[.protocolError] == 4)
    #expect(c[.success] == 8)
  }

  @Test func errorsByClassListsEveryFailureClassAndNoSuccess() {
    var c = OutcomeCounts()
    c[.success] = 5
    c[.connectionReset] = 2
    c[.http3xx] = 1
    #expect(
      c.errorsByClass == [
        "http_4xx": 0, "http_5xx": 0, "check_failed": 0, "connect_timeout": 0, "response_timeout": 0,
        "connection_refused": 0, "connection_reset": 2, "dns_failure": 0, "tls_error": 0, "protocol_error": 0,
        "client_limit": 0, "aborted": 0,
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
        == #"{"aborted":0,"check_failed":0,"client_limit":0,"connect_timeout":0,"connection_refused":0,"#
        + #""connection_reset":0,"dns_failure":0,"http_3xx":0,"http_4xx":3,"http_5xx":0,"protocol_error":0,"#
        + #""response_timeout":0,"success":0,"tls_error":0}"#
    )
    let decoded = try JSONDecoder().decode(
      OutcomeCounts.self, from: Data(#"{"response_timeout":4,"other":9}"#.utf8))
    #expect(decoded[.responseTimeout] == 4)
    #expect(decoded.total == 4)
  }
}
