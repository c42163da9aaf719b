import LoadForgeSpec

/// A load shape: the target (virtual users in the closed model) as a pure function of elapsed time.
///
/// An explicit enum of kinds; one file per kind holds its parameters, `validate()` and curve.
public enum TrafficPattern: Codable, Sendable, Equatable {
  case constant(ConstantPattern)
  case ramp(RampPattern)
  case step(StepPattern)
  case spike(SpikePattern)
  case diurnal(DiurnalPattern)
  case composite(CompositePattern)

  /// The target at `elapsed` seconds since the start; 0 after the end.
  public func target(at elapsed: Double) -> Double {
    switch self {
    case .constant(let p): p.target(at: elapsed)
    case .ramp(let p): p.target(at: elapsed)
    case .step(let p): p.target(at: elapsed)
    case .spike(let p): p.target(at: elapsed)
    case .diurnal(let p): p.target(at: elapsed)
    case .composite(let p): p.target(at: elapsed)
    }
  }

  /// Problems with the parameters, as messages naming the field (empty when valid).
  public func validate() -> [(field: String, message: String)] {
    switch self {
    case .constant(let p): p.validate()
    case .ramp(let p): p.validate()
    case .step(let p): p.validate()
    case .spike(let p): p.validate()
    case .diurnal(let p): p.validate()
    case .composite(let p): p.validate()
    }
  }

  /// Total length, seconds.
  public var durationSeconds: Double {
    switch self {
    case .constant(let p): p.durationSeconds
    case .ramp(let p): p.durationSeconds
    case .step(let p): p.durationSeconds
    case .spike(let p): p.durationSeconds
    case .diurnal(let p): p.durationSeconds
    case .composite(let p): p.durationSeconds
    }
  }

  /// The pattern's name as written in configs.
  public var kindName: String {
    switch self {
    case .constant: "constant"
    case .ramp: "ramp"
    case .step: "step"
    case .spike: "spike"
    case .diurnal: "diurnal"
    case .composite: "composite"
    }
  }

  /// One line for humans, with the total length: `constant 20 VUs for 30s`, `ramp 5→20 VUs
  /// over 30s`, `step 10→50 VUs, +10 every 30s, 2m30s in all`, `spike 10→200→20 VUs, peak from
  /// 30s for 10s, 1m in all`, `diurnal 5–50 VUs, period 10m, 20m in all`, `composite: 3 stages over 3m`.
  /// The closed model's reading; `summary(for:)` gives the open model's.
  public var summary: String { summary(for: .closed) }

  /// One line for humans in the unit `model` reads the pattern in: VUs in the closed model,
  /// iterations per second in the open one (`constant 100 it/s for 10s`, `ramp 10→60 it/s over 30s`).
  public func summary(for model: LoadPlan.Model) -> String {
    let open = model == .arrivalRate
    func unit(_ n: Int) -> String { open ? "it/s" : n == 1 ? "VU" : "VUs" }
    switch self {
    case .constant(let p): return "constant \(p.users) \(unit(p.users)) for \(Self.seconds(p.durationSeconds))"
    case .ramp(let p): return "ramp \(p.from)→\(p.to) \(unit(2)) over \(Self.seconds(p.durationSeconds))"
    case .step(let p):
      return "step \(p.from)→\(p.to) \(unit(2)), +\(p.stepSize) every \(Self.seconds(p.stepDurationSeconds)), "
        + "\(Self.seconds(p.durationSeconds)) in all"
    case .spike(let p):
      return "spike \(p.base)→\(p.peak)→\(p.sustain) \(unit(2)), peak from "
        + "\(Self.seconds(p.beforeSeconds + p.rampUpSeconds)) for \(Self.seconds(p.holdSeconds)), "
        + "\(Self.seconds(p.durationSeconds)) in all"
    case .diurnal(let p):
      return "diurnal \(p.min)–\(p.max) \(unit(2)), period \(Self.seconds(p.periodSeconds)), "
        + "\(Self.seconds(p.durationSeconds)) in all"
    case .composite(let p):
      let stages = "\(p.stages.count) \(p.stages.count == 1 ? "stage" : "stages")"
      return "composite: \(stages) over \(Self.seconds(p.durationSeconds))\(open ? ", in it/s" : "")"
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

  /// Flat JSON: `{"kind": "ramp", "from": 0, "to": 50, "durationSeconds": 60}`; a composite
  /// holds its stages as an array of such objects: `{"kind": "composite", "stages": [...]}`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kindName, forKey: .kind)
    switch self {
    case .constant(let p): try p.encode(to: encoder)
    case .ramp(let p): try p.encode(to: encoder)
    case .step(let p): try p.encode(to: encoder)
    case .spike(let p): try p.encode(to: encoder)
    case .diurnal(let p): try p.encode(to: encoder)
    case .composite(let p): try p.encode(to: encoder)
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    switch try c.decode(String.self, forKey: .kind) {
    case "constant": self = .constant(try ConstantPattern(from: decoder))
    case "ramp": self = .ramp(try RampPattern(from: decoder))
    case "step": self = .step(try StepPattern(from: decoder))
    case "spike": self = .spike(try SpikePattern(from: decoder))
    case "diurnal": self = .diurnal(try DiurnalPattern(from: decoder))
    case "composite": self = .composite(try CompositePattern(from: decoder))
    case let other:
      throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown pattern kind \(other)")
    }
  }
}
