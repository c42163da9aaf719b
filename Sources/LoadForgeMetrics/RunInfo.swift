/// What a run is about to do: `run.json`, and the header of every live view.
///
/// JSON keys: `name`, `pattern`, `duration_s`, `tick_s`, `grace_period_s`, `workers`, `peak_vus`,
/// `endpoints`.
public struct RunInfo: Codable, Sendable, Equatable {
  /// The test's name.
  public var name: String
  /// Human description of the traffic pattern, e.g. `ramp 0→50 over 60s`.
  public var pattern: String
  /// Planned length of the load phase (the pattern), s; a drain of at most
  /// `gracePeriodSeconds` may follow.
  public var durationSeconds: Double
  /// Length of one tick, s: the interval of every full load snapshot.
  public var tickSeconds: Double
  /// After the load phase, how long in-flight requests may take before they count as aborted, s.
  public var gracePeriodSeconds: Double
  /// Worker processes generating load.
  public var workers: Int
  /// Largest target the coordinator applies: the pattern evaluated at each tick start and
  /// rounded (`LoadPlan.peakVUs`; VUs in the closed model).
  public var peakVUs: Double
  /// Open model only (`peak_rate`): the largest rate the pattern reaches at a tick start,
  /// iterations/s; `peakVUs` is then the VU pool (`max_vus`).
  public var peakRate: Double?
  /// Metric groups, in plan order.
  public var endpoints: [EndpointInfo]

  public init(
    name: String, pattern: String, durationSeconds: Double, tickSeconds: Double, gracePeriodSeconds: Double,
    workers: Int, peakVUs: Double, endpoints: [EndpointInfo]
  ) {
    self.name = name
    self.pattern = pattern
    self.durationSeconds = durationSeconds
    self.tickSeconds = tickSeconds
    self.gracePeriodSeconds = gracePeriodSeconds
    self.workers = workers
    self.peakVUs = peakVUs
    self.endpoints = endpoints
  }

  enum CodingKeys: String, CodingKey {
    case name, pattern
    case durationSeconds = "duration_s"
    case tickSeconds = "tick_s"
    case gracePeriodSeconds = "grace_period_s"
    case workers
    case peakVUs = "peak_vus"
    case peakRate = "peak_rate"
    case endpoints
  }
}
