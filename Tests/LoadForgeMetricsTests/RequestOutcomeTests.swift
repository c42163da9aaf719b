import Testing

@testable import LoadForgeMetrics

struct RequestOutcomeTests {
  @Test func classifiesByStatus() {
    #expect(RequestOutcome.classify(status: 200) == .success)
    #expect(RequestOutcome.classify(status: 204) == .success)
    #expect(RequestOutcome.classify(status: 302) == .success)
    #expect(RequestOutcome.classify(status: 399) == .success)
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
    #expect(timed == [.success, .http4xx, .http5xx, .checkFailed])
    #expect(
      RequestOutcome.failureClasses == [
        .http4xx, .http5xx, .checkFailed, .timeout, .connectionError, .protocolError, .aborted,
      ])
    #expect(RequestOutcome.checkFailed.rawValue == "check_failed")
    #expect(RequestOutcome.aborted.rawValue == "aborted")
    #expect(!RequestOutcome.aborted.hasCompleteResponse)
  }
}
