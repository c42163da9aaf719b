import LoadForgeSpec

/// A load shape: the target (virtual users in the closed model) as a pure function of elapsed time.
///
/// An explicit enum of kinds; one file per kind holds its parameters, `validate()` and curve.
public enum TrafficPattern: Codable, Sendable, Equatable {
  case constant(ConstantPattern)
  case ramp(RampPattern)

  /// The target at `elapsed` seconds since the start; 0 after the end.
  public func target(at elapsed: Double) -> Double {
    switch self {
    case .constant(let p): p.target(at: elapsed)
    case .ramp(let p): p.target(at: elapsed)
    }
  }

  /// Total length, seconds.
  public var durationSeconds: Double {
    switch self {
    case .constant(let p): p.durationSeconds
    case .ramp(let p): p.durationSeconds
    }
  }

  /// The pattern's name as written in configs.
  public var kindName: String {
    switch self {
    case .constant: "constant"
    case .ramp: "ramp"
    }
  }

  /// One line for humans: `constant 20 VUs for 30s`, `ramp 5→20 VUs over 30s`.
  public var summary: String {
    switch self {
    case .constant(let p): "constant \(p.users) \(p.users == 1 ? "VU" : "VUs") for \(Self.seconds(p.durationSeconds))"
    case .ramp(let p): "ramp \(p.from)→\(p.to) VUs over \(Self.seconds(p.durationSeconds))"
    }
  }

  static func seconds(_ s: Double) -> String {
    DurationParser.format(micros: Int64((s * 1_000_000).rounded()))
  }

  /// (elapsed, target) at every tick from 0 up to and including the end, `tick` seconds apart.
  public func ticks(every tick: Double) -> [(elapsed: Double, target: Double)] {
    precondition(tick > 0)
    var out: [(elapsed: Double, target: Double)] = []
    var i = 0
    while true {
      let t = Double(i) * tick
      if t > durationSeconds + 1e-9 { break }
      out.append((t, target(at: t)))
      i += 1
    }
    return out
  }

  private enum CodingKeys: String, CodingKey { case kind }

  /// Flat JSON: `{"kind": "ramp", "from": 0, "to": 50, "durationSeconds": 60}`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kindName, forKey: .kind)
    switch self {
    case .constant(let p): try p.encode(to: encoder)
    case .ramp(let p): try p.encode(to: encoder)
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    switch try c.decode(String.self, forKey: .kind) {
    case "constant": self = .constant(try ConstantPattern(from: decoder))
    case "ramp": self = .ramp(try RampPattern(from: decoder))
    case let other:
      throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown pattern kind \(other)")
    }
  }
}
