import LoadForgeConfig

extension SpecDecoder {
  /// `[load]`: the traffic pattern and its parameters, the workload model (`model`, default
  /// `"closed"`) and the open model's VU pool (`max_vus`, required there, at least 1; an error
  /// in the closed model, where the pattern itself sets the VUs).
  mutating func decodeLoad(_ value: ConfigValue) -> LoadSpec? {
    guard let table = expectTable(value, what: section("load"), known: PatternSpec.configKeys + LoadSpec.modelKeys)
    else { return nil }
    let model = decodeLoadModel(table)
    let tick = decodeTick(table)
    var maxVUs: Int?
    if let model {
      maxVUs = decodeMaxVUs(table, model: model, at: value.location)
      if model == .closed { reportRateKeys(in: value) }
    }
    guard let pattern = decodePattern(table, at: value.location, what: section("load"), isStage: false) else {
      return nil
    }
    guard let model, model == .closed || maxVUs != nil, let tick else { return nil }
    var load = LoadSpec(pattern: pattern, location: value.location, model: model, maxVUs: maxVUs)
    load.tickMicros = tick
    return load
  }

  /// `tick`: a duration from 100 ms to 10 s (default 1 s); nil after reporting.
  private mutating func decodeTick(_ table: ConfigTable) -> Int64? {
    guard let value = table["tick"] else { return LoadSpec.defaultTickMicros }
    guard let micros = positiveDuration(value, what: "tick") else { return nil }
    let range = LoadSpec.tickRangeMicros
    guard range.contains(micros) else {
      let low = DurationParser.format(micros: range.lowerBound)
      let high = DurationParser.format(micros: range.upperBound)
      problem(
        "tick \(DurationParser.format(micros: micros)) is outside \(low) … \(high)\(Self.origin(of: value))",
        at: value.location, length: value.sourceLength,
        help: "the pattern is re-evaluated every tick; write a duration from \"\(low)\" to \"\(high)\", e.g. \"1s\"")
      return nil
    }
    return micros
  }

  /// `model`: `"closed"` (default) or `"arrival_rate"`; nil after reporting.
  private mutating func decodeLoadModel(_ table: ConfigTable) -> LoadSpec.Model? {
    guard let value = table["model"] else { return .closed }
    let names = LoadSpec.Model.allCases.map(\.rawValue)
    guard let text = value.stringValue else {
      typeMismatch(value, expected: "a string", key: "model")
      return nil
    }
    if let model = LoadSpec.Model(rawValue: text) { return model }
    let suggestion = KeySuggestion.closest(to: text, in: names)
    problem(
      "unknown model \"\(text)\"", at: value.location, length: value.sourceLength,
      help: suggestion.map { "did you mean \"\($0)\"?" } ?? "models: \(names.joined(separator: ", "))")
    return nil
  }

  /// `max_vus`: required in the open model (≥ 1), refused in the closed one.
  private mutating func decodeMaxVUs(_ table: ConfigTable, model: LoadSpec.Model, at location: SourceLocation) -> Int? {
    switch (model, table.entry("max_vus")) {
    case (.closed, .some(let entry)):
      problem(
        "max_vus applies to the open model only", at: entry.keyLocation, length: entry.keyLength,
        help: "set model = \"arrival_rate\" to run the pattern as iterations per second, or drop max_vus")
      return nil
    case (.closed, nil):
      return nil
    case (.arrivalRate, nil):
      problem(
        "missing \"max_vus\" in \(section("load")) for model \"arrival_rate\"", at: location,
        help: "max_vus = N pre-allocates the VUs that run the iterations (about rate × iteration time)")
      return nil
    case (.arrivalRate, .some):
      return requiredCount(table, "max_vus", in: location, what: section("load"), minimum: 1)
    }
  }

  /// `rate` written in a closed-model pattern (the top level or any stage).
  private mutating func reportRateKeys(in value: ConfigValue) {
    guard let table = value.tableValue else { return }
    if let entry = table.entry("rate") {
      problem(
        "rate applies to the open model only", at: entry.keyLocation, length: entry.keyLength,
        help: "write users = N for virtual users, or set model = \"arrival_rate\" in [load]")
    }
    for stage in table["stages"]?.arrayValue ?? [] { reportRateKeys(in: stage) }
  }

