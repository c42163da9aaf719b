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
  @Test func assetsAreLookedForBesideTheExecutableThenInTheSourceTree() {
    let locations = DashboardAssets.locations
    #expect(locations.count == 3)
    #expect(
      locations[0].path
        == Bundle.main.bundleURL.appendingPathComponent("LoadForge_LoadForgeDashboard.resources/dashboard").path)
    #expect(locations[1].path.hasSuffix("/LoadForge_LoadForgeDashboard.resources/dashboard"))
    #expect(locations[2].path.hasSuffix("/Sources/LoadForgeDashboard/Resources/dashboard"))
    var isDirectory: ObjCBool = false
    #expect(
      FileManager.default.fileExists(atPath: locations[2].path, isDirectory: &isDirectory) && isDirectory.boolValue)
  }
}
