import Foundation
import LoadForgeConfig
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

/// Every example, whatever format it is written in, translated to JSON and to YAML (the same
/// text in flow style: JSON is YAML 1.2), read back by those readers, compiles to the same plan.
/// So the three readers agree on every example, not only on the ones kept in three formats.
@Suite struct ExampleTranslationTests {
  /// Config files under examples/ (patterns/ included), outside invalid/ and nginx/.
  static func exampleFiles() throws -> [URL] {
    let root = ConfigFormatEquivalenceTests.examples
    var found: [URL] = []
    for sub in ["", "patterns"] {
      let dir = sub.isEmpty ? root : root.appendingPathComponent(sub)
      for url in try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
      where ConfigFormat(path: url.path) != nil {
        found.append(url)
      }
    }
    return found.sorted { $0.path < $1.path }
  }

  /// `value` as JSON text, members in written order (RFC 8259 §7 string escapes).
  static func jsonText(_ value: ConfigValue) -> String {
    switch value.kind {
    case .string(let s): return quoted(s)
    case .integer(let i): return String(i)
    case .float(let d): return d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : "\(d)"
    case .boolean(let b): return b ? "true" : "false"
    case .dateTime(let d): return quoted("\(d)")
    case .array(let items): return "[" + items.map(jsonText).joined(separator: ", ") + "]"
    case .table(let table):
      return "{" + table.entries.map { "\(quoted($0.key)): \(jsonText($0.value))" }.joined(separator: ", ") + "}"
    }
  }

  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  static func plan(_ root: ConfigValue) throws -> Plan {
    try PlanCompiler.compile(
      try SpecDecoder.decode(root, environment: [:]), environment: [:],
      readFile: ConfigFormatEquivalenceTests.readExampleData)
  }

  @Test func thereAreExamplesInEveryDirectory() throws {
    let names = try Self.exampleFiles().map(\.lastPathComponent)
    #expect(names.contains("quickstart.toml") && names.contains("composite.yaml") && names.count >= 14)
  }

  @Test(arguments: try exampleFiles())
  func translatedToJSONAndYAMLTheExampleCompilesToTheSamePlan(_ url: URL) throws {
    let format = try #require(ConfigFormat(path: url.path))
    let original = try format.parse([UInt8](try Data(contentsOf: url)), file: url.lastPathComponent)
    let expected = try Self.plan(original)
    let text = Self.jsonText(original)
    for target in [ConfigFormat(path: "t.json"), ConfigFormat(path: "t.yaml")] {
      let reader = try #require(target)
      let translated = try reader.parse(Array(text.utf8), file: "translated")
      #expect(try Self.plan(translated) == expected, "\(url.lastPathComponent) as \(reader)")
    }
  }
}
