import Foundation
import Testing

@testable import LoadForgeDashboard

@Suite struct DashboardAssetsTests {
  @Test func missingAssetsAreNamed() throws {
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("dash-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: empty) }
    try Data("<html></html>".utf8).write(to: empty.appendingPathComponent("index.html"))
    #expect(
      throws: DashboardError(
        "dashboard assets missing: app.js, app.css, react.production.min.js, react-dom.production.min.js, "
          + "plotly.min.js, LICENSES.txt (in \(empty.path))")
    ) {
      try DashboardAssets.load(directory: empty, plotlyJS: nil)
    }
    var files = DashboardFixtures.assetContents
    files["app.css"] = nil
    #expect(throws: DashboardError("dashboard assets missing: app.css")) { try DashboardAssets(files: files) }
  }

  /// Looked up like HTMLReport's Plotly.js: the bundle beside the executable (by its launch path,
  /// then /proc/self/exe's real path), then this source tree's Resources/dashboard.
  @Test func assetsAreLookedForBesideTheExecutableThenInTheSourceTree() throws {
    let locations = DashboardAssets.locations
    try #require(locations.count == 3)
    #expect(
      locations[0].path
        == Bundle.main.bundleURL.appendingPathComponent("LoadForge_LoadForgeDashboard.resources/dashboard").path)
    #expect(locations[1].path.hasSuffix("/LoadForge_LoadForgeDashboard.resources/dashboard"))
    #expect(locations[2].path.hasSuffix("/Sources/LoadForgeDashboard/Resources/dashboard"))
    var isDirectory: ObjCBool = false
    #expect(
      FileManager.default.fileExists(atPath: locations[2].path, isDirectory: &isDirectory) && isDirectory.boolValue)
  }

  /// The page built into LoadForge (Resources/dashboard and the report's Plotly.js), served as the
  /// CLI serves it: every file index.html loads is in the table and answers 200.
  @Test func theBundledPageLoadsOnlyServedAssets() async throws {
    let server = DashboardServer(hub: DashboardHub(mode: .live), port: 0)
    let port = try await server.start()
    defer { Task { await server.stop() } }
    let page = try await DashboardServerTests.get("/", port: port)
    #expect(page.status == 200)
    let html = String(decoding: page.body, as: UTF8.self)
    var references: [String] = []
    for attribute in ["src=\"", "href=\""] {
      for part in html.components(separatedBy: attribute).dropFirst() {
        references.append(String(part.prefix { $0 != "\"" }))
      }
    }
    let loaded = references.filter { $0 != "#" }
    #expect(loaded.count >= 5)
    for reference in loaded {
      let name = reference.hasPrefix("/") ? String(reference.dropFirst()) : reference
      #expect(name.hasPrefix("assets/"), "\(reference)")
      #expect(DashboardAssets.assetNames.contains(String(name.dropFirst("assets/".count))), "\(reference)")
      let asset = try await DashboardServerTests.get("/" + name, port: port)
      #expect(asset.status == 200, "\(reference)")
      #expect(asset.body.count > 100, "\(reference)")
    }
  }
}
