import LoadForgeConfig
import LoadForgeSpec

extension PlanLint {
  /// `${vu.NAME}` in a setup request that can only be empty there: setup runs once per VU before
  /// its first iteration, so a column of a `per = "iteration"` feeder (its row is taken at each
  /// iteration start) and a variable captured only by a later request have no value yet.
  static func emptyInSetup(spec: LoadTestSpec, plan: Plan, environment: [String: String]) -> [Diagnostic] {
    let perIteration = Dictionary(
      plan.dataFeeders.filter { $0.per == .iteration }.flatMap { f in f.columns.map { ($0, f.file) } },
      uniquingKeysWith: { first, _ in first })
    let perVU = Set(plan.dataFeeders.filter { $0.per == .vu }.flatMap(\.columns))
    let interpolator = Interpolator(environment: environment)
    var warnings: [Diagnostic] = []
    var reported = Set<SourceLocation>()  // a [defaults] header is shared by every request
    for (s, scenario) in spec.scenarios.enumerated() where s < plan.scenarios.count {
      for (i, request) in scenario.setup.enumerated() where i < plan.scenarios[s].setup.count {
        let name = plan.scenarios[s].setup[i].name
        let earlier = Set(scenario.setup[..<i].flatMap { $0.captures.map(\.name.value) })
        let laterRequests = Array(scenario.setup[i...]) + scenario.tasks + scenario.teardown
        for (variable, location) in references(in: request, defaults: spec.defaults.headers, interpolator) {
          guard !earlier.contains(variable), !perVU.contains(variable) else { continue }
          if let file = perIteration[variable] {
            guard reported.insert(location).inserted else { continue }
            warnings.append(
              Diagnostic(
                "${vu.\(variable)} is always empty in setup request \(JSONText.quoted(name)): [[data]] "
                  + "\(JSONText.quoted(file)) has per = \"iteration\", whose rows are taken at each iteration "
                  + "start, after setup", at: location, length: variable.count + 6,
                help: "use per = \"vu\" (one row per virtual user, taken before setup), or use it in the flow or tasks",
                severity: .warning))
          } else if let capturer = laterRequests.firstIndex(where: { r in
            r.captures.contains { $0.name.value == variable }
          }) {
            guard reported.insert(location).inserted else { continue }
            let compiled = plan.scenarios[s]
            let all = Array(compiled.setup[i...]) + compiled.tasks + compiled.teardown
            let by =
              capturer == 0
              ? "from this request's own response"
              : "only by a later request (\(JSONText.quoted(all[capturer].name)))"
            warnings.append(
              Diagnostic(
                "${vu.\(variable)} is always empty in setup request \(JSONText.quoted(name)): it is captured \(by)",
                at: location, length: variable.count + 6,
                help: "setup runs once before the first iteration: capture it in an earlier setup request, "
                  + "or use it in the flow or tasks", severity: .warning))
          }
        }
      }
    }
    return warnings
  }

  /// Every `${vu.NAME}` a request sends, with its location: target, query, its headers and the
  /// `[defaults]` headers it does not override, body.
  private static func references(
    in request: TaskSpec, defaults: [HeaderSpec], _ interpolator: Interpolator
  ) -> [(String, SourceLocation)] {
    var strings = [request.target.text] + request.query.map(\.value) + request.headers.map(\.value)
    let own = Set(request.headers.map { $0.name.lowercased() })
    strings += defaults.filter { !own.contains($0.name.lowercased()) }.map(\.value)
    func json(_ value: JSONValueSpec) {
      switch value {
      case .string(let s): strings.append(s)
      case .array(let items): items.forEach(json)
      case .object(let members): members.forEach { json($0.value) }
      case .integer, .float, .boolean: break
      }
    }
    switch request.body {
    case .text(let s)?: strings.append(s)
    case .json(let value)?: json(value)
    case .form(let parameters)?: strings += parameters.map(\.value)
    case nil: break
    }
    return strings.flatMap { s in
      let pieces = (try? interpolator.pieces(s.value, at: s.location, contentOffset: s.contentOffset)) ?? []
      return pieces.compactMap { piece -> (String, SourceLocation)? in
        if case .variable(let name, let location) = piece { (name, location) } else { nil }
      }
    }
  }
}
