import Foundation
import Testing

/// A tick shorter than a second re-evaluates the pattern more often, but `loadforge run` still
/// writes one snapshot per second, each with the target in force at its end.
@Suite struct SubSecondTickTests {
  @Test func aHundredMillisecondTickStillWritesOneSnapshotPerSecond() throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-tick")
    defer { try? FileManager.default.removeItem(at: work) }
    let config = work.appendingPathComponent("tick.toml")
    try """
    base_url = "${BASE_URL}"
    [load]
    pattern = "ramp"
    from = 0
    to = 10
    duration = "3s"
    tick = "100ms"
    [[scenarios]]
      [[scenarios.tasks]]
      path = "/health"
      think_time = "50ms"
    """.write(to: config, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(
      ["run", config.path, "--output", output.path], environment: ["BASE_URL": nginx.baseURL])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let (run, _) = try readSummary(output: output)
    let lines = try String(contentsOf: run.appendingPathComponent("snapshots.ndjson"), encoding: .utf8)
      .split(separator: "\n")
    let snapshots = try lines.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }.filter { $0["phase"] as? String == "load" }
    #expect(snapshots.map { $0["elapsed_s"] as? Double } == [1, 2, 3])
    // Ticks of 100 ms apply the value just before their end: the tick ending at 1 s applies
    // round(10 · 1 / 3) = round(3.33) = 3, the one ending at 2 s round(6.67) = 7, the last 10.
    #expect(snapshots.map { $0["target_vus"] as? Int } == [3, 7, 10])
    #expect(snapshots.map { $0["active_vus"] as? Int } == [3, 7, 10])
  }
}
