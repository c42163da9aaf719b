import Testing

@testable import LoadForgeDemo

@Suite struct DemoConfigurationTests {
  @Test func defaultsAreValid() {
    let configuration = DemoConfiguration()
    #expect(configuration.problems().isEmpty)
    #expect(configuration.errorRate == 0.01)
    #expect(configuration.latencyScale == 1)
  }

  @Test func everyBadValueIsReported() {
    let problems = DemoConfiguration(port: 70000, errorRate: 1.5, latencyScale: -1).problems()
    #expect(
      problems == [
        "--port must be between 0 and 65535", "--error-rate must be between 0 and 1 (0.01 is 1 %)",
        "--latency-scale must be 0 or more",
      ])
    #expect(DemoConfiguration(errorRate: .nan, latencyScale: .infinity).problems().count == 2)
  }
}
