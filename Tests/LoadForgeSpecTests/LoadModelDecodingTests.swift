import LoadForgeConfig
import Testing

@testable import LoadForgeSpec

/// `[load] model` and `max_vus`: the open model (`"arrival_rate"`) and its diagnostics.
@Suite struct LoadModelDecodingTests {
  /// `[load]` at 2:2, its keys from line 3.
  func config(_ lines: String) -> String {
    "base_url = \"http://127.0.0.1:1\"\n[load]\n\(lines)\n\(minimalTasks)"
  }

  @Test func closedIsTheDefault() throws {
    let load = try decode(config("users = 3\nduration = \"1s\"")).get().load
    #expect(load.model == .closed)
    #expect(load.maxVUs == nil)
  }

  @Test func arrivalRateWithMaxVUs() throws {
    let load = try decode(config("model = \"arrival_rate\"\nmax_vus = 20\nusers = 50\nduration = \"10s\"")).get().load
    #expect(load.model == .arrivalRate)
    #expect(load.maxVUs == 20)
    #expect(load.pattern == .constant(users: 50, durationMicros: 10_000_000))
  }

  @Test func rateIsConstantsUsers() throws {
    let load = try decode(config("model = \"arrival_rate\"\nmax_vus = 5\nrate = 40\nduration = \"2s\"")).get().load
    #expect(load.pattern == .constant(users: 40, durationMicros: 2_000_000))
  }

  @Test func rampInTheOpenModel() throws {
    let load = try decode(
      config("model = \"arrival_rate\"\nmax_vus = 5\npattern = \"ramp\"\nfrom = 0\nto = 100\nduration = \"1m\"")
    )
    .get().load
    #expect(load.pattern == .ramp(from: 0, to: 100, durationMicros: 60_000_000))
  }

  @Test(
    "diagnostics",
    arguments: [
      (
        "model = \"arrival_rate\"\nusers = 5\nduration = \"1s\"",
        [
          "2:2 missing \"max_vus\" in [load] for model \"arrival_rate\" [max_vus = N pre-allocates the VUs that run "
            + "the iterations (about rate × iteration time)]"
        ]
      ),
      (
        "model = \"arrival_rate\"\nmax_vus = 0\nusers = 5\nduration = \"1s\"",
        ["4:11 max_vus must be between 1 and 10000000, got 0"]
      ),
      (
        "max_vus = 10\nusers = 5\nduration = \"1s\"",
        [
          "3:1 max_vus applies to the open model only [set model = \"arrival_rate\" to run the pattern as iterations "
            + "per second, or drop max_vus]"
        ]
      ),
      (
        "rate = 10\nduration = \"1s\"",
        [
          "3:1 rate applies to the open model only [write users = N for virtual users, or set model = "
            + "\"arrival_rate\" in [load]]"
        ]
      ),
      (
        "model = \"arrival\"\nusers = 5\nduration = \"1s\"",
        ["3:9 unknown model \"arrival\" [models: closed, arrival_rate]"]
      ),
      (
        "model = \"arrival_rate\"\nmax_vus = 2\nusers = 5\nrate = 5\nduration = \"1s\"",
        ["6:1 constant takes users or rate, not both [rate is the open model's name for users]"]
      ),
    ])
  func diagnostics(lines: String, expected: [String]) {
    #expect(problems(config(lines)) == expected)
  }
}
