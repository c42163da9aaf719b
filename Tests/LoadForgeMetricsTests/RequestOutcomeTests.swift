import Glibc
import Testing

@testable import LoadForgeMetrics

struct RequestOutcomeTests {
  @Test func classifiesByStatus() {
    #expect(RequestOutcome.classify(status: 200) == .success)
    #expect(RequestOutcome.classify(status: 204) == .success)
    #expect(RequestOutcome.classify(status: 199) == .success)
    #expect(RequestOutcome.classify(status: 299) == .success)
    #expect(RequestOutcome.classify(status: 300) == .http3xx)
    #expect(RequestOutcome.classify(status: 302) == .http3xx)
    #expect(RequestOutcome.classify(status: 399) == .http3xx)
    #expect(RequestOutcome.classify(status: 400) == .http4xx)
    #expect(RequestOutcome.classify(status: 429) == .http4xx)
    #expect(RequestOutcome.classify(status: 499) == .http4xx)
    #expect(RequestOutcome.classify(status: 500) == .http5xx)
    #expect(RequestOutcome.classify(status: 599) == .http5xx)
  }

  @Test func indexMatchesAllCasesOrder() {
    #expect(RequestOutcome.allCases.count == RequestOutcome.count)
    for (i, outcome) in RequestOutcome.allCases.enumerated() {
      #expect(outcome.index == i)
    }
  }

  @Test func onlyCompleteResponsesAreTimed() {
    let timed = RequestOutcome.allCases.filter(\.hasCompleteResponse)
    #expect(timed == [.success, .http3xx, .http4xx, .http5xx, .checkFailed])
    #expect(
      RequestOutcome.failureClasses == [
        .http4xx, .http5xx, .checkFailed, .connectTimeout, .responseTimeout, .connectionRefused, .connectionReset,
        .dnsFailure, .tlsError, .protocolError, .clientLimit, .aborted,
      ])
    #expect(!RequestOutcome.http3xx.isFailure)
    #expect(RequestOutcome.checkFailed.rawValue == "check_failed")
    #expect(RequestOutcome.aborted.rawValue == "aborted")
    #expect(!RequestOutcome.aborted.hasCompleteResponse)
  }

  @Test func classifiesConnectionErrnos() {
    #expect(RequestOutcome.classify(errno: ECONNREFUSED) == .connectionRefused)
    #expect(RequestOutcome.classify(errno: EHOSTUNREACH) == .connectionRefused)
    #expect(RequestOutcome.classify(errno: ECONNRESET) == .connectionReset)
    #expect(RequestOutcome.classify(errno: EPIPE) == .connectionReset)
    #expect(RequestOutcome.classify(errno: EMFILE) == .clientLimit)
    #expect(RequestOutcome.classify(errno: ENFILE) == .clientLimit)
    #expect(RequestOutcome.classify(errno: EADDRNOTAVAIL) == .clientLimit)
  }
}
