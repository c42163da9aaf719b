import ArgumentParser
import LoadForgeDashboard

/// Where a dashboard listens: `run --dashboard[-port|-host]` and `dashboard RUN_DIR --port/--host`
/// share the defaults and the checks.
enum DashboardAddress {
  /// The port k6's web dashboard uses too, so a bookmark works for both.
  static let defaultPort = 5665
  /// Loopback only: the dashboard shows the test's endpoints and error reasons to whoever can
  /// reach it, so another interface is served only when asked.
  static let defaultHost = "127.0.0.1"

  /// - Throws: `ValidationError` (exit 2) for a port outside 0…65535 or an empty host.
  static func validate(port: Int, host: String) throws {
    guard (0...65_535).contains(port) else {
      throw ValidationError("the dashboard port must be from 0 to 65535 (0 picks a free one), got \(port)")
    }
    guard !host.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ValidationError("the dashboard host is empty: give an address such as 127.0.0.1 or 0.0.0.0")
    }
  }

  /// What to do after `error`: another port when the address was busy (`flag` is the option that
  /// sets it), nothing otherwise (a bad host or missing assets say what is wrong themselves).
  static func hint(for error: any Error, flag: String) -> String {
    (error as? DashboardError)?.isAddressInUse == true ? "; choose another with \(flag) (0 picks a free one)" : ""
  }

  /// Whether `host` only accepts connections from this machine (the server's own rule).
  static func isLoopback(_ host: String) -> Bool { DashboardServer.isLoopback(host) }

  /// The URL to print: a host that listens everywhere is shown as this machine's loopback
  /// address, which a browser on the machine can open.
  static func url(host: String, port: Int) -> String {
    let shown =
      switch host {
      case "0.0.0.0": "127.0.0.1"
      case "::": "[::1]"
      default: host.contains(":") ? "[\(host)]" : host
      }
    return "http://\(shown):\(port)/"
  }
}

/// `run`'s live dashboard flags. Without `--dashboard` nothing of the dashboard is started.
struct DashboardOptions: ParsableArguments {
  @Flag(
    help: """
      Serve a live web dashboard while the run lasts (http://127.0.0.1:5665/ by default): \
      throughput, latency percentiles, users, errors and endpoints, one update per second.
      """)
  var dashboard = false

  @Option(help: "The dashboard's TCP port (0 picks a free one; default 5665). Implies --dashboard.")
  var dashboardPort: Int?

  @Option(
    help: """
      The address the dashboard listens on (default 127.0.0.1: this machine only; 0.0.0.0 \
      serves every interface). Implies --dashboard.
      """)
  var dashboardHost: String?

  /// Whether to serve: the flag, or either of its options.
  var isEnabled: Bool { dashboard || dashboardPort != nil || dashboardHost != nil }
  var port: Int { dashboardPort ?? DashboardAddress.defaultPort }
  var host: String { dashboardHost ?? DashboardAddress.defaultHost }

  func validate() throws {
    if isEnabled { try DashboardAddress.validate(port: port, host: host) }
  }
}
