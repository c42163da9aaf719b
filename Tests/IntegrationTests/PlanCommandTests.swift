import Foundation
import LoadForgePlan
import Testing

@testable import loadforge

/// `loadforge plan`: the summary for humans, `--json` with the environment's values masked,
/// and the load flags (`--pattern` and friends) as both `plan` and `run` read them.
@Suite struct PlanCommandTests {
  func write(_ text: String, as name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func json(_ result: CommandResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  func pattern(_ result: CommandResult) throws -> [String: Any] {
    try #require((try json(result)["load"] as? [String: Any])?["pattern"] as? [String: Any])
  }

  @Test func compositeExampleSummary() throws {
    let path = repositoryRoot.appendingPathComponent("examples/patterns/composite.yaml").path
    let result = try runLoadForge(["plan", path], environment: ["BASE_URL": ""])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "plan pattern-composite")
    #expect(lines.contains("  base URL  http://127.0.0.1:8080"), "an unset ${BASE_URL:-…} shows its default")
    #expect(lines.contains("  browse  100%"))
    #expect(lines.contains("      home    GET /        80%"))
    #expect(lines.contains("      health  GET /health  20%"))
    let taskShares = lines.filter { $0.hasPrefix("      ") && $0.hasSuffix("%") }.compactMap {
      Double($0.split(separator: " ").last?.dropLast() ?? "")
    }
    #expect(taskShares.count == 2 && taskShares.reduce(0, +) == 100, "task weights add to 100 %")
    #expect(lines.contains("  pattern      composite: 4 stages over 1m"))
    #expect(lines.contains("  duration     1m, 60 ticks of 1s"))
    #expect(lines.contains("  peak VUs     20"))
    #expect(lines.contains { $0.hasPrefix("  connections  ≈ 20 at peak") })
    // The chart: a title, 12 rows of bars (the top one labelled with the peak), the axis, its labels.
    let title = try #require(lines.firstIndex(of: "VUs per tick"))
    let axis = try #require(lines.firstIndex { $0.hasPrefix(" 0 └") })
    #expect(axis - title - 1 == 12)
    #expect(lines[title + 1].hasPrefix("20 ┤"))
    #expect(lines[axis].count == 4 + 61, "60 columns and the right edge")
    #expect(lines[axis + 1].hasPrefix("    0s") && lines[axis + 1].hasSuffix("1m"))
  }

  static let secretConfig = """
    name = "masking"
    base_url = "${LF_TEST_BASE}"
    [load]
    users = "${LF_TEST_USERS:-2}"
    duration = "5s"
    [[data]]
    file = "${LF_TEST_DIR}/users.csv"
    [[scenarios]]
      [[scenarios.tasks]]
      name = "items"
      path = "/items?mode=${LF_TEST_UNSET_MODE:-x}"
      headers = { Authorization = "Bearer ${TOKEN}" }
      body = "user=${vu.user}&key=${TOKEN}"
    """

  @Test func jsonMasksEveryValueFromTheEnvironment() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-plan")
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = try write(Self.secretConfig, as: "t.toml", in: dir)
    _ = try write("user\nalice\n", as: "users.csv", in: dir)
    let environment = [
      "TOKEN": "s3cret", "LF_TEST_BASE": "http://127.0.0.1:1/hidden-base", "LF_TEST_DIR": ".",
      "LF_TEST_USERS": "4",
    ]
    let result = try runLoadForge(["plan", config, "--json"], environment: environment)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.contains("Bearer ${TOKEN}"))
    #expect(result.stdout.contains("user=${vu.user}&key=${TOKEN}"))
    #expect(!result.stdout.contains("s3cret"))
    #expect(!result.stdout.contains("hidden-base") && !result.stdout.contains("127.0.0.1:1"))
    let plan = try json(result)
    #expect(plan["base_url"] as? String == "${LF_TEST_BASE}")
    #expect(plan["origin"] as? String == "${LF_TEST_BASE}")
    #expect((plan["data_feeders"] as? [[String: Any]])?.first?["file"] as? String == "${LF_TEST_DIR}/users.csv")
    let task = try #require(((plan["scenarios"] as? [[String: Any]])?.first?["tasks"] as? [[String: Any]])?.first)
    let request = try #require(task["request"] as? [String: Any])
    // An unset ${NAME:-x} is not a secret: its default shows. base_url's path shows as its mask.
    #expect(request["target"] as? String == "${LF_TEST_BASE}/items?mode=x")
    // Counts keep their real value.
    #expect(try pattern(result)["users"] as? Int == 4)

