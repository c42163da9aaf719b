import Foundation

/// What a run is about to do: `run.json`, and the header of every live view.
///
/// JSON keys: `name`, `pattern`, `duration_s`, `tick_s`, `grace_period_s`, `workers`, `peak_vus`,
/// `endpoints`; `peak_rate` in the open model; `started_at` (ISO 8601, UTC, ms, as `summary.json`'s;
/// absent in files written before it existed).
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
  /// When the run started (wall clock): `Summary.startedAt`, so a summary rebuilt from the
  /// results directory has it after a crash too.
  public var startedAt: Date?

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
    case startedAt = "started_at"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    pattern = try c.decode(String.self, forKey: .pattern)
    durationSeconds = try c.decode(Double.self, forKey: .durationSeconds)
    tickSeconds = try c.decode(Double.self, forKey: .tickSeconds)
    gracePeriodSeconds = try c.decode(Double.self, forKey: .gracePeriodSeconds)
    workers = try c.decode(Int.self, forKey: .workers)
    peakVUs = try c.decode(Double.self, forKey: .peakVUs)
    peakRate = try c.decodeIfPresent(Double.self, forKey: .peakRate)
    endpoints = try c.decode([EndpointInfo].self, forKey: .endpoints)
    if let text = try c.decodeIfPresent(String.self, forKey: .startedAt) {
      guard let date = try? Summary.timestampStyle.parse(text) else {
        throw DecodingError.dataCorruptedError(
          forKey: .startedAt, in: c, debugDescription: "started_at is not an ISO 8601 timestamp: \(text)")
      }
      // The parsed instant can sit a few ns below the written millisecond (binary floating
      // point), and ISO 8601 formatting truncates: nudge it half a µs up so that writing it again
      // (a rebuilt summary's `started_at`) gives back the same text.
      startedAt = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000 + 0.000_000_5)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(pattern, forKey: .pattern)
    try c.encode(durationSeconds, forKey: .durationSeconds)
    try c.encode(tickSeconds, forKey: .tickSeconds)
    try c.encode(gracePeriodSeconds, forKey: .gracePeriodSeconds)
    try c.encode(workers, forKey: .workers)
    try c.encode(peakVUs, forKey: .peakVUs)
    try c.encodeIfPresent(peakRate, forKey: .peakRate)
    try c.encode(endpoints, forKey: .endpoints)
    try c.encodeIfPresent(startedAt?.formatted(Summary.timestampStyle), forKey: .startedAt)
  }
}
