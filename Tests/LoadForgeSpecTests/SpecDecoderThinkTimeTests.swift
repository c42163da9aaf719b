import LoadForgeConfig
import Testing

@testable import LoadForgeSpec

@Suite struct SpecDecoderThinkTimeTests {
  @Test func meanAloneIsExponential() throws {
    let spec = try decode(oneTask("path = \"/\"\nthink_time = { mean = \"1.5s\" }")).get()
    #expect(spec.scenarios[0].tasks[0].thinkTime == .exponential(meanMicros: 1_500_000))
  }

  @Test func meanWithMinOrMaxNamesEachConflict() {
    #expect(
      problems(oneTask("path = \"/\"\nthink_time = { min = \"1s\", mean = \"2s\", max = \"3s\" }")) == [
        "8:16 think_time cannot have both mean and min [mean alone is exponential, min and max are uniform: keep one]",
        "8:41 think_time cannot have both mean and max [mean alone is exponential, min and max are uniform: keep one]",
      ])
  }

  @Test func meanMustBeAPositiveDuration() {
    #expect(
      problems(oneTask("path = \"/\"\nthink_time = { mean = \"0s\" }")) == [
        "8:23 think_time.mean must be greater than 0"
      ])
    #expect(
      problems(oneTask("path = \"/\"\nthink_time = { mean = 2 }")) == [
        "8:23 think_time.mean needs a unit [write \"2s\" or \"2ms\" (units: ms, s, m, h)]"
      ])
  }

  @Test func unknownThinkTimeKeySuggestsMean() {
    #expect(
      problems(oneTask("path = \"/\"\nthink_time = { maen = \"1s\" }")) == [
        "8:14 missing required key \"min\" in think_time",
        "8:14 missing required key \"max\" in think_time",
        "8:16 unknown key \"maen\" in think_time [did you mean \"mean\"?]",
      ])
  }
}
