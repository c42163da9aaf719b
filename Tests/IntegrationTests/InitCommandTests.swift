import Foundation
import Testing

/// `loadforge init`: starter files that validate in every format and never overwrite by accident.
@Suite struct InitCommandTests {
  @Test(arguments: ["basic", "ramp", "step", "spike", "diurnal", "composite"])
  func everyTemplateValidatesAndIsTheSamePlanInEveryFormat(template: String) throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-init")
    defer { try? FileManager.default.removeItem(at: dir) }
    var plans: [String] = []
    for format in ["toml", "yaml", "json"] {
      let made = try runLoadForge(
        ["init", "shop", "--format", format, "--template", template], currentDirectory: dir)
      #expect(made.status == 0, "stderr: \(made.stderr)")
      #expect(made.stdout.hasPrefix("wrote shop.\(format)\n"))
      let checked = try runLoadForge(["validate", "shop.\(format)"], currentDirectory: dir)
      #expect(checked.status == 0, "\(format): \(checked.stderr)")
      let plan = try runLoadForge(["plan", "shop.\(format)", "--json"], currentDirectory: dir)
      #expect(plan.status == 0)
      plans.append(plan.stdout)
    }
    #expect(Set(plans).count == 1, "TOML, YAML and JSON starters compile to the same plan")
    let kind = template == "basic" ? "constant" : template
    #expect(plans[0].contains("\"kind\" : \"\(kind)\""))
  }

  @Test func neverOverwritesWithoutForce() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-init")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("loadtest.toml")
    try "# mine\n".write(to: file, atomically: true, encoding: .utf8)
    let refused = try runLoadForge(["init"], currentDirectory: dir)
    #expect(refused.status == 1)
    #expect(refused.stderr == "error: loadtest.toml already exists (use --force to overwrite it)\n")
    #expect(try String(contentsOf: file, encoding: .utf8) == "# mine\n")
    let forced = try runLoadForge(["init", "--force"], currentDirectory: dir)
    #expect(forced.status == 0)
    #expect(try String(contentsOf: file, encoding: .utf8).contains("[[scenarios]]"))
  }

  @Test func aNameWithAConfigExtensionPicksTheFormat() throws {
    let dir = try makeTemporaryDirectory(prefix: "loadforge-init")
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try runLoadForge(["init", "api.yaml"], currentDirectory: dir).stdout.hasPrefix("wrote api.yaml\n"))
    #expect(try runLoadForge(["init", "web.json"], currentDirectory: dir).stdout.hasPrefix("wrote web.json\n"))
    #expect(try runLoadForge(["init", "x.toml", "--format", "yaml"], currentDirectory: dir).status == 2)
    #expect(try runLoadForge(["validate", "api.yaml", "web.json"], currentDirectory: dir).status == 0)
  }

  @Test func badNamesAndTemplatesAreUsageErrors() throws {
    #expect(try runLoadForge(["init", "../escape"]).status == 2)
    #expect(try runLoadForge(["init", "x", "--template", "wave"]).status == 2)
  }
}
