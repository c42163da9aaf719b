import LoadForgeConfig
import LoadForgeSpec

/// The state of one `PlanCompiler.compile` call: the problems found so far, the virtual-user
/// variable slots and the endpoints. Lives only for that call; holds no global state.
struct PlanCompilation {
  let env: Interpolator
  var problems: [Diagnostic] = []
  /// `Plan.variables`: a name's slot is its index.
  var variables: [String] = []
  var slots: [String: Int] = [:]
  var endpoints: [EndpointPlan] = []
  var endpointIndex: [String: Int] = [:]
  /// Names the scenario being compiled may use as `${vu.NAME}`: every feeder column and its
  /// own captures, in slot order (for "did you mean").
  var known: [String] = []
  /// False when a data file could not be read: its columns are unknown, so a `${vu.NAME}` that
  /// is not known is not reported (it may be one of them).
  var feedersComplete = true
  /// Names declared by captures or `[[data]]` columns that the decoder left out for their
  /// errors: a `${vu.NAME}` using one is not reported again as unknown.
  var declared: Set<String> = []
  /// Columns of a `[[data]]` entry left out because it feeds a column another entry feeds.
  var droppedColumns: Set<String> = []
  /// `${vu.NAME}` references already reported, so a `[defaults]` header is reported once.
  var reportedReferences: Set<SourceLocation> = []

  init(environment: [String: String]) {
    env = Interpolator(environment: environment)
  }

  /// `s` with `${ENV}` resolved and `${vu.NAME}` kept as written; `s` as written after reporting
  /// a problem.
  mutating func resolve(_ s: Located<String>) -> String {
    pieces(s).map(Interpolator.display) ?? s.value
  }

  /// `s` resolved into text and `${vu.NAME}` pieces, or nil after reporting a problem.
  mutating func pieces(_ s: Located<String>) -> [Interpolator.Piece]? {
    do { return try env.pieces(s.value, at: s.location, contentOffset: s.contentOffset) } catch {
      problems.append(error)
      return nil
    }
  }

  /// `s` resolved where VU variables cannot be (`what` names the place: "base_url"), or nil
  /// after reporting a problem.
  mutating func fixed(_ s: Located<String>, what: String) -> String? {
    guard let pieces = pieces(s) else { return nil }
    for case .variable(let name, let location) in pieces {
      problems.append(
        Diagnostic(
          "VU variables are per request; \(what) cannot use ${vu.\(name)}", at: location, length: name.count + 6,
          help: "${vu.NAME} works in path, url, query and header values and bodies"))
      return nil
    }
    return Interpolator.display(pieces)
  }

  /// The slot of `name`, assigned on first sight.
  mutating func slot(_ name: String) -> Int {
    if let slot = slots[name] { return slot }
    slots[name] = variables.count
    variables.append(name)
    return variables.count - 1
  }

  /// Appends `pieces` to `builder`: text through `transform`, each variable known in this
  /// scenario as a slot with `escape`; an unknown one is reported.
  mutating func emit(
    _ pieces: [Interpolator.Piece], into builder: inout TemplateBuilder, escape: TemplateEscape,
    transform: (String) -> String = { $0 }
  ) {
    for piece in pieces {
      switch piece {
      case .text(let text):
        builder.text(transform(text))
      case .variable(let name, let location):
        if known.contains(name), let slot = slots[name] {
          builder.variable(slot, name: name, escape: escape)
        } else {
          builder.text("${vu.\(name)}")
          reportUnknown(name, at: location)
        }
      }
    }
  }

  private mutating func reportUnknown(_ name: String, at location: SourceLocation) {
    guard !declared.contains(name), reportedReferences.insert(location).inserted else { return }
    guard feedersComplete else {
      // A [[data]] file could not be read (already an error), so its columns are unknown and
      // this may be one of them. A name close to a known one is a likely typo all the same:
      // a warning says so now rather than in the next run; other names stay quiet.
      guard let suggestion = KeySuggestion.closest(to: name, in: known) else { return }
      problems.append(
        Diagnostic(
          "${vu.\(name)} is not captured in this scenario (unless the [[data]] file that could not be read has "
            + "such a column)", at: location, length: name.count + 6,
          help: "did you mean \"\(suggestion)\"?", severity: .warning))
      return
    }
    let help =
      if let suggestion = KeySuggestion.closest(to: name, in: known) {
        "did you mean \"\(suggestion)\"?"
      } else if known.isEmpty {
        "capture it in an earlier request (capture = { \(name) = { json = \"$.\(name)\" } }) or feed it from [[data]]"
      } else {
        "this scenario knows \(known.map { "${vu.\($0)}" }.joined(separator: ", "))"
      }
    problems.append(
      Diagnostic(
        "${vu.\(name)} is never captured in this scenario nor fed by [[data]]", at: location,
        length: name.count + 6, help: help))
  }

  /// The metric group index of `name`, added on first sight with `method`.
  mutating func endpoint(_ name: String, method: String) -> Int {
    if let i = endpointIndex[name] { return i }
    endpointIndex[name] = endpoints.count
    endpoints.append(EndpointPlan(name: name, method: method))
    return endpoints.count - 1
  }
}
