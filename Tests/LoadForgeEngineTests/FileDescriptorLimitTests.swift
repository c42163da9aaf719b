import Glibc
import Testing

@testable import LoadForgeEngine

@Suite struct FileDescriptorLimitTests {
  private func current() -> rlimit {
    var limit = rlimit()
    _ = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    return limit
  }

  @Test func raisesTheSoftLimitToTheHardLimit() {
    var limit = current()
    let hard = limit.rlim_max
    // Lower the soft limit (still far above what the tests use) so raising it is observable.
    limit.rlim_cur = min(hard, 2_048)
    #expect(setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0)
    let raised = FileDescriptorLimit.raiseToHardLimit()
    #expect(current().rlim_cur == rlim_t(raised))
    #expect(hard == rlim_t.max ? raised >= 2_048 : raised == UInt64(hard))
  }

  @Test func budgetsOneDescriptorPerVirtualUserPlusHeadroom() {
    #expect(FileDescriptorLimit.needed(peakVUs: 1_000, workers: 4) == 1_072)
    #expect(FileDescriptorLimit.needed(peakVUs: 0, workers: 1) == 66)
  }
}
