import Foundation

/// A real nginx on 127.0.0.1, on a free port, with its config, html root and access log in a
/// private temporary directory. Started in the foreground (`daemon off`) and killed on `stop()`.
final class TestNginx {
  let directory: URL
  let port: Int
  private let process: Process

  static func nginxBinary() -> String? {
    for candidate in ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
    where FileManager.default.isExecutableFile(atPath: candidate) {
      return candidate
    }
    return nil
  }

  /// - Parameters:
  ///   - template: the config template, relative to the repository root.
  ///   - prefix: the temporary directory's name prefix.
  ///   - prepare: runs in the fresh directory before the config is written (e.g. makes
  ///     certificates) and returns extra `@NAME@` → value replacements for the template.
  /// - Throws: when nginx is not installed, `prepare` throws, or nginx does not answer within 5 s.
  init(
    template templatePath: String = "examples/nginx/nginx.conf.template", prefix: String = "loadforge-nginx",
    prepare: (URL) throws -> [String: String] = { _ in [:] }
  ) throws {
    guard let binary = Self.nginxBinary() else {
      throw TestFailure("nginx is not installed: apt-get install -y nginx (.ci/run installs it)")
    }
    directory = try makeTemporaryDirectory(prefix: prefix)
    port = try freeLoopbackPort()
    let fm = FileManager.default
    try fm.createDirectory(at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
    let html = directory.appendingPathComponent("html")
    try fm.copyItem(at: repositoryRoot.appendingPathComponent("examples/nginx/html"), to: html)
    let extra = try prepare(directory)
    let template = try String(contentsOf: repositoryRoot.appendingPathComponent(templatePath), encoding: .utf8)
    var config =
      template
      .replacingOccurrences(of: "@PREFIX@", with: directory.path)
      .replacingOccurrences(of: "@PORT@", with: String(port))
      .replacingOccurrences(of: "@ROOT@", with: html.path)
      .replacingOccurrences(of: "@USER@", with: geteuid() == 0 ? "user root;" : "")
      .replacingOccurrences(of: "@DAEMON@", with: "off")
    for (name, value) in extra { config = config.replacingOccurrences(of: "@\(name)@", with: value) }
    let configURL = directory.appendingPathComponent("nginx.conf")
    try config.write(to: configURL, atomically: true, encoding: .utf8)
    process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = [
      "-p", directory.path, "-c", configURL.path, "-e", directory.appendingPathComponent("error.log").path,
    ]
    try process.run()
    let deadline = Date().addingTimeInterval(5)
    while !canConnect(port: port) {
      guard process.isRunning, Date() < deadline else {
        let log = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        stop()
        throw TestFailure("nginx did not start on 127.0.0.1:\(port): \(log)")
      }
      usleep(20_000)
    }
  }

  var baseURL: String { "http://127.0.0.1:\(port)" }

  /// Lines in the access log: one per request nginx finished. Waits until the count is stable
  /// for 200 ms (nginx logs right after sending the response).
  func accessLogLines() -> Int { accessLog().count }

  /// The access log's lines once stable for 200 ms (see `accessLogLines`).
  func accessLog() -> [String] {
    var last: [String]?
    var stableSince = Date()
    let deadline = Date().addingTimeInterval(3)
    while Date() < deadline {
      let lines = ((try? String(contentsOf: directory.appendingPathComponent("access.log"), encoding: .utf8)) ?? "")
        .split(separator: "\n").map(String.init)
      if lines != last {
        last = lines
        stableSince = Date()
      } else if Date().timeIntervalSince(stableSince) > 0.2 {
        break
      }
      usleep(50_000)
    }
    return last ?? []
  }

  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: directory)
  }

  deinit { stop() }
}
