import LoadForgeConfig
import LoadForgeSpec

extension PlanCompilation {
  /// `expect` as check plans; values are interpolated (`${ENV}`) but fixed for the run.
  mutating func checks(_ specs: [CheckSpec]) -> [CheckPlan] {
    var checks: [CheckPlan] = []
    for spec in specs {
      switch spec {
      case .status(let ranges, let text):
        checks.append(CheckPlan(kind: .status, statusRanges: ranges, description: "status \(text)"))
      case .header(let name, nil):
        checks.append(CheckPlan(kind: .header, subject: name.value, description: "header \(name.value) present"))
      case .header(let name, let written?):
        guard let value = fixed(written, what: "an expected header value") else { continue }
        checks.append(
          CheckPlan(
            kind: .header, subject: name.value, expected: value, description: "header \(name.value) = \(value)"))
      case .bodyContains(let written):
        guard let text = fixed(written, what: "body_contains") else { continue }
        checks.append(
          CheckPlan(kind: .bodyContains, expected: text, description: "body contains \(JSONText.quoted(text))"))
      case .json(let path, let expected):
        guard jsonPath(path) != nil else { continue }
        let before = problems.count
        let text = JSONText.render(expected) { fixed($0, what: "an expected JSON value") ?? $0.value }
        guard problems.count == before else { continue }
        checks.append(
          CheckPlan(kind: .json, subject: path.value, expected: text, description: "\(path.value) == \(text)"))
      }
    }
    return checks
  }

  /// `capture` as capture plans; every name already has its slot.
  mutating func captures(_ specs: [CaptureSpec]) -> [CapturePlan] {
    specs.compactMap { spec in
      let source: CapturePlan.Source
      switch spec.source {
      case .json:
        guard jsonPath(spec.expression) != nil else { return nil }
        source = .json
      case .regex: source = .regex
      case .header: source = .header
      }
      return CapturePlan(
        name: spec.name.value, variable: slot(spec.name.value), source: source, expression: spec.expression.value,
        group: spec.group)
    }
  }

  /// The JSONPath `written`, or nil after reporting why it is not one LoadForge understands.
  private mutating func jsonPath(_ written: Located<String>) -> JSONPath? {
    do { return try JSONPath(parsing: written.value) } catch {
      problems.append(
        Diagnostic(
          "invalid JSONPath \(JSONText.quoted(written.value)): \(error.message)", at: written.location,
          length: written.length,
          help: "LoadForge reads $, .name, ['name'] and [index] (e.g. $.items[0].id); no wildcards or filters"))
      return nil
    }
  }
}
