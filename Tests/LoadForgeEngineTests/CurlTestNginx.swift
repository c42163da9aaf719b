import Foundation
import Glibc

/// nginx serving HTTPS on 127.0.0.1 with a certificate made for the test: a CA and a server
/// certificate for 127.0.0.1 and localhost signed by it (openssl CLI, EC P-256), in a private
/// temporary directory with the config (examples/nginx/nginx-tls.conf.template) and logs.
final class CurlTestNginx {
  let directory: URL
  let port: Int
  /// PEM of the CA that signed the server certificate (CURLOPT_CAINFO / `[tls] ca_file`).
  let caFile: String
  private let process: Process

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// - Throws: when openssl or nginx is missing, or nginx does not answer within 5 s.
  init() throws {
    guard let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].first(where: FileManager.default.isExecutableFile)
    else { throw Failure(description: "nginx is not installed: apt-get install -y nginx") }
    var template = Array((NSTemporaryDirectory() + "/loadforge-curl.XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp failed") }
    directory = URL(fileURLWithPath: String(cString: made))
    chmod(directory.path, 0o755)
    let fm = FileManager.default
    try fm.createDirectory(at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
    let html = directory.appendingPathComponent("html")
    try fm.copyItem(at: Self.repositoryRoot.appendingPathComponent("examples/nginx/html"), to: html)
    try Self.makeCertificates(in: directory)
    caFile = directory.appendingPathComponent("ca.pem").path
    port = try Self.freePort()
    let config = try String(
      contentsOf: Self.repositoryRoot.appendingPathComponent("examples/nginx/nginx-tls.conf.template"), encoding: .utf8
    )
    .replacingOccurrences(of: "@PREFIX@", with: directory.path)
    .replacingOccurrences(of: "@PORT@", with: String(port))
    .replacingOccurrences(of: "@ROOT@", with: html.path)
    .replacingOccurrences(of: "@CERT@", with: directory.appendingPathComponent("server.pem").path)
    .replacingOccurrences(of: "@KEY@", with: directory.appendingPathComponent("server.key").path)
    .replacingOccurrences(of: "@PAD@", with: String(repeating: "p", count: 4000))
    .replacingOccurrences(of: "@USER@", with: geteuid() == 0 ? "user root;" : "")
    .replacingOccurrences(of: "@DAEMON@", with: "off")
    let configURL = directory.appendingPathComponent("nginx.conf")
    try config.write(to: configURL, atomically: true, encoding: .utf8)
    process = Process()
    process.executableURL = URL(fileURLWithPath: nginx)
    process.arguments = [
      "-p", directory.path, "-c", configURL.path, "-e", directory.appendingPathComponent("error.log").path,
    ]
    try process.run()
    let deadline = Date().addingTimeInterval(5)
    while !Self.canConnect(port: port) {
      guard process.isRunning, Date() < deadline else {
        let log = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        stop()
        throw Failure(description: "nginx did not start on 127.0.0.1:\(port): \(log)")
      }
      usleep(20_000)
    }
  }

  /// Lines in the access log (one per request nginx finished), once stable for 200 ms.
  func accessLog() -> [String] {
    var last: [String] = []
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
    return last
  }

  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: directory)
  }

  deinit { stop() }

  /// ca.pem/ca.key (a CA), server.pem/server.key (127.0.0.1 and localhost, signed by the CA).
  static func makeCertificates(in directory: URL) throws {
    let ext = directory.appendingPathComponent("server.ext")
    try """
    subjectAltName=IP:127.0.0.1,DNS:localhost
    basicConstraints=critical,CA:FALSE
    keyUsage=critical,digitalSignature
    extendedKeyUsage=serverAuth

    """.write(to: ext, atomically: true, encoding: .utf8)
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    try openssl(
      ["req", "-x509"] + ec + [
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=LoadForge Test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
      ], in: directory)
    try openssl(
      ["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], in: directory)
    try openssl(
      [
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "server.ext",
      ], in: directory)
  }

  private static func openssl(_ arguments: [String], in directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(
        description: "openssl \(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
    }
  }

  static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
        bind(fd, p, length) == 0 && getsockname(fd, p, &length) == 0
      }
    }
    guard bound else { throw Failure(description: "bind failed") }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  static func canConnect(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }
}
