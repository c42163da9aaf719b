/// The demo shop's endpoints and their latency profiles (at `--latency-scale 1`). Base
/// latencies stay at a few ms so a test against the demo is quick; `search` is the one slow
/// endpoint.
public enum DemoEndpoint: String, Sendable, CaseIterable {
  case health, login, listProducts, productDetail, search, export

  /// The endpoint's service time.
  public var latency: LatencyProfile {
    switch self {
    case .health: LatencyProfile(medianMs: 0.3, sigma: 0.25)
    case .login: LatencyProfile(medianMs: 6, sigma: 0.3, tailProbability: 0.01, tailFactor: 5)
    case .listProducts: LatencyProfile(medianMs: 4, sigma: 0.5, tailProbability: 0.02, tailFactor: 8)
    case .productDetail: LatencyProfile(medianMs: 2, sigma: 0.4, tailProbability: 0.01, tailFactor: 10)
    case .search: LatencyProfile(medianMs: 60, sigma: 0.6, tailProbability: 0.05, tailFactor: 4)
    // Per chunk: the export streams one product at a time.
    case .export: LatencyProfile(medianMs: 0.5, sigma: 0.3)
    }
  }

  /// Whether `--error-rate` applies. The probe and the login stay reliable (see
  /// `DemoConfiguration.errorRate`).
  public var injectsErrors: Bool { self != .health && self != .login }
}
