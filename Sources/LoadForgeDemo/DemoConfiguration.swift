/// How the demo target behaves: where it listens, how often it fails, how slow it is.
public struct DemoConfiguration: Sendable, Equatable {
  /// TCP port on 127.0.0.1; 0 lets the kernel pick a free one (`DemoServer.start()` returns it).
  public var port: Int
  /// Share of requests (0…1) answered with an injected 500, 503 or 429 instead of the real
  /// response. `GET /health` and `POST /login` never fail on purpose: a probe and a VU's token
  /// stay reliable, so the failures a run sees are the configured ones.
  public var errorRate: Double
  /// Multiplies every sampled latency: 0 answers at once, 1 is the documented profile, 10 a
  /// slow backend.
  public var latencyScale: Double

  /// The default error rate, 1 % (`--error-rate`).
  public static let defaultErrorRate = 0.01

  public init(port: Int = 0, errorRate: Double = DemoConfiguration.defaultErrorRate, latencyScale: Double = 1) {
    self.port = port
    self.errorRate = errorRate
    self.latencyScale = latencyScale
  }

  /// Every problem with the values, in flag terms (`--port`, `--error-rate`, `--latency-scale`).
  public func problems() -> [String] {
    var found: [String] = []
    if !(0...65535).contains(port) { found.append("--port must be between 0 and 65535") }
    if !(errorRate >= 0 && errorRate <= 1) { found.append("--error-rate must be between 0 and 1 (0.01 is 1 %)") }
    if !(latencyScale >= 0 && latencyScale.isFinite) { found.append("--latency-scale must be 0 or more") }
    return found
  }
}