    let text = try runLoadForge(["plan", config], environment: environment)
    #expect(text.status == 0, "stderr: \(text.stderr)")
    #expect(text.stdout.contains("  base URL  ${LF_TEST_BASE}\n"))
    #expect(text.stdout.contains("items  GET ${LF_TEST_BASE}/items?mode=x  100%"), "\(text.stdout)")
    #expect(!text.stdout.contains("s3cret") && !text.stdout.contains("hidden-base"))
  }

  @Test func maskedJSONHasEveryKeyOfThePlan() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-plan")
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = try write(Self.secretConfig, as: "t.toml", in: dir)
    _ = try write("user\nalice\n", as: "users.csv", in: dir)
    let environment = [
      "TOKEN": "s3cret", "LF_TEST_BASE": "http://127.0.0.1:1", "LF_TEST_DIR": dir.path, "LF_TEST_UNSET_MODE": "",
    ]
    let real = try ConfigLoading.loadPlan(path: config, environment: environment).plan
    let masked = try MaskedPlan.compile(path: config, environment: environment, overrides: LoadOverrides())
    func keys(_ data: Data) throws -> Set<String> {
      Set(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys)
    }
    #expect(try keys(try masked.json()) == keys(try Plan.jsonEncoder.encode(real)))
    #expect(masked.plan.load == real.load)
    // An empty variable is not masked: ${NAME:-x} gives x, as in the real plan.
    #expect(masked.plan.scenarios.first?.tasks.first?.request.target == "/items?mode=x")
    #expect(real.scenarios.first?.tasks.first?.request.target == "/items?mode=x")
    #expect(masked.plan.dataFeeders.first?.file.hasSuffix("/users.csv") == true)
    #expect(masked.plan.dataFeeders.first?.file.contains(dir.path) == false)
  }

  @Test func patternFlagsBuildThePattern() throws {
    let path = repositoryRoot.appendingPathComponent("examples/patterns/composite.yaml").path
    let ramp = try runLoadForge(
      ["plan", path, "--json", "--pattern", "ramp", "--users", "5", "--ramp-to", "20", "--duration", "30s"])
    #expect(ramp.status == 0, "stderr: \(ramp.stderr)")
    let p = try pattern(ramp)
    #expect(p["kind"] as? String == "ramp")
    #expect(p["from"] as? Int == 5 && p["to"] as? Int == 20 && p["duration_seconds"] as? Int == 30)

    let step = try runLoadForge(["plan", path, "--pattern", "step", "--step-duration", "10s", "--duration", "1m"])
    #expect(step.status == 2)
    #expect(step.stderr.contains("--pattern step needs --step-size"), "\(step.stderr)")

    // Every missing flag in one go, not one per attempt.
    let bare = try runLoadForge(["plan", path, "--pattern", "step", "--users", "0"])
    #expect(bare.status == 2)
    for line in [
      "--users must be at least 1", "--pattern step needs --step-size (users added per step)",
      "--pattern step needs --step-duration (how long each step lasts)",
      "--pattern step needs --ramp-to (the last step's users) or --duration (the total)",
    ] {
      #expect(bare.stderr.contains(line), "\(line): \(bare.stderr)")
    }

    let misplaced = try runLoadForge(["plan", path, "--pattern", "constant", "--users", "3", "--peak", "9"])
    #expect(misplaced.status == 2)
    #expect(misplaced.stderr.contains("--peak does not apply to --pattern constant"), "\(misplaced.stderr)")

    let summary = try runLoadForge(
      ["plan", path, "--pattern", "spike", "--users", "2", "--peak", "10", "--duration", "20s"])
    #expect(summary.status == 0, "stderr: \(summary.stderr)")
    #expect(summary.stdout.contains("  pattern      spike 2→10→2 VUs, peak from 0s for 10s, 20s in all\n"))
    #expect(summary.stdout.contains("  peak VUs     10\n"))
  }

  @Test func flagsAdjustTheFilesPattern() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-plan")
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = try write(
      """
      base_url = "http://127.0.0.1:1"
      [load]
      pattern = "step"
      step_size = 5
      step_duration = "10s"
      steps = 3
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
      """, as: "t.toml", in: dir)
    let adjusted = try runLoadForge(["plan", config, "--json", "--step-size", "2", "--ramp-to", "8", "--users", "2"])
    #expect(adjusted.status == 0, "stderr: \(adjusted.stderr)")
    let p = try pattern(adjusted)
    #expect(p["from"] as? Int == 2 && p["to"] as? Int == 8 && p["step_size"] as? Int == 2)
    #expect(p["step_duration_seconds"] as? Int == 10)

    let period = try runLoadForge(["plan", config, "--period", "1m"])
    #expect(period.status == 1)
    #expect(period.stderr.contains("error: --period does not apply to pattern step"), "\(period.stderr)")

    let rate = try runLoadForge(["plan", config, "--rate", "5", "--ramp-to", "9"])
    #expect(rate.status == 1)
    #expect(rate.stderr.contains("error: --rate applies to the open model"), "\(rate.stderr)")
  }

  @Test func runTakesTheSameFlags() throws {
    let path = repositoryRoot.appendingPathComponent("examples/patterns/composite.yaml").path
    let missing = try runLoadForge(["run", path, "--pattern", "diurnal", "--duration", "1m"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--pattern diurnal needs --peak"), "\(missing.stderr)")
  }

  /// The open model's pattern reads in it/s in `plan` and `validate`, not in VUs.
  @Test func openModelPatternIsInIterationsPerSecond() throws {
    let path = repositoryRoot.appendingPathComponent("examples/patterns/arrival-rate.toml").path
    let plan = try runLoadForge(["plan", path])
    #expect(plan.status == 0, "stderr: \(plan.stderr)")
    #expect(plan.stdout.contains("  pattern      ramp 10→60 it/s over 20s\n"), "\(plan.stdout)")
    #expect(!plan.stdout.contains("VUs over"))
    let validate = try runLoadForge(["validate", path])
    #expect(validate.status == 0, "stderr: \(validate.stderr)")
    #expect(validate.stdout.contains("ramp 10→60 it/s over 20s"), "\(validate.stdout)")
  }
}
