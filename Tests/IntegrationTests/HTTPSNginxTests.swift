import Foundation
import Testing

/// End to end over TLS: `loadforge run` against nginx serving https:// on loopback with a
/// certificate signed by a CA the test made (openssl CLI), through libcurl.
@Suite(.serialized) struct HTTPSNginxTests {
  /// nginx with examples/nginx/nginx-tls.conf.template: a CA (ca.pem) and a server
  /// certificate for 127.0.0.1 and localhost signed by it, everything in a temporary directory.
  final class Server {
    let nginx: TestNginx
    var directory: URL { nginx.directory }
    var port: Int { nginx.port }
    var caFile: String { directory.appendingPathComponent("ca.pem").path }
    var baseURL: String { "https://127.0.0.1:\(port)" }

    init() throws {
      nginx = try TestNginx(template: "examples/nginx/nginx-tls.conf.template", prefix: "loadforge-https") {
        directory in
        try """
        subjectAltName=IP:127.0.0.1,DNS:localhost
        basicConstraints=critical,CA:FALSE
        keyUsage=critical,digitalSignature
        extendedKeyUsage=serverAuth

        """.write(to: directory.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.openssl(
          ["req", "-x509"] + ec + [
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=LoadForge Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
          ], in: directory)
        try Self.openssl(
          ["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], in: directory)
        try Self.openssl(
          [
            "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "server.ext",
          ], in: directory)
        return [
          "CERT": directory.appendingPathComponent("server.pem").path,
          "KEY": directory.appendingPathComponent("server.key").path, "PAD": "p",
        ]
      }
    }

    /// Lines of the access log once stable for 200 ms.
    func accessLog() -> [String] { nginx.accessLog() }

    func stop() { nginx.stop() }

    private static func openssl(_ arguments: [String], in directory: URL) throws {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
      process.arguments = arguments
      process.currentDirectoryURL = directory
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        throw TestFailure("openssl \(arguments.joined(separator: " ")) failed")
      }
    }
  }

  static func config(base: String, tls: String, users: Int = 4, duration: String = "2s") -> String {
    """
    name = "https"
    base_url = "\(base)"
    \(tls)
    [defaults]
    think_time = { min = "1ms", max = "5ms" }
    [load]
    pattern = "constant"
    users = \(users)
    duration = "\(duration)"
    [[scenarios]]
    name = "browse"
      [[scenarios.tasks]]
      name = "home"
      weight = 3
      path = "/"
      [[scenarios.tasks]]
      name = "health"
      method = "HEAD"
      path = "/health"
    """
  }

  /// Runs `config` (written next to ca.pem's copy) and returns the result and summary.json.
  private func run(_ config: String, server: Server, copyCA: Bool = false) throws -> (
    result: CommandResult, summary: [String: Any]
  ) {
    let work = try makeTemporaryDirectory(prefix: "loadforge-it")
    defer { try? FileManager.default.removeItem(at: work) }
    if copyCA {
      try FileManager.default.copyItem(atPath: server.caFile, toPath: work.appendingPathComponent("ca.pem").path)
    }
    let configURL = work.appendingPathComponent("loadtest.toml")
    try config.write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(["run", configURL.path, "--output", output.path, "--workers", "2"], timeout: 30)
    let (_, summary) = try readSummary(output: output)
    return (result, summary)
  }

  /// The key paths of a JSON object (nested objects' keys as `a.b`), to compare shapes.
  private func keyPaths(_ object: [String: Any], prefix: String = "") -> Set<String> {
    var paths = Set<String>()
    for (key, value) in object {
      paths.insert(prefix + key)
      if let nested = value as? [String: Any] { paths.formUnion(keyPaths(nested, prefix: prefix + key + ".")) }
    }
    return paths
  }

  @Test("https with [tls] ca_file: 0 failed, the same summary.json fields as an http run")
  func trustedCA() throws {
    let server = try Server()
    defer { server.stop() }
    let (result, summary) = try run(
      Self.config(base: server.baseURL, tls: "[tls]\nca_file = \"ca.pem\""), server: server, copyCA: true)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let requests = try #require(summary["requests"] as? [String: Any])
    let total = try #require(requests["total"] as? Int)
    #expect(total > 50)
    #expect(requests["failed"] as? Int == 0)
    #expect(requests["succeeded"] as? Int == total)
    #expect(server.accessLog().count == total, "every request counted is one nginx served")
    let latency = try #require(summary["latency_ms"] as? [String: Double])
    #expect((latency["p50"] ?? 0) > 0)
    let endpoints = try #require(summary["endpoints"] as? [[String: Any]])
    #expect(Set(endpoints.compactMap { $0["name"] as? String }) == ["home", "health"])
    // Keep-alive: a connection is opened only when every one of the worker's is busy, so at
    // most one per VU (2 workers × 2 VUs start at once: at least 2), not one per request.
    let connections = try #require(summary["connections_opened"] as? Int)
    #expect(connections >= 2 && connections <= 4, "connections opened: \(connections)")

    // The same run over plain http against the plain test nginx: the same keys.
    let plain = try TestNginx()
    defer { plain.stop() }
    let (plainResult, plainSummary) = try run(Self.config(base: plain.baseURL, tls: ""), server: server)
    #expect(plainResult.status == 0, "stderr: \(plainResult.stderr)")
    #expect(keyPaths(summary) == keyPaths(plainSummary))
  }

  @Test("no ca_file: the test CA is not trusted, every request is a tls_error naming the certificate")
  func untrusted() throws {
    let server = try Server()
    defer { server.stop() }
    let (result, summary) = try run(
      Self.config(base: server.baseURL, tls: "", users: 2, duration: "1s"), server: server)
    let requests = try #require(summary["requests"] as? [String: Any])
    let total = try #require(requests["total"] as? Int)
    #expect(total > 0)
    #expect(requests["failed"] as? Int == total)
    let errors = try #require(summary["errors"] as? [String: Int])
    #expect(errors["tls_error"] == total)
    // errors_detail: one reason, curl's (CURLOPT_ERRORBUFFER), naming the certificate; the same
    // line in the terminal's error table.
    let details = try #require(summary["errors_detail"] as? [[String: Any]])
    #expect(details.count == 1)
    #expect(details.first?["class"] as? String == "tls_error")
    #expect(details.first?["count"] as? Int == total)
    let reason = try #require(details.first?["reason"] as? String)
    #expect(reason.contains("certificate"), "\(reason)")
    #expect(result.stdout.contains(reason))
    #expect(server.accessLog().isEmpty)
  }

  @Test("insecure = true: 0 failed, and the run warns that verification is off")
  func insecure() throws {
    let server = try Server()
    defer { server.stop() }
    let (result, summary) = try run(
      Self.config(base: server.baseURL, tls: "[tls]\ninsecure = true", users: 2, duration: "1s"), server: server)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let requests = try #require(summary["requests"] as? [String: Any])
    #expect((requests["total"] as? Int ?? 0) > 0)
    #expect(requests["failed"] as? Int == 0)
    #expect((result.stdout + result.stderr).contains("TLS verification is off ([tls] insecure = true)"))
  }

  @Test("checks, captures and templated requests over https (examples/api-auth.toml)")
  func checksAndCaptures() throws {
    let server = try Server()
    defer { server.stop() }
    var config = try String(
      contentsOf: repositoryRoot.appendingPathComponent("examples/api-auth.toml"), encoding: .utf8)
    config = config.replacingOccurrences(of: "${BASE_URL:-http://127.0.0.1:8080}", with: server.baseURL)
      .replacingOccurrences(of: "users = 5", with: "users = 3")
      .replacingOccurrences(of: "duration = \"15s\"", with: "duration = \"2s\"")
      .replacingOccurrences(of: "[load]", with: "[tls]\nca_file = \"ca.pem\"\n\n[load]")
    let (result, summary) = try run(config, server: server, copyCA: true)
    #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
    let requests = try #require(summary["requests"] as? [String: Any])
    let total = try #require(requests["total"] as? Int)
    #expect(total > 10)
    #expect(requests["failed"] as? Int == 0)
    let log = server.accessLog()
    #expect(log.count == total)
    // Login once per VU, logout once per VU, and the captured token sent on every item request.
    #expect(log.filter { $0.contains("POST /api/login") }.count == 3)
    #expect(log.filter { $0.contains("POST /api/logout") }.count == 3)
    let items = log.filter { $0.contains("GET /api/items") }
    #expect(!items.isEmpty)
    #expect(items.allSatisfy { $0.contains("auth=\"Bearer lf-demo-token\"") && $0.contains(" 200 ") })
    #expect(log.contains { $0.contains("GET /api/items/2 ") }, "the captured item id is in the path")
  }
}
