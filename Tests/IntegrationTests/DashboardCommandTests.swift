import Foundation
import LoadForgeTestSupport
import Testing

/// The dashboard from the command line: `run` serves nothing without `--dashboard` (no listening
/// socket in the process) and serves the page with it; a busy port stops the run before its
/// results directory exists; `loadforge dashboard RUN_DIR` serves a finished run's page and
/// nothing else of the directory, and refuses a directory that is not a run.
@Suite(.serialized) struct DashboardCommandTests {
  static let config = """
    name = "cli run"
    base_url = "${BASE_URL}"
    [defaults]
    think_time = { min = "5ms", max = "10ms" }
    [load]
    pattern = "constant"
    users = 2
    duration = "3s"
    [[scenarios]]
    name = "browse"
      [[scenarios.tasks]]
      name = "home"
      path = "/"
    """

  /// Runs the 3 s test as a child process and, once its first second is reported, lists the TCP
  /// sockets the process listens on.
  static func listeningSocketsMidRun(extraArguments: [String]) throws -> (
    listening: Int, stdout: String, status: Int32, output: URL, work: URL
  ) {
    let nginx = try TestNginx()
    defer { nginx.stop() }
    let work = try makeTemporaryDirectory(prefix: "loadforge-dashboard-cli")
    let configURL = work.appendingPathComponent("loadtest.toml")
    try config.write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let out = work.appendingPathComponent("stdout")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let process = Process()
    process.executableURL = try loadforgeBinary()
    process.arguments = ["run", configURL.path, "--output", output.path, "--workers", "1"] + extraArguments
    var environment = ProcessInfo.processInfo.environment
    environment["BASE_URL"] = nginx.baseURL
    process.environment = environment
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    // Sampled once the first second's status line is out (a loaded machine starts slowly):
    // everything the run starts is up by then.
    let started = Date()
    while process.isRunning, Date().timeIntervalSince(started) < 60,
      !((try? String(contentsOf: out, encoding: .utf8)) ?? "").contains("1s/3s")
    {
      usleep(20_000)
    }
    #expect(process.isRunning, "the run lasts 3 s")
    let listening = listeningTCPSockets(pid: process.processIdentifier)
    let deadline = Date().addingTimeInterval(30)
    while process.isRunning, Date() < deadline { usleep(50_000) }
    process.waitUntilExit()
    return (listening, (try? String(contentsOf: out, encoding: .utf8)) ?? "", process.terminationStatus, output, work)
  }

  @Test func withoutTheFlagNothingListens() throws {
    let run = try Self.listeningSocketsMidRun(extraArguments: [])
    defer { try? FileManager.default.removeItem(at: run.work) }
    #expect(run.status == 0)
    #expect(run.listening == 0, "no listening socket in a run without --dashboard")
    #expect(!run.stdout.contains("dashboard:"), "\(run.stdout)")
  }

  @Test func withTheFlagTheProcessListensOnceAndSaysWhatItServed() throws {
    let run = try Self.listeningSocketsMidRun(extraArguments: ["--dashboard", "--dashboard-port", "0"])
    defer { try? FileManager.default.removeItem(at: run.work) }
    #expect(run.status == 0)
    #expect(run.listening == 1, "the dashboard's one listening socket")
    #expect(run.stdout.contains("dashboard: http://127.0.0.1:"), "\(run.stdout)")
    #expect(run.stdout.contains("dashboard: 0 page connections"), "\(run.stdout)")
    #expect(run.stdout.contains("replay it with loadforge dashboard "), "\(run.stdout)")
  }