  /// One pattern: the `[load]` table or a composite stage (the same checks for both, so a stage
  /// reports exactly what the top level would). `isStage` lets a stage idle at 0 users (a pause
  /// between bursts); the top level must run at least one VU.
  mutating func decodePattern(_ table: ConfigTable, at location: SourceLocation, what: String, isStage: Bool)
    -> PatternSpec?
  {
    var kind: String? = "constant"
    if let p = table["pattern"] {
      if let s = p.stringValue, PatternSpec.kindNames.contains(s) {
        kind = s
      } else if let s = p.stringValue {
        let suggestion = KeySuggestion.closest(to: s, in: PatternSpec.kindNames)
        problem(
          "unknown pattern \"\(s)\"", at: p.location, length: p.sourceLength,
          help: suggestion.map { "did you mean \"\($0)\"?" }
            ?? "known patterns: \(PatternSpec.kindNames.joined(separator: ", "))")
        kind = nil
      } else {
        typeMismatch(p, expected: "a string", key: "pattern")
        kind = nil
      }
    }
    guard let kind else {
      // Unknown pattern: still check the values that are there, so one run shows every problem.
      for entry in table.entries {
        if PatternSpec.countKeys.contains(entry.key) {
          _ = requiredCount(table, entry.key, in: location, what: what)
        } else if PatternSpec.durationKeys.contains(entry.key) {
          _ = duration(entry.value, what: entry.key)
        }
      }
      return nil
    }
    let allowed = PatternSpec.keys(of: kind)
    // Keys unknown to every pattern were reported by expectTable; here only those of another pattern.
    for entry in table.entries where PatternSpec.configKeys.contains(entry.key) && entry.key != "pattern" {
      guard !allowed.contains(entry.key) else { continue }
      problem(
        "key \"\(entry.key)\" does not apply to pattern \"\(kind)\"", at: entry.keyLocation, length: entry.keyLength,
        help: "\(kind) takes: \(allowed.joined(separator: ", "))")
    }
    let minimumUsers: Int64 = isStage ? 0 : 1
    switch kind {
    case "constant":
      // `rate` is `users` spelled for the open model; one of them, not both.
      let usersKey = table["users"] == nil && table["rate"] != nil ? "rate" : "users"
      if table["users"] != nil, let rate = table.entry("rate") {
        problem(
          "constant takes users or rate, not both", at: rate.keyLocation, length: rate.keyLength,
          help: "rate is the open model's name for users")
      }
      let users = requiredCount(table, usersKey, in: location, what: what, minimum: minimumUsers)
      let duration = requiredDuration(table, "duration", in: location, what: what)
      guard let users, let duration else { return nil }
      return .constant(users: users, durationMicros: duration)
    case "ramp":
      let from = requiredCount(table, "from", in: location, what: what)
      let to = requiredCount(table, "to", in: location, what: what)
      let duration = requiredDuration(table, "duration", in: location, what: what)
      if from == 0, to == 0, !isStage {
        problem(
          "a ramp from 0 to 0 users sends no requests", at: location, help: "set to = the number of users to reach")
        return nil
      }
      guard let from, let to, let duration else { return nil }
      return .ramp(from: from, to: to, durationMicros: duration)
    case "step":
      return decodeStep(table, at: location, what: what, isStage: isStage)
    case "spike":
      return decodeSpike(table, at: location, what: what)
    case "diurnal":
      return decodeDiurnal(table, at: location, what: what)
    default:
      return decodeComposite(table, at: location, what: what, isStage: isStage)
    }
  }

