import LoadForgeConfig
import LoadForgeSpec

extension PlanCompilation {
  /// A header value's pieces, or nil after reporting: after interpolation a line break would
  /// split the request (RFC 9112 §5).
  mutating func headerPieces(_ h: HeaderSpec) -> [Interpolator.Piece]? {
    guard let pieces = pieces(h.value) else { return nil }
    for case .text(let text) in pieces where !SpecDecoder.isFieldValue(text) {
      problems.append(
        Diagnostic(
          "header \"\(h.name)\" contains a line break or control character after interpolation",
          at: h.value.location, help: "check the environment variable it reads (RFC 9110 §5.5)"))
      return nil
    }
    return pieces
  }

  /// One request of a scenario (task, flow step, setup or teardown) with its checks and captures.
  mutating func task(
    _ task: TaskSpec, scenario: ScenarioSpec, spec: LoadTestSpec,
    defaultHeaders: [(spec: HeaderSpec, pieces: [Interpolator.Piece]?)], baseURL: BaseURL?
  ) -> TaskPlan {
    var headerSpecs = defaultHeaders
    for h in task.headers {
      let entry = (spec: h, pieces: headerPieces(h))
      if let i = headerSpecs.firstIndex(where: { $0.spec.name.lowercased() == h.name.lowercased() }) {
        headerSpecs[i] = entry
      } else {
        headerSpecs.append(entry)
      }
    }
    var headers: [(name: String, value: TemplateBuilder)] = headerSpecs.map { h in
      var value = TemplateBuilder()
      emit(h.pieces ?? [.text(h.spec.value.value)], into: &value, escape: .header)
      return (h.spec.name, value)
    }

    let (prefix, targetPieces) = targetPieces(task.target, baseURL: baseURL)
    var target = TemplateBuilder()
    target.text(prefix)
    var path = TemplateBuilder()
    emit(targetPieces, into: &path, escape: .percent)
    emit(targetPieces, into: &target, escape: .percent)
    let taskName = task.name.flatMap { fixed($0, what: "a task name") } ?? "\(task.method) \(path.display)"
    if !task.query.isEmpty {
      let shown = target.display
      target.text(shown.contains("?") ? (shown.hasSuffix("?") || shown.hasSuffix("&") ? "" : "&") : "?")
      for (i, parameter) in task.query.enumerated() {
        target.text((i > 0 ? "&" : "") + PercentEncoding.encode(parameter.name) + "=")
        let value = pieces(parameter.value) ?? [.text(parameter.value.value)]
        emit(value, into: &target, escape: .percent) { PercentEncoding.encode($0) }
      }
    }

    var body = TemplateBuilder()
    var impliedContentType: String?
    switch task.body {
    case nil: break
    case .text(let text):
      emit(pieces(text) ?? [.text(text.value)], into: &body, escape: .none)
    case .json(let json):
      JSONText.write(json, to: &body) { s, builder in
        emit(pieces(s) ?? [.text(s.value)], into: &builder, escape: .json) { JSONText.escaped($0) }
      }
      impliedContentType = "application/json"
    case .form(let form):
      for (i, parameter) in form.enumerated() {
        body.text((i > 0 ? "&" : "") + PercentEncoding.encode(parameter.name, spaceAsPlus: true) + "=")
        let value = pieces(parameter.value) ?? [.text(parameter.value.value)]
        emit(value, into: &body, escape: .form) { PercentEncoding.encode($0, spaceAsPlus: true) }
      }
      impliedContentType = "application/x-www-form-urlencoded"
    }
    // A Content-Type given in [defaults] or on the task wins over the implied one.
    if let impliedContentType, !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
      var value = TemplateBuilder()
      value.text(impliedContentType)
      headers.append((name: "Content-Type", value: value))
    }

    let usesVariables = target.hasVariables || body.hasVariables || headers.contains { $0.value.hasVariables }
    let request = RequestPlan(
      method: task.method, target: target.display,
      headers: headers.map { HeaderField(name: $0.name, value: $0.value.display) }, body: Array(body.display.utf8),
      timeoutMicros: task.timeoutMicros ?? spec.defaults.timeoutMicros,
      template: usesVariables
        ? RequestTemplate(target: target.parts, headerValues: headers.map(\.value.parts), body: body.parts) : nil)
    let think = task.thinkTime ?? scenario.thinkTime ?? spec.defaults.thinkTime
    return TaskPlan(
      name: taskName, weight: task.weight, endpoint: endpoint(taskName, method: task.method), request: request,
      thinkTime: think.plan, checks: checks(task.checks), captures: captures(task.captures))
  }

  /// The path prefix (base_url's, or none for a `url`) and the pieces of the path and query as
  /// written (a `url` without its origin). Problems are reported; the text as written is used then.
  private mutating func targetPieces(_ target: TargetSpec, baseURL: BaseURL?) -> (String, [Interpolator.Piece]) {
    let written = target.text
    guard var result = pieces(written) else { return (baseURL?.pathPrefix ?? "", [.text(written.value)]) }
    var prefix = baseURL?.pathPrefix ?? ""
    if case .url = target {
      // An absolute URL: its own path, not under base_url's prefix. Its origin must be literal.
      prefix = ""
      var leading = ""
      if case .text(let text) = result.first { leading = text }
      let rest = leading.isEmpty ? result : Array(result.dropFirst())
      let afterScheme = leading.firstRange(of: "://")?.upperBound ?? leading.startIndex
      let hasPath = leading[afterScheme...].contains { $0 == "/" || $0 == "?" || $0 == "#" }
      if !hasPath, case .variable(let name, let location)? = rest.first {
        problems.append(
          Diagnostic(
            "VU variables are per request; the origin of a url cannot use ${vu.\(name)}", at: location,
            length: name.count + 6, help: "use ${vu.NAME} in the url's path or query"))
        return (prefix, [.text(written.value)])
      }
      do {
        result =
          [
            .text(
              try PlanCompiler.urlTarget(
                leading, at: written.location, length: written.length, baseOrigin: baseURL?.origin))
          ] + rest
      } catch {
        problems.append(error)
        return (prefix, [.text(written.value)])
      }
    }
    // Variables are percent-encoded when rendered, so a placeholder of safe characters stands in.
    let checked = result.map { if case .text(let t) = $0 { t } else { "v" } }.joined()
    if let problem = RequestTarget.problem(in: checked) {
      let what = if case .url = target { "url" } else { "path" }
      problems.append(
        Diagnostic(
          "\(what) \(problem.message)", at: written.location, length: written.length, help: problem.help))
    }
    return (prefix, result)
  }
}
