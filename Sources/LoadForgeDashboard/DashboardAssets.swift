import Foundation
import LoadForgeReport
import NIOCore

/// The page's files, read once into memory: `index.html` and the fixed list served under
/// `/assets/` (docs/dashboard-protocol.md). A request names a file of this table or gets 404;
/// no request path is ever mapped onto the file system.
public struct DashboardAssets: Sendable {
  /// The page itself, served at `/`.
  public static let indexName = "index.html"
  /// Everything `/assets/<name>` serves, exactly these names.
  public static let assetNames = [
    "app.js", "app.css", "react.production.min.js", "react-dom.production.min.js", "plotly.min.js", "LICENSES.txt",
  ]
  /// Files of the bundle directory (`Resources/dashboard`): all but `plotly.min.js`, which is
  /// LoadForgeReport's copy (`HTMLReport.plotlyJavaScript`), so the package ships it once.
  static let bundledNames = [indexName] + assetNames.filter { $0 != "plotly.min.js" }

  /// A file ready to send.
  struct File: Sendable {
    var contentType: String
    var body: ByteBuffer
  }

  private let files: [String: File]

  /// A table of the given contents.
  /// - Parameter files: by name: `index.html` and every `assetNames` entry; other names are ignored.
  /// - Throws: `DashboardError` naming the files missing.
  public init(files: [String: Data]) throws(DashboardError) {
    let missing = ([Self.indexName] + Self.assetNames).filter { files[$0] == nil }
    guard missing.isEmpty else {
      throw DashboardError("dashboard assets missing: \(missing.joined(separator: ", "))")
    }
    var table: [String: File] = [:]
    for name in [Self.indexName] + Self.assetNames {
      table[name] = File(contentType: Self.contentType(of: name), body: ByteBuffer(bytes: files[name]!))
    }
    self.files = table
  }

  /// The assets built into LoadForge: `Resources/dashboard` of the first of `locations` that has
  /// an `index.html`, and LoadForgeReport's Plotly.js.
  /// - Throws: `DashboardError` naming the files missing and where they were looked for.
  public static func bundled() throws(DashboardError) -> DashboardAssets {
    let directory = locations.first {
      FileManager.default.fileExists(atPath: $0.appendingPathComponent(indexName).path)
    }
    guard let directory else {
      throw DashboardError(
        "dashboard assets not found (no index.html in \(locations.map(\.path).joined(separator: ", ")))")
    }
    return try load(directory: directory, plotlyJS: HTMLReport.plotlyJavaScript)
  }

  /// The bundle files of `directory` plus `plotlyJS` as `plotly.min.js`.
  /// - Throws: `DashboardError` naming the files missing in `directory`.
  public static func load(directory: URL, plotlyJS: String?) throws(DashboardError) -> DashboardAssets {
    var contents: [String: Data] = [:]
    for name in bundledNames {
      contents[name] = try? Data(contentsOf: directory.appendingPathComponent(name))
    }
    if let plotlyJS { contents["plotly.min.js"] = Data(plotlyJS.utf8) }
    do {
      return try DashboardAssets(files: contents)
    } catch {
      throw DashboardError("\(error) (in \(directory.path))")
    }
  }

  /// Where `Resources/dashboard` is looked for, in order: SwiftPM's resource bundle next to the
  /// executable (as `Bundle.module` looks, by the launch path and by the real path of
  /// /proc/self/exe, so a symlinked binary works), then the source tree the binary was built
  /// from. Not `Bundle.module` itself: it stops the process when its bundle is missing.
  static var locations: [URL] {
    let bundle = "LoadForge_LoadForgeDashboard.resources"
    let executableDirectory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    return [Bundle.main.bundleURL, executableDirectory].map {
      $0.appendingPathComponent(bundle).appendingPathComponent("dashboard")
    } + [URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/dashboard")]
  }

  /// The file named `name` exactly (`index.html` or one of `assetNames`), else nil.
  func file(named name: String) -> File? {
    files[name]
  }

  static func contentType(of name: String) -> String {
    if name.hasSuffix(".html") { return "text/html; charset=utf-8" }
    if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
    if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
    return "text/plain; charset=utf-8"
  }
}