  /// `step`: `from` (default 0), `step_size`, `step_duration`, and exactly one of `steps` or `to`.
  private mutating func decodeStep(_ table: ConfigTable, at location: SourceLocation, what: String, isStage: Bool)
    -> PatternSpec?
  {
    let from = table["from"] == nil ? 0 : requiredCount(table, "from", in: location, what: what)
    let stepSize = requiredCount(table, "step_size", in: location, what: what, minimum: 1)
    let stepDuration = requiredDuration(table, "step_duration", in: location, what: what)
    var end: PatternSpec.StepEnd?
    switch (table.entry("steps"), table.entry("to")) {
    case (.some(let steps), .some(let to)):
      let second = steps.keyLocation.offset > to.keyLocation.offset ? steps : to
      problem(
        "step takes steps or to, not both", at: second.keyLocation, length: second.keyLength,
        help: "steps = N runs N levels; to = U climbs until U users")
    case (.some, nil):
      end = requiredCount(table, "steps", in: location, what: what, minimum: 1).map { .steps($0) }
    case (nil, .some(let entry)):
      if let to = requiredCount(table, "to", in: location, what: what) {
        if let from, to < from {
          problem(
            "to (\(to)) is below from (\(from))", at: entry.value.location, length: entry.value.sourceLength,
            help: "a step pattern climbs; for a descent use a composite of constant stages")
        } else {
          end = .to(to)
        }
      }
    case (nil, nil):
      problem(
        "missing \"steps\" or \"to\" in \(what)", at: location,
        help: "steps = N runs N levels of step_duration; to = U climbs until U users")
    }
    guard let from, let stepSize, let stepDuration, let end else { return nil }
    let spec = PatternSpec.step(from: from, stepSize: stepSize, stepDurationMicros: stepDuration, end: end)
    if spec.maxUsers == 0, !isStage {
      problem(
        "a step pattern that stays at 0 users sends no requests", at: location,
        help: "raise steps or to, or start from > 0")
      return nil
    }
    return spec
  }

  /// `spike`: `base`, `peak`, `duration`; `sustain` (default base), `before`, `ramp_up`,
  /// `ramp_down` (default "0s"), `hold` (default half of the time that before and the ramps
  /// leave, so the other half runs at sustain).
  private mutating func decodeSpike(_ table: ConfigTable, at location: SourceLocation, what: String) -> PatternSpec? {
    let base = requiredCount(table, "base", in: location, what: what)
    let peak = requiredCount(table, "peak", in: location, what: what, minimum: 1)
    let sustain = table["sustain"] == nil ? base : requiredCount(table, "sustain", in: location, what: what)
    let before = optionalDuration(table, "before")
    let rampUp = optionalDuration(table, "ramp_up")
    let holdWritten = table["hold"] != nil
    let holdGiven = holdWritten ? requiredDuration(table, "hold", in: location, what: what) : 0
    let rampDown = optionalDuration(table, "ramp_down")
    let duration = requiredDuration(table, "duration", in: location, what: what)
    var valid = true
    if let peak, let peakValue = table["peak"] {
      if let base, peak < base {
        problem(
          "peak (\(peak)) is below base (\(base))", at: peakValue.location, length: peakValue.sourceLength,
          help: "a spike climbs from base to peak")
        valid = false
      } else if let sustain, peak < sustain {
        problem(
          "peak (\(peak)) is below sustain (\(sustain))", at: peakValue.location, length: peakValue.sourceLength,
          help: "a spike settles from peak down to sustain")
        valid = false
      }
    }
    guard let base, let peak, let sustain, let before, let rampUp, let holdGiven, let rampDown, let duration, valid
    else {
      return nil
    }
    var hold = holdGiven
    if !holdWritten {
      let rest = duration - before - rampUp - rampDown
      guard rest >= 2 else {
        let needed = DurationParser.format(micros: before + rampUp + rampDown)
        problem(
          "spike duration leaves no time at peak after before + ramp_up + ramp_down = \(needed)",
          at: table["duration"]?.location ?? location, length: table["duration"]?.sourceLength ?? 1,
          help: "make duration longer, or give hold")
        return nil
      }
      hold = rest / 2
    }
    let burst = before + rampUp + hold + rampDown
    if duration < burst, let value = table["duration"] {
      let (short, needed) = (DurationParser.format(micros: duration), DurationParser.format(micros: burst))
      problem(
        "spike duration \(short) is shorter than before + ramp_up + hold + ramp_down = \(needed)",
        at: value.location, length: value.sourceLength, help: "set duration to at least \(needed)")
      return nil
    }
    return .spike(
      base: base, peak: peak, sustain: sustain, beforeMicros: before, rampUpMicros: rampUp, holdMicros: hold,
      rampDownMicros: rampDown, durationMicros: duration)
  }

