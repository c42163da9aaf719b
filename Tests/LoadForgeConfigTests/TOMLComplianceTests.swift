import Foundation
import LoadForgeConfig
import Testing

/// Runs every TOML case of the shared toml-test suite (https://github.com/toml-lang/toml-test)
/// listed in `tests/files-toml-1.0.0`: valid documents must parse to the expected tagged JSON,
/// invalid ones must be rejected.
@Suite struct TOMLComplianceTests {
  /// The number of `.toml` cases in `files-toml-1.0.0` (210 valid, 499 invalid).
  static let expectedCaseCount = 709

  @Test func everyTomlTestCasePasses() throws {
    guard let suite = TOMLComplianceTests.suiteDirectory() else {
      Issue.record(
        "toml-test suite not found: set TOML_TEST_DIR to the toml-test checkout (the directory holding tests/)"
      )
      return
    }
    let tests = suite.appendingPathComponent("tests")
    let list = try String(
      contentsOf: tests.appendingPathComponent("files-toml-1.0.0"), encoding: .utf8)
    let cases = list.split(whereSeparator: \.isNewline).map(String.init).filter {
      $0.hasSuffix(".toml")
    }

    var validPassed = 0
    var invalidPassed = 0
    var failures: [String] = []
    var details: [String] = []
    for path in cases {
      let bytes = [UInt8](try Data(contentsOf: tests.appendingPathComponent(path)))
      if path.hasPrefix("valid/") {
        let jsonPath = String(path.dropLast(".toml".count)) + ".json"
        let expected = try JSONSerialization.jsonObject(
          with: Data(contentsOf: tests.appendingPathComponent(jsonPath)),
          options: [.fragmentsAllowed])
        do {
          let root = try TOMLParser.parse(bytes, file: path)
          if let diff = TaggedComparison.difference(root, expected, path: "") {
            failures.append(path)
            details.append("\(path): \(diff)")
          } else {
            validPassed += 1
          }
        } catch {
          failures.append(path)
          details.append("\(path): rejected: \(error)")
        }
      } else {
        do {
          _ = try TOMLParser.parse(bytes, file: path)
          failures.append(path)
          details.append("\(path): accepted an invalid document")
        } catch {
          invalidPassed += 1
        }
      }
    }

    print("toml-test 1.0.0: \(validPassed) valid passed, \(invalidPassed) invalid passed")
    #expect(
      cases.count >= TOMLComplianceTests.expectedCaseCount,
      "only \(cases.count) cases listed; expected \(TOMLComplianceTests.expectedCaseCount)")
    #expect(
      failures.isEmpty,
      "\(failures.count) failing: \(failures.joined(separator: ", "))\n\(details.prefix(5).joined(separator: "\n"))"
    )
    #expect(validPassed + invalidPassed >= TOMLComplianceTests.expectedCaseCount)
  }

  /// `TOML_TEST_DIR`, else `shared/toml-test` next to one of the directories above this file.
  static func suiteDirectory() -> URL? {
    let fm = FileManager.default
    let marker = "tests/files-toml-1.0.0"
    if let dir = ProcessInfo.processInfo.environment["TOML_TEST_DIR"], !dir.isEmpty {
      let url = URL(fileURLWithPath: dir)
      return fm.fileExists(atPath: url.appendingPathComponent(marker).path) ? url : nil
    }
    var dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    while dir.path != "/" {
      let candidate = dir.appendingPathComponent("shared/toml-test")
      if fm.fileExists(atPath: candidate.appendingPathComponent(marker).path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return nil
  }
}