  @Test func aBusyPortStopsTheRunBeforeItsResultsDirectory() throws {
    let (fd, port) = try listenOnLoopback()
    defer { close(fd) }
    let work = try makeTemporaryDirectory(prefix: "loadforge-dashboard-busy")
    defer { try? FileManager.default.removeItem(at: work) }
    let configURL = work.appendingPathComponent("loadtest.toml")
    try Self.config.write(to: configURL, atomically: true, encoding: .utf8)
    let output = work.appendingPathComponent("results")
    let result = try runLoadForge(
      ["run", configURL.path, "--output", output.path, "--dashboard-port", "\(port)"],
      environment: ["BASE_URL": "http://127.0.0.1:9"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("127.0.0.1:\(port)"), "\(result.stderr)")
    #expect(result.stderr.contains("--dashboard-port"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output.path), "no results directory was created")
  }

  @Test(arguments: [["--dashboard-port", "70000"], ["--dashboard-host", ""]])
  func badDashboardFlagsAreUsageErrors(flags: [String]) throws {
    let result = try runLoadForge(["run", "examples/quickstart.toml"] + flags, currentDirectory: repositoryRoot)
    #expect(result.status == 2)
    #expect(result.stderr.contains("dashboard"), "\(result.stderr)")
  }

  @Test func replayRefusesADirectoryThatIsNotARun() throws {
    let work = try makeTemporaryDirectory(prefix: "loadforge-dashboard-notrun")
    defer { try? FileManager.default.removeItem(at: work) }
    let result = try runLoadForge(["dashboard", work.path, "--port", "0"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("is not a LoadForge run directory (no run.json)"), "\(result.stderr)")
  }

  /// A real run's directory, replayed: the page and its assets are served, the run's own files
  /// and anything beside them are not, and Ctrl-C stops it with exit 0.
  @Test func replayServesThePageAndNotTheRunFiles() throws {
    let run = try Self.listeningSocketsMidRun(extraArguments: [])
    defer { try? FileManager.default.removeItem(at: run.work) }
    let (runDirectory, _) = try readSummary(output: run.output)
    let out = run.work.appendingPathComponent("replay-stdout")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let process = Process()
    process.executableURL = try loadforgeBinary()
    process.arguments = ["dashboard", runDirectory.path, "--port", "0"]
    process.standardOutput = try FileHandle(forWritingTo: out)
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    let bound = try #require(waitForPrintedPort(in: out), "the URL was printed")
    let page = try httpGet(port: bound, path: "/")
    #expect(page.hasPrefix("HTTP/1.1 200"), "\(page.prefix(200))")
    #expect(page.contains("assets/app.js"), "the page loads the bundle")
    #expect(try httpGet(port: bound, path: "/assets/app.js").hasPrefix("HTTP/1.1 200"))
    #expect(try httpGet(port: bound, path: "/assets/plotly.min.js").hasPrefix("HTTP/1.1 200"))
    for path in ["/run.json", "/snapshots.ndjson", "/assets/../run.json", "/../summary.json", "/loadtest.toml"] {
      let response = try httpGet(port: bound, path: path)
      #expect(
        response.hasPrefix("HTTP/1.1 404") || response.hasPrefix("HTTP/1.1 400"), "\(path): \(response.prefix(80))")
      #expect(!response.contains("\"started_at\""), "\(path) leaked run.json")
    }
    kill(process.processIdentifier, SIGINT)
    let stopDeadline = Date().addingTimeInterval(10)
    while process.isRunning, Date() < stopDeadline { usleep(20_000) }
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(try String(contentsOf: out, encoding: .utf8).hasSuffix("dashboard stopped\n"))
  }
}

/// TCP sockets in LISTEN state that `pid` holds: its socket fds (/proc/PID/fd → `socket:[inode]`)
/// matched against the listening entries of /proc/PID/net/tcp and tcp6 (state 0A).
func listeningTCPSockets(pid: Int32) -> Int {
  let fdDirectory = "/proc/\(pid)/fd"
  let names = (try? FileManager.default.contentsOfDirectory(atPath: fdDirectory)) ?? []
  var inodes = Set<String>()
  for name in names {
    guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDirectory)/\(name)"),
      target.hasPrefix("socket:[")
    else { continue }
    inodes.insert(String(target.dropFirst("socket:[".count).dropLast()))
  }
  var listening = 0
  for table in ["tcp", "tcp6"] {
    let text = readProcFile("/proc/\(pid)/net/\(table)")
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: " ")
      // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
      guard fields.count > 9, fields[3] == "0A", inodes.contains(String(fields[9])) else { continue }
      listening += 1
    }
  }
  return listening
}

/// One `GET path` over a raw socket (no URL normalisation on the way), the whole response as text.
func httpGet(port: Int, path: String) throws -> String {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw TestFailure("socket failed") }
  defer { close(fd) }
  var timeout = timeval(tv_sec: 5, tv_usec: 0)
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  var addr = sockaddr_in()
  addr.sin_family = sa_family_t(AF_INET)
  addr.sin_port = in_port_t(UInt16(port).bigEndian)
  addr.sin_addr.s_addr = inet_addr("127.0.0.1")
  let connected = withUnsafePointer(to: &addr) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  guard connected == 0 else { throw TestFailure("cannot connect to 127.0.0.1:\(port)") }
  let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
  _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
  var response: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65_536)
  while true {
    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    if n <= 0 { break }
    response += buffer[0..<n]
  }
  return String(decoding: response, as: UTF8.self)
}
