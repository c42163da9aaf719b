import LoadForgeConfig
import Testing

@testable import LoadForgeSpec

/// `${VAR}` / `${VAR:-default}` in durations and counts, resolved by `SpecDecoder.decode(_:environment:)`.
@Suite struct SpecDecoderEnvironmentTests {
  /// A config whose `[load]` holds `load` (from line 3, column 1) and whose one task holds `task`
  /// (line 8 on when `load` is two lines).
  func config(load: String = "users = 1\nduration = \"1s\"", task: String = "") -> String {
    """
    base_url = "http://127.0.0.1:1"
    [load]
    \(load)
    [[scenarios]]
      [[scenarios.tasks]]
      path = "/"
    \(task)
    """
  }

  func decode(_ toml: String, environment: [String: String]?) throws -> LoadTestSpec {
    try SpecDecoder.decode(TOMLParser.parse(Array(toml.utf8), file: "t.toml"), environment: environment)
  }

  /// Every diagnostic as `line:column message [help]`, in source order; empty when it decodes.
  func problems(_ toml: String, environment: [String: String]?) throws -> [String] {
    let root = try TOMLParser.parse(Array(toml.utf8), file: "t.toml")
    do {
      _ = try SpecDecoder.decode(root, environment: environment)
      return []
    } catch {
      return error.diagnostics.map { d in
        let at = d.location.map { "\($0.line):\($0.column) " } ?? ""
        return at + d.message + (d.help.map { " [\($0)]" } ?? "")
      }
    }
  }

  // MARK: - Resolving

  @Test(arguments: [
    (["DURATION": "2s", "USERS": "7"], 2_000_000, 7),
    ([:], 30_000_000, 10),
    // POSIX `:-`: an empty variable takes the default too.
    (["DURATION": "", "USERS": ""], 30_000_000, 10),
    (["DURATION": "1m30s", "USERS": " 12 "], 90_000_000, 12),
  ])
  func resolvesDurationAndUsers(environment: [String: String], micros: Int64, users: Int) throws {
    let spec = try decode(
      config(load: "users = \"${USERS:-10}\"\nduration = \"${DURATION:-30s}\""), environment: environment)
    #expect(spec.load.pattern == .constant(users: users, durationMicros: micros))
  }

  @Test func resolvesEveryDurationAndCountKind() throws {
    let env = [
      "FROM": "2", "SIZE": "3", "STEP": "10s", "STEPS": "4", "W": "5", "T": "250ms", "MIN": "1s", "MAX": "2s",
      "DELAY": "1m",
    ]
    let toml = """
      base_url = "http://127.0.0.1:1"
      [load]
      pattern = "step"
      from = "${FROM}"
      step_size = "${SIZE}"
      step_duration = "${STEP}"
      steps = "${STEPS}"
      [[scenarios]]
      weight = "${W}"
        [[scenarios.tasks]]
        path = "/"
        weight = "${W}"
        timeout = "${T}"
        think_time = { min = "${MIN}", max = "${MAX}" }
      [thresholds]
      "http_req_duration.p95" = { threshold = "< 1s", delay = "${DELAY}" }
      """
    let spec = try decode(toml, environment: env)
    #expect(spec.load.pattern == .step(from: 2, stepSize: 3, stepDurationMicros: 10_000_000, end: .steps(4)))
    #expect(spec.scenarios[0].weight == 5)
    #expect(spec.scenarios[0].tasks[0].weight == 5)
    #expect(spec.scenarios[0].tasks[0].timeoutMicros == 250_000)
    #expect(spec.scenarios[0].tasks[0].thinkTime == .uniform(minMicros: 1_000_000, maxMicros: 2_000_000))
    #expect(spec.thresholds[0].delayMicros == 60_000_000)
  }

  @Test func textAroundTheReferenceIsKept() throws {
    let spec = try decode(
      config(load: "users = \"1${ZEROS}\"\nduration = \"${N}m\""), environment: ["ZEROS": "00", "N": "5"])
    #expect(spec.load.pattern == .constant(users: 100, durationMicros: 300_000_000))
  }

