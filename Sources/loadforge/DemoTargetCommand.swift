import ArgumentParser
import Dispatch
import Foundation
import LoadForgeDemo
import LoadForgeEngine
import LoadForgeReport

/// `loadforge demo-target`: serves the built-in demo shop API until Ctrl-C.
struct DemoTargetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo-target",
    abstract: "Serve a small demo shop API on 127.0.0.1 to try LoadForge against.",
    discussion: """
      Endpoints: GET /health; POST /login with {"user": "…", "password": "…"} → {"token": "…"}; \
      with Authorization: Bearer <token> (401 without): GET /products[?page=N&per_page=M], \
      GET /products/{id} (1…20), GET /search?q=… (the slow endpoint, ~60 ms), \
      GET /export/products.ndjson (chunked). HTTP/1.1 with keep-alive.

      Latencies are log-normal per endpoint (a few ms) with a slow tail; --latency-scale \
      multiplies them (0: no delay). --error-rate answers that share of requests with 500, 503 \
      or 429 (never /health or /login).

      This is a test target, not part of the measurement: running it on the same cores as the \
      load generator halves both, so measure real services from another machine. \
      `loadforge run FILE --demo` starts it in-process on a free port instead. Ctrl-C stops it.
      """)

  @Option(help: "TCP port on 127.0.0.1 (0 picks a free one).")
  var port = 8080

  @Option(help: "Share of requests answered with 500/503/429, from 0 to 1.")
  var errorRate = DemoConfiguration.defaultErrorRate

  @Option(help: "Multiplies every latency (0: answer at once).")
  var latencyScale = 1.0

  var demoConfiguration: DemoConfiguration {
    DemoConfiguration(port: port, errorRate: errorRate, latencyScale: latencyScale)
  }

  func validate() throws {
    if let problem = demoConfiguration.problems().first { throw ValidationError(problem) }
  }

  func run() throws {
    let stopped = DispatchSemaphore(value: 0)
    // Installed before the server's threads exist; the handler runs on the trap's own thread.
    SignalTrap.install { _ in stopped.signal() }
    let server = DemoServer(configuration: demoConfiguration)
    let bound: Int
    do {
      bound = try WaitForAsync.run { try await server.start() }
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(ExitStatus.configError)
    }
    let percent = (errorRate * 1000).rounded() / 10
    TerminalView.writeToStandardOutput(
      "demo target: http://127.0.0.1:\(bound) (error rate \(percent) %, latency scale \(latencyScale)); Ctrl-C stops it\n"
    )
    stopped.wait()
    WaitForAsync.run { await server.stop() }
    TerminalView.writeToStandardOutput("demo target stopped\n")
  }
}
