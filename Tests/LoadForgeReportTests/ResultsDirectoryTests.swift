import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

struct ResultsDirectoryTests {
  let now = Date(timeIntervalSince1970: 1_740_830_405)  // 2025-03-01 12:00:05 UTC
  let utc = TimeZone(identifier: "UTC")!

  private func temporaryRoot() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("lf-results-\(UUID().uuidString)", isDirectory: true)
    return url.appendingPathComponent("nested/results", isDirectory: true)
  }

  private func cleanup(_ root: URL) {
    try? FileManager.default.removeItem(at: root.deletingLastPathComponent().deletingLastPathComponent())
  }

  @Test func namesDirectoryByTimestampAndSlugAndCreatesRoot() throws {
    let root = try temporaryRoot()
    defer { cleanup(root) }
    let dir = try ResultsDirectory.create(root: root, runName: "Shop: checkout flow!", now: now, timeZone: utc)
    #expect(dir.url.lastPathComponent == "20250301-120005-shop-checkout-flow")
    #expect(dir.url.deletingLastPathComponent().standardizedFileURL == root.standardizedFileURL)
    var isDir: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: dir.url.path, isDirectory: &isDir) && isDir.boolValue)
    #expect(FileManager.default.fileExists(atPath: dir.snapshotsURL.path))
  }

  @Test func aRootUnderAFileFailsWithTheSystemReason() throws {
    let root = try temporaryRoot()
    defer { cleanup(root) }
    try ResultsDirectory.makeDirectories(root.deletingLastPathComponent().path)
    let file = root.deletingLastPathComponent().appendingPathComponent("file")
    #expect(FileManager.default.createFile(atPath: file.path, contents: Data()))
    #expect(
      throws: ResultsDirectoryError(
        operation: "create results root", path: file.appendingPathComponent("sub").path,
        reason: "\(file.path) is not a directory")
    ) {
      try ResultsDirectory.create(root: file.appendingPathComponent("sub"), runName: "x", now: now)
    }
  }

  @Test func neverOverwritesTwoCreatesInOneSecondGiveTwoDirectories() throws {
    let root = try temporaryRoot()
    defer { cleanup(root) }
    let a = try ResultsDirectory.create(root: root, runName: "shop", now: now, timeZone: utc)
    try Data("keep me".utf8).write(to: a.url.appendingPathComponent("marker"))
    let b = try ResultsDirectory.create(root: root, runName: "shop", now: now, timeZone: utc)
    let c = try ResultsDirectory.create(root: root, runName: "shop", now: now, timeZone: utc)
    #expect(a.url.lastPathComponent == "20250301-120005-shop")
    #expect(b.url.lastPathComponent == "20250301-120005-shop-2")
    #expect(c.url.lastPathComponent == "20250301-120005-shop-3")
    #expect(try String(contentsOf: a.url.appendingPathComponent("marker"), encoding: .utf8) == "keep me")
    let entries = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    #expect(entries == ["20250301-120005-shop", "20250301-120005-shop-2", "20250301-120005-shop-3"])
  }

  @Test func slugs() {
    #expect(ResultsDirectory.slug("quickstart") == "quickstart")
    #expect(ResultsDirectory.slug("  My API -- v2 / login  ") == "my-api-v2-login")
    #expect(ResultsDirectory.slug("../../etc/passwd") == "etc-passwd")
    #expect(ResultsDirectory.slug("Über café") == "ber-caf")
    #expect(ResultsDirectory.slug("") == "run")
    #expect(ResultsDirectory.slug("ü🙂") == "run")
    #expect(ResultsDirectory.slug(String(repeating: "a", count: 100)).count == 48)
  }

  @Test func directoryNameUsesTheGivenTimeZone() {
    let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    #expect(ResultsDirectory.directoryName(runName: "x", now: now, timeZone: tokyo) == "20250301-210005-x")
  }

  @Test func rootThatIsAFileIsAnError() throws {
    let root = try temporaryRoot()
    defer { cleanup(root) }
    try FileManager.default.createDirectory(at: root.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data().write(to: root)
    #expect(throws: ResultsDirectoryError.self) {
      _ = try ResultsDirectory.create(root: root, runName: "shop", now: now, timeZone: utc)
    }
  }

  @Test func snapshotsAreOneParseableLineEachAndReadableBeforeTheEnd() throws {
    let root = try temporaryRoot()
    defer { cleanup(root) }
    let dir = try ResultsDirectory.create(root: root, runName: "shop", now: now, timeZone: utc)
    dir.runStarted(Fixtures.runInfo)
    for i in 1...3 {
      var s = Fixtures.snapshot
      s.elapsedSeconds = Double(i)
      dir.record(s)
      // Read through a separate descriptor while the run is still going.
      let text = try String(contentsOf: dir.snapshotsURL, encoding: .utf8)
      #expect(text.hasSuffix("\n"))
      let lines = text.split(separator: "\n")
      #expect(lines.count == i)
      let last = try JSONDecoder().decode(Snapshot.self, from: Data(lines[i - 1].utf8))
      #expect(last == s)
      let object = try JSONSerialization.jsonObject(with: Data(lines[i - 1].utf8)) as? [String: Any]
      #expect(object?["elapsed_s"] as? Double == Double(i))
    }
    #expect(!FileManager.default.fileExists(atPath: dir.summaryURL.path))
    dir.runFinished(Fixtures.summary)
    #expect(dir.firstError == nil)
    #expect(try String(contentsOf: dir.snapshotsURL, encoding: .utf8).split(separator: "\n").count == 3)
  }

  @Test func writesRunPlanAndPrettySortedSummary() throws {
    let root = try temporaryRoot()
    defer { cleanup(root) }
    let dir = try ResultsDirectory.create(root: root, runName: "shop", now: now, timeZone: utc)
    try dir.writePlanJSON(Data(#"{"name":"shop"}"#.utf8))
    dir.runStarted(Fixtures.runInfo)
    dir.runFinished(Fixtures.summary)
    #expect(dir.firstError == nil)

    #expect(try String(contentsOf: dir.planURL, encoding: .utf8) == "{\"name\":\"shop\"}\n")
    let run = try JSONDecoder().decode(RunInfo.self, from: Data(contentsOf: dir.runInfoURL))
    #expect(run == Fixtures.runInfo)

    let text = try String(contentsOf: dir.summaryURL, encoding: .utf8)
    let decoded = try JSONDecoder().decode(Summary.self, from: Data(text.utf8))
    #expect(decoded == Fixtures.summary)
    // Pretty-printed with sorted keys: top-level keys appear in alphabetical order, one per line.
    let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
      String($0.dropFirst(3).prefix { $0 != "\"" })
    }
    #expect(topKeys == topKeys.sorted())
    #expect(topKeys.first == "bytes_received")
    #expect(text.contains("\"started_at\" : \"2025-03-01T12:00:05.250Z\""))
  }

  @Test func recordAfterFinishIsIgnored() throws {
    let root = try temporaryRoot()
    defer { cleanup(root) }
    let dir = try ResultsDirectory.create(root: root, runName: "shop", now: now, timeZone: utc)
    dir.record(Fixtures.snapshot)
    dir.runFinished(Fixtures.summary)
    dir.record(Fixtures.snapshot)
    #expect(try String(contentsOf: dir.snapshotsURL, encoding: .utf8).split(separator: "\n").count == 1)
    #expect(dir.firstError == nil)
  }
}