  /// `diurnal`: `min`, `max`, `period`, `duration`; `phase` (default "0s").
  private mutating func decodeDiurnal(_ table: ConfigTable, at location: SourceLocation, what: String) -> PatternSpec? {
    let min = requiredCount(table, "min", in: location, what: what)
    let max = requiredCount(table, "max", in: location, what: what, minimum: 1)
    let period = requiredDuration(table, "period", in: location, what: what)
    let phase = optionalDuration(table, "phase")
    let duration = requiredDuration(table, "duration", in: location, what: what)
    if let min, let max, max < min, let value = table["max"] {
      problem(
        "max (\(max)) is below min (\(min))", at: value.location, length: value.sourceLength,
        help: "the wave runs between min and max users")
      return nil
    }
    guard let min, let max, let period, let phase, let duration else { return nil }
    return .diurnal(min: min, max: max, periodMicros: period, phaseMicros: phase, durationMicros: duration)
  }

  /// `composite`: `stages`, an array of pattern tables run in sequence.
  private mutating func decodeComposite(
    _ table: ConfigTable, at location: SourceLocation, what: String, isStage: Bool
  ) -> PatternSpec? {
    guard let value = table["stages"] else { return missing("stages", in: location, what: what) }
    guard let array = value.arrayValue else {
      typeMismatch(value, expected: "an array of tables", key: "stages")
      return nil
    }
    if array.isEmpty {
      problem(
        "stages is empty", at: value.location, length: value.sourceLength,
        help: "add a stage, e.g. { pattern = \"constant\", users = 10, duration = \"30s\" }")
      return nil
    }
    var stages: [PatternSpec] = []
    var valid = true
    for (index, element) in array.enumerated() {
      let stageWhat = "stage \(index + 1) of \(what)"
      guard let stageTable = expectTable(element, what: stageWhat, known: PatternSpec.configKeys),
        let stage = decodePattern(stageTable, at: element.location, what: stageWhat, isStage: true)
      else {
        valid = false
        continue
      }
      stages.append(stage)
    }
    guard valid else { return nil }
    let spec = PatternSpec.composite(stages: stages)
    if spec.maxUsers == 0, !isStage {
      problem(
        "every stage has 0 users, so the pattern sends no requests", at: value.location, length: value.sourceLength,
        help: "give at least one stage users > 0")
      return nil
    }
    return spec
  }

  /// A required duration > 0, µs.
  private mutating func requiredDuration(
    _ table: ConfigTable, _ key: String, in location: SourceLocation, what: String
  ) -> Int64? {
    guard let value = table[key] else { return missing(key, in: location, what: what) }
    return positiveDuration(value, what: key)
  }

  /// An optional duration ≥ 0, µs; 0 when absent.
  private mutating func optionalDuration(_ table: ConfigTable, _ key: String) -> Int64? {
    guard let value = table[key] else { return 0 }
    if value.integerValue == 0 {
      // `before = 0` is meant as no time; it still needs a unit to read the same in every key.
      problem("\(key) needs a unit", at: value.location, length: value.sourceLength, help: "write \"0s\"")
      return nil
    }
    // Checked on the resolved text, so `"${BEFORE}"` set to "-1s" is reported the same way.
    guard let text = durationText(value, what: key) else { return nil }
    if text.hasPrefix("-") {
      problem(
        "\(key) must be 0s or more\(Self.origin(of: value))", at: value.location, length: value.sourceLength)
      return nil
    }
    return parseDuration(text, of: value, what: key)
  }
}
