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
    return try PlanCompiler.compile(try SpecDecoder.decode(root), environment: [:])
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
    #expect(compared >= 2, "quickstart exists in three formats")
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
