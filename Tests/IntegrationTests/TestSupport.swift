import Foundation

struct TestFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// The checkout root (two levels above this file's directory).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The `loadforge` executable built next to the test bundle.
func loadforgeBinary() throws -> URL {
  let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  var dir = testBinary.deletingLastPathComponent()
  for _ in 0..<4 {
    let candidate = dir.appendingPathComponent("loadforge")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    dir = dir.deletingLastPathComponent()
  }
  throw TestFailure("loadforge binary not found next to \(testBinary.path); run `swift build` first")
}

func makeTemporaryDirectory(prefix: String) throws -> URL {
  var template = Array((NSTemporaryDirectory() + "/\(prefix).XXXXXX").utf8CString)
  guard let result = mkdtemp(&template) else { throw TestFailure("mkdtemp failed") }
  let url = URL(fileURLWithPath: String(cString: result))
  // nginx workers may run as another user: let them read the html root.
  chmod(url.path, 0o755)
  return url
}

/// A listening socket on a free 127.0.0.1 port, to make that port busy.
func listenOnLoopback() throws -> (fd: Int32, port: Int) {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw TestFailure("socket failed") }
  var addr = sockaddr_in()
  addr.sin_family = sa_family_t(AF_INET)
  addr.sin_port = 0
  addr.sin_addr.s_addr = inet_addr("127.0.0.1")
  var len = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafePointer(to: &addr) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
  }
  guard bound == 0, listen(fd, 4) == 0 else {
    close(fd)
    throw TestFailure("bind/listen failed")
  }
  _ = withUnsafeMutablePointer(to: &addr) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
  }
  return (fd, Int(UInt16(bigEndian: addr.sin_port)))
}

/// A port that was free a moment ago on 127.0.0.1.
func freeLoopbackPort() throws -> Int {
  let (fd, port) = try listenOnLoopback()
  close(fd)
  return port
}

func canConnect(port: Int) -> Bool {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { return false }
  defer { close(fd) }
  var addr = sockaddr_in()
  addr.sin_family = sa_family_t(AF_INET)
  addr.sin_port = in_port_t(UInt16(port).bigEndian)
  addr.sin_addr.s_addr = inet_addr("127.0.0.1")
  return withUnsafePointer(to: &addr) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
    }
  }
}

/// Result of running the CLI as a child process.
struct CommandResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `loadforge` with `arguments`; `interruptAfter` sends `signal` after that many seconds.
func runLoadForge(
  _ arguments: [String], environment: [String: String] = [:], interruptAfter: Double? = nil,
  signal: Int32 = SIGINT, timeout: Double = 60, currentDirectory: URL? = nil
) throws -> CommandResult {
  let process = Process()
  process.executableURL = try loadforgeBinary()
  process.arguments = arguments
  if let currentDirectory { process.currentDirectoryURL = currentDirectory }
  var env = ProcessInfo.processInfo.environment
  for (k, v) in environment { env[k] = v }
  process.environment = env
  let dir = try makeTemporaryDirectory(prefix: "loadforge-out")
  defer { try? FileManager.default.removeItem(at: dir) }
  let outURL = dir.appendingPathComponent("stdout")
  let errURL = dir.appendingPathComponent("stderr")
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  process.standardOutput = try FileHandle(forWritingTo: outURL)
  process.standardError = try FileHandle(forWritingTo: errURL)
  try process.run()
  let started = Date()
  var interrupted = false
  while process.isRunning {
    if let after = interruptAfter, !interrupted, Date().timeIntervalSince(started) >= after {
      kill(process.processIdentifier, signal)
      interrupted = true
    }
    if Date().timeIntervalSince(started) > timeout {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw TestFailure("loadforge \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
    }
    usleep(20_000)
  }
  return CommandResult(
    status: process.terminationStatus,
    stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
    stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

/// The single run directory created under `output`, and its parsed summary.json.
func readSummary(output: URL) throws -> (runDirectory: URL, summary: [String: Any]) {
  let runs = try FileManager.default.contentsOfDirectory(at: output, includingPropertiesForKeys: nil)
  guard runs.count == 1, let run = runs.first else {
    throw TestFailure("expected one run directory in \(output.path), found \(runs.map(\.lastPathComponent))")
  }
  let data = try Data(contentsOf: run.appendingPathComponent("summary.json"))
  guard let summary = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
    throw TestFailure("summary.json is not an object")
  }
  return (run, summary)
}

/// Runs a Python script of the checkout with the system's python3, collecting its output.
func runPython(script: String, arguments: [String]) throws -> CommandResult {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", repositoryRoot.appendingPathComponent(script).path] + arguments
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Read before waiting so a full pipe cannot block the script.
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  let stderr = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return CommandResult(
    status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
    stderr: String(decoding: stderr, as: UTF8.self))
}

/// The port of the first `http://127.0.0.1:PORT` a child process printed to `output` right after
/// `prefix`, polled until `seconds` (s) pass; nil when none came.
func waitForPrintedPort(in output: URL, after prefix: String = "", seconds: Double = 20) -> Int? {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    if let start = text.range(of: prefix + "http://127.0.0.1:"),
      let port = Int(text[start.upperBound...].prefix(while: \.isNumber))
    {
      return port
    }
    usleep(50_000)
  }
  return nil
}