  @Test func spikeChecksUseTheResolvedValues() throws {
    let load = """
      pattern = "spike"
      base = "${BASE}"
      peak = "${PEAK:-5}"
      hold = "${HOLD:-10s}"
      duration = "${DURATION:-5s}"
      """
    #expect(
      try problems(config(load: load), environment: ["BASE": "10"]) == [
        "5:8 peak (5) is below base (10) [a spike climbs from base to peak]"
      ])
  }

  // MARK: - Problems

  @Test func unsetVariableWithoutDefaultPointsAtTheReference() throws {
    #expect(
      try problems(config(load: "users = 1\nduration = \"${DURATION}\""), environment: [:]) == [
        "4:13 environment variable DURATION is not set [export DURATION=… before running, pass --env DURATION=… or --env-file FILE, or give a default: ${DURATION:-value}]"
      ])
    #expect(
      try problems(config(load: "users = \"${USERS}\"\nduration = \"1s\""), environment: ["DURATION": "1s"]) == [
        "3:10 environment variable USERS is not set [export USERS=… before running, pass --env USERS=… or --env-file FILE, or give a default: ${USERS:-value}]"
      ])
  }

  @Test func emptyVariableWithoutDefaultIsEmptyText() throws {
    #expect(
      try problems(config(load: "users = 1\nduration = \"${DURATION}\""), environment: ["DURATION": ""]) == [
        "4:12 invalid duration \"\" (from ${DURATION}) [use a number with a unit: 500ms, 30s, 5m, 1h]"
      ])
  }

  @Test(arguments: [
    ("30", "4:12 invalid duration \"30\" (from ${DURATION}) [use a number with a unit: 500ms, 30s, 5m, 1h]"),
    ("-5s", "4:12 duration must be greater than 0 (from ${DURATION})"),
    ("0s", "4:12 duration must be greater than 0 (from ${DURATION})"),
    ("300000y", "4:12 invalid duration \"300000y\" (from ${DURATION}) [use a number with a unit: 500ms, 30s, 5m, 1h]"),
    ("3000000h", "4:12 duration \"3000000h\" is too large (from ${DURATION}) [the limit is about 285 years]"),
  ])
  func invalidResolvedDurationSaysWhereItCameFrom(value: String, expected: String) throws {
    #expect(
      try problems(config(load: "users = 1\nduration = \"${DURATION}\""), environment: ["DURATION": value]) == [
        expected
      ])
  }

  @Test(arguments: [
    ("0", "3:9 users must be between 1 and 10000000, got 0 (from ${USERS})"),
    ("-3", "3:9 users must be between 1 and 10000000, got -3 (from ${USERS})"),
    ("10000001", "3:9 users must be between 1 and 10000000, got 10000001 (from ${USERS})"),
    ("ten", "3:9 users must be a positive integer, got \"ten\" (from ${USERS})"),
    ("1.5", "3:9 users must be a positive integer, got \"1.5\" (from ${USERS})"),
  ])
  func invalidResolvedCountSaysWhereItCameFrom(value: String, expected: String) throws {
    #expect(
      try problems(config(load: "users = \"${USERS}\"\nduration = \"1s\""), environment: ["USERS": value]) == [expected]
    )
  }

  @Test func resolvedWeightOutOfRange() throws {
    let toml = config(task: "  weight = \"${W:-1}\"")
    #expect(
      try problems(toml, environment: ["W": "1000001"]) == [
        "8:12 weight must be between 0 and 1000000, got 1000001 (from ${W:-1})"
      ])
    #expect(try decode(toml, environment: ["W": "3"]).scenarios[0].tasks[0].weight == 3)
    #expect(try decode(toml, environment: [:]).scenarios[0].tasks[0].weight == 1)
  }

  @Test func optionalSpikeDurationChecksTheResolvedSign() throws {
    let load = "pattern = \"spike\"\nbase = 1\npeak = 2\nbefore = \"${BEFORE}\"\nhold = \"1s\"\nduration = \"10s\""
    #expect(
      try problems(config(load: load), environment: ["BEFORE": "-1s"]) == [
        "6:10 before must be 0s or more (from ${BEFORE})"
      ])
  }

  @Test func vuVariablesAreRejectedAtTheirReference() throws {
    #expect(
      try problems(config(load: "users = \"${vu.n}\"\nduration = \"x${vu.d}\""), environment: [:]) == [
        "3:10 VU variables are per request; a count is fixed for the whole run [use an environment variable, ${NAME} or ${NAME:-default}, or write the value]",
        "4:14 VU variables are per request; a duration is fixed for the whole run [use an environment variable, ${NAME} or ${NAME:-default}, or write the value]",
      ])
  }

  @Test func withoutAnEnvironmentTheValueAsksForTheVariable() throws {
    #expect(
      try problems(config(load: "users = 1\nduration = \"${DURATION:-30s}\""), environment: nil) == [
        "4:12 duration uses ${DURATION:-30s}, but no environment was given to resolve it [pass the variable (loadforge: --env NAME=VALUE or --env-file FILE), or write the value]"
      ])
  }

  @Test func aCountStringWithoutAReferenceIsStillATypeError() throws {
    #expect(
      try problems(config(load: "users = \"10\"\nduration = \"1s\""), environment: ["USERS": "10"]) == [
        "3:9 users must be a positive integer, found string [write it without quotes: 10]"
      ])
  }

  @Test func everyProblemIsReportedInOnePass() throws {
    let toml = """
      base_url = "http://127.0.0.1:1"
      [defaults]
      timeout = "${TIMEOUT}"
      [load]
      users = "${USERS}"
      duration = "${DURATION}"
      [[scenarios]]
      weight = "${vu.w}"
        [[scenarios.tasks]]
        path = "/"
        think_time = { min = "${MIN}", max = "${MAX:-1s}" }
      """
    #expect(
      try problems(toml, environment: ["USERS": "0", "DURATION": "5", "MIN": "2s"]) == [
        "3:12 environment variable TIMEOUT is not set [export TIMEOUT=… before running, pass --env TIMEOUT=… or --env-file FILE, or give a default: ${TIMEOUT:-value}]",
        "5:9 users must be between 1 and 10000000, got 0 (from ${USERS})",
        "6:12 invalid duration \"5\" (from ${DURATION}) [use a number with a unit: 500ms, 30s, 5m, 1h]",
        "8:11 VU variables are per request; a count is fixed for the whole run [use an environment variable, ${NAME} or ${NAME:-default}, or write the value]",
        "11:16 think_time min is greater than max [swap min and max]",
      ])
  }

  @Test func anInvalidThinkTimeBoundIsNotAlsoMissing() throws {
    #expect(
      try problems(config(task: "  think_time = { min = \"1s\", max = \"2\" }"), environment: [:]) == [
        "8:36 invalid duration \"2\" [use a number with a unit: 500ms, 30s, 5m, 1h]"
      ])
  }
}
