import Foundation
import LoadForgeConfig
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

/// Issue 3: equivalent configs in TOML, YAML and JSON compile to identical plans.
@Suite struct ConfigFormatEquivalenceTests {
  static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("examples")

  static func plan(_ url: URL) throws -> Plan {
    let format = try #require(ConfigFormat(path: url.path))
    let root = try format.parse([UInt8](try Data(contentsOf: url)), file: url.lastPathComponent)
    return try PlanCompiler.compile(try SpecDecoder.decode(root), environment: [:], readFile: readExampleData)
  }

  /// `[[data]]` files relative to examples/, as `loadforge` reads them next to the config.
  static func readExampleData(_ path: String) throws(DataFileError) -> DataFile {
    guard let data = FileManager.default.contents(atPath: examples.appendingPathComponent(path).path) else {
      throw DataFileError("\(path) does not exist in examples/")
    }
    return DataFile(path: path, bytes: [UInt8](data))
  }

  @Test func everyExampleHasTheSamePlanInEachFormatItIsWrittenIn() throws {
    let files = try FileManager.default.contentsOfDirectory(at: Self.examples, includingPropertiesForKeys: nil)
    let stems = Set(files.map { $0.deletingPathExtension().lastPathComponent })
    var compared = 0
    for stem in stems.sorted() {
      let variants = files.filter {
        $0.deletingPathExtension().lastPathComponent == stem && ConfigFormat(path: $0.path) != nil
      }
      guard variants.count > 1 else { continue }
      let plans = try variants.map { (url: $0, plan: try Self.plan($0)) }
      for other in plans.dropFirst() {
        #expect(
          other.plan == plans[0].plan, "\(other.url.lastPathComponent) differs from \(plans[0].url.lastPathComponent)")
        compared += 1
      }
      // Byte-identical plan JSON too (what `loadforge plan` prints).
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let texts = try Set(plans.map { try encoder.encode($0.plan) })
      #expect(texts.count == 1)
    }
    #expect(compared >= 6, "quickstart, api-auth and data-feeder exist in three formats")
  }

  /// The scenario-model examples compile to what they say: templates, checks, captures, rows.
  @Test func scenarioExamplesCompileToTheirTemplatesAndFeeders() throws {
    let auth = try Self.plan(Self.examples.appendingPathComponent("api-auth.yaml"))
    #expect(auth.variables == ["token", "user_id", "item"])
    let shopper = auth.scenarios[0]
    #expect(shopper.setup.map(\.name) == ["login"])
    #expect(shopper.teardown.map(\.name) == ["logout"])
    #expect(shopper.setup[0].captures.map(\.group) == [0, 1])
    #expect(shopper.tasks[1].request.target == "/api/items/${vu.item}")
    #expect(shopper.tasks[1].checks.map(\.description) == ["status 2xx or 304", "$.ok == true"])
    #expect(shopper.setup[0].request.template == nil)
    let feeder = try Self.plan(Self.examples.appendingPathComponent("data-feeder.json"))
    #expect(feeder.variables == ["username", "password", "token"])
    #expect(feeder.scenarios[0].isFlow)
    #expect(feeder.dataFeeders.count == 1)
    #expect(feeder.dataFeeders[0].rows.count == 10)
    #expect(feeder.dataFeeders[0].rows[2] == ["carol", "singer, soprano"])
    #expect(feeder.dataFeeders[0].rows[5] == ["frank", "say \"hi\""])
    #expect(feeder.scenarios[0].tasks[1].request.target == "/api/items?user=${vu.username}")
  }

  @Test(arguments: [
    ("a.toml", ConfigFormat.toml), ("dir.v2/a.YAML", .yaml), ("a.yml", .yaml), ("/x/a.json", .json),
  ])
  func formatByExtension(path: String, format: ConfigFormat) {
    #expect(ConfigFormat(path: path) == format)
  }

  @Test(arguments: ["a", "a.txt", ".toml", "toml", "a.toml.bak"])
  func unknownExtensions(path: String) {
    #expect(ConfigFormat(path: path) == nil)
  }
}
