import Foundation
import Testing

/// The results directory's plan.json keeps no secret (DESIGN.md §5): strings that came from the
/// environment show as `${NAME}`; what was sent still used the real value.
@Suite struct RunPlanMaskingTests {
  @Test func planJSONShowsReferencesNotValues() throws {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-mask")
    defer { try? FileManager.default.removeItem(at: work) }
    let config = work.appendingPathComponent("masked.toml")
    try """
    name = "masked"
    base_url = "${BASE_URL}"
    [load]
    users = 2
    duration = "1s"
    [[scenarios]]
      [[scenarios.tasks]]
      path = "/api/items"
      headers = { Authorization = "Bearer ${API_TOKEN}" }
    """.write(to: config, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(
      ["run", config.path, "--output", output.path],
      environment: ["BASE_URL": nginx.baseURL, "API_TOKEN": "lf-demo-token"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let (run, summary) = try readSummary(output: output)
    // The real token was sent: /api/items answers 401 without it.
    #expect((summary["requests"] as? [String: Any])?["failed"] as? Int == 0)
    let plan = try String(contentsOf: run.appendingPathComponent("plan.json"), encoding: .utf8)
    #expect(plan.contains("Bearer ${API_TOKEN}"))
    #expect(!plan.contains("lf-demo-token"))
  }
}
