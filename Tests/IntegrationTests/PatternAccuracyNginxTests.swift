import Foundation
import LoadForgePlan
import Testing

/// Issue 4's accuracy promise, measured end to end: each example pattern runs against nginx and,
/// at every whole second of the load phase, `active_vus` in snapshots.ndjson is within 1 VU of
/// `target_vus`, and `target_vus` is the plan's schedule (`LoadPlan.scheduledTarget`) for the
/// tick in force then. The examples run in parallel (one case each, off the test pool), ≈ 60 s of wall time.
@Suite struct PatternAccuracyNginxTests {
  /// Each example and its flags: `--duration` keeps spike and diurnal over their interesting
  /// part (the whole burst; one full wave); step and composite run whole (48 s and 60 s).
  static let runs: [String: [String]] = [
    "patterns/step.toml": [],
    "patterns/spike.toml": ["--duration", "32s"],
    "patterns/diurnal.toml": ["--duration", "30s"],
    "patterns/composite.yaml": [],
  ]

  /// The part of plan.json this test reads.
  struct PlanLoad: Decodable {
    var load: LoadPlan
  }

  /// What one run measured: seconds checked and the largest |active − target| seen.
  struct Accuracy {
    var seconds = 0
    var largestDeviation = 0
  }

  @Test(arguments: runs.keys.sorted())
  func activeVUsFollowThePlannedTargetEverySecond(_ example: String) async throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-accuracy")
    defer { try? FileManager.default.removeItem(at: work) }
    let output = work.appendingPathComponent("results")
    let config = ExamplesRunTests.examplesDirectory.appendingPathComponent(example).path
    let result = try await Self.runOffThePool(
      ["run", config, "--output", output.path] + (Self.runs[example] ?? []), baseURL: nginx.baseURL)
    #expect(result.status == 0, "\(example): stderr \(result.stderr)")

    let (run, _) = try readSummary(output: output)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase  // plan.json is written in snake_case
    let plan = try decoder.decode(PlanLoad.self, from: Data(contentsOf: run.appendingPathComponent("plan.json")))
    let lines = try String(contentsOf: run.appendingPathComponent("snapshots.ndjson"), encoding: .utf8)
      .split(whereSeparator: \.isNewline)
    let snapshots = try lines.map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
    let accuracy = try Self.check(snapshots, against: plan.load, example: example)
    let expectedSeconds = Int(plan.load.durationSeconds.rounded(.down))
    #expect(accuracy.seconds == expectedSeconds, "\(example): a snapshot at every whole second of the load phase")
    print("\(example): \(accuracy.seconds) s checked, largest |active − target| = \(accuracy.largestDeviation)")
  }

  /// `runLoadForge` on a Dispatch thread: it blocks while the run lasts, and the test pool has
  /// one thread per core, so blocking there would run only two examples at a time (108 s, not 60).
  static func runOffThePool(_ arguments: [String], baseURL: String) async throws -> CommandResult {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          with: Result { try runLoadForge(arguments, environment: ["BASE_URL": baseURL], timeout: 120) })
      }
    }
  }

  /// Checks every `.load` snapshot that ends on a whole second.
  /// - Throws: when a snapshot lacks a field.
  static func check(_ snapshots: [[String: Any]], against load: LoadPlan, example: String) throws -> Accuracy {
    var accuracy = Accuracy()
    for snapshot in snapshots where snapshot["phase"] as? String == "load" {
      let elapsed = try #require(snapshot["elapsed_s"] as? Double)
      let second = elapsed.rounded()
      guard abs(elapsed - second) < 1e-6, second >= 1 else { continue }
      let target = try #require(snapshot["target_vus"] as? Double)
      let active = try #require(snapshot["active_vus"] as? Int)
      // The target in force just before this second: the tick that began before it.
      let tickIndex = Int((second * 1_000_000 / Double(load.tickMicros)).rounded(.up)) - 1
      let planned = load.scheduledTarget(tick: tickIndex).target
      #expect(Int(target) == planned, "\(example) at \(Int(second)) s: target_vus \(target), plan \(planned)")
      let deviation = abs(active - Int(target))
      #expect(deviation <= 1, "\(example) at \(Int(second)) s: active_vus \(active), target_vus \(target)")
      accuracy.seconds += 1
      accuracy.largestDeviation = max(accuracy.largestDeviation, deviation)
    }
    return accuracy
  }
}
