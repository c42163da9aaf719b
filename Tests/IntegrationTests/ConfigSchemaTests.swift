import Foundation
import Testing

/// `schemas/loadforge.schema.json` and `loadforge validate` agree on the configs in `examples/`:
/// every example is valid for both, every file in `examples/invalid/` is rejected by both.
@Suite struct ConfigSchemaTests {
  static let examples = repositoryRoot.appendingPathComponent("examples")
  static let invalid = examples.appendingPathComponent("invalid")
  static let configExtensions: Set<String> = ["toml", "yaml", "yml", "json"]

  /// Config files under `directory`, sorted by path. `examples/nginx/` holds the example server's
  /// files (JSON bodies, not configs), so it is left out, as scripts/check-config-schema.py does.
  static func configs(in directory: URL, recursive: Bool) throws -> [URL] {
    let keys: [URLResourceKey] = [.isRegularFileKey]
    var found: [URL] = []
    if recursive {
      guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: keys) else {
        throw TestFailure("cannot list \(directory.path)")
      }
      for case let url as URL in walker {
        let name = url.lastPathComponent
        if url.hasDirectoryPath, name == "invalid" || name == "nginx", url.deletingLastPathComponent() == directory {
          walker.skipDescendants()
          continue
        }
        found.append(url)
      }
    } else {
      found = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: keys)
    }
    return
      try found
      .filter { try $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true }
      .filter { configExtensions.contains($0.pathExtension) }
      .sorted { $0.path < $1.path }
  }

  @Test func everyInvalidConfigIsRejectedByValidate() throws {
    let files = try Self.configs(in: Self.invalid, recursive: false)
    #expect(files.count >= 10)
    #expect(Set(files.map(\.pathExtension)) == ["toml", "yaml", "json"])
    for file in files {
      let result = try runLoadForge(["validate", file.path, "--format", "json"])
      #expect(result.status == 1, "\(file.lastPathComponent) should be invalid: \(result.stdout)\(result.stderr)")
      let reports = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
      let diagnostics = reports?.first?["diagnostics"] as? [[String: Any]] ?? []
      // Each file is broken on purpose at a known place: the error must carry a line, not only
      // an exit status (a crash or a missing file would exit 1 too).
      #expect(!diagnostics.isEmpty, "\(file.lastPathComponent): no diagnostics in \(result.stdout)")
      #expect(diagnostics.allSatisfy { ($0["line"] as? Int ?? 0) >= 1 }, "\(file.lastPathComponent): \(diagnostics)")
    }
  }

  @Test func everyExampleValidates() throws {
    let files = try Self.configs(in: Self.examples, recursive: true)
    #expect(files.contains { $0.lastPathComponent == "quickstart.toml" })
    #expect(!files.contains { $0.path.contains("/examples/invalid/") || $0.path.contains("/examples/nginx/") })
    for file in files {
      let result = try runLoadForge(["validate", file.path])
      #expect(result.status == 0, "\(file.lastPathComponent): \(result.stdout)\(result.stderr)")
    }
  }

  /// Runs scripts/check-config-schema.py: the schema accepts every example and rejects every
  /// invalid config. Fails (never skips) when python3, jsonschema or PyYAML is missing.
  @Test func schemaAcceptsExamplesAndRejectsInvalidConfigs() throws {
    let install = "install Python 3.11+ with `pip install pyyaml jsonschema` (as .ci/run does)"
    let probe = try runPython(["-c", "import sys, tomllib, jsonschema, yaml; assert sys.version_info >= (3, 11)"])
    guard probe.status == 0 else {
      Issue.record("python3 with tomllib, jsonschema and PyYAML is required: \(install)\n\(probe.output)")
      return
    }
    let result = try runPython([repositoryRoot.appendingPathComponent("scripts/check-config-schema.py").path])
    #expect(result.status == 0, "\(result.output)")
    let examples = try Self.configs(in: Self.examples, recursive: true).count
    let invalid = try Self.configs(in: Self.invalid, recursive: false).count
    #expect(
      result.output.contains("schema: \(examples) examples valid, \(invalid) invalid rejected"), "\(result.output)")
  }

  /// `python3 ARGUMENTS` found on PATH; `status` 127 when there is no python3 at all.
  func runPython(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    process.currentDirectoryURL = repositoryRoot
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    // Read before waiting: a full pipe would otherwise block the child forever.
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
