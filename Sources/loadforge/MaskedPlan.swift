import Foundation
import LoadForgeConfig
import LoadForgePlan
import LoadForgeSpec

/// The plan as `loadforge plan --json` prints it: every string that came from the environment
/// shows the reference instead of the value (`${TOKEN}`), so the output can be pasted into a
/// ticket or a CI log. Durations and counts keep their real values (they shape the run and are
/// not secrets), and so does a `${NAME:-default}` whose variable is unset or empty: the default
/// is written in the file.
///
/// How: the config is compiled a second time with an environment in which each set variable is
/// a token of letters and digits (`lfmask3z`), valid wherever a value may go (paths, headers,
/// bodies, data file names); the tokens are replaced by `${NAME}` in the encoded JSON. base_url
/// and absolute `url`s must parse as URLs, so they are compiled from their real text and shown
/// as written with set variables masked; the origin (host and port) then shows base_url's mask.
/// Known gap: the origin-form target of an absolute `url` whose origin comes from a variable
/// other than base_url's text shows that variable's path part, if any.
enum MaskedPlan {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The config at `path` compiled with tokens for the environment's values.
  /// - Throws: `Failure` when the config cannot be compiled with masked values (it compiled with
  ///   the real ones), rather than print a real value.
  static func compile(path: String, environment: [String: String], overrides: LoadOverrides) throws -> Compiled {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    guard let format = ConfigFormat(path: path) else { throw Failure(description: "\(path): unknown format") }
    let root: ConfigValue
    var spec: LoadTestSpec
    do {
      root = try format.parse(bytes, file: path)
      spec = try SpecDecoder.decode(root, environment: environment)
    } catch {
      throw Failure(description: "\(path) no longer reads: \(error)")
    }
    var tokens = Tokens(environment: environment, source: String(decoding: bytes, as: UTF8.self))
    let shown = Interpolator(environment: tokens.shown)
    let real = Interpolator(environment: environment)

    // base_url and url must parse as URLs: compiled from the real text (escaped, so it is not
    // read again). When base_url read a set variable, its path (the prefix of every target) is
    // a token too, shown as base_url's mask: `/p` under `${BASE}` reads `${BASE}/p`.
    let baseWritten = spec.baseURL
    let baseShown: String
    let baseMasked: Bool
    do {
      let (text, variables) = try shown.resolve(
        baseWritten.value, at: baseWritten.location, contentOffset: baseWritten.contentOffset)
      baseShown = text
      baseMasked = variables.contains { !(environment[$0] ?? "").isEmpty }
      spec.baseURL.value = try literal(baseWritten, real)
      let realText = try real.resolve(
        baseWritten.value, at: baseWritten.location, contentOffset: baseWritten.contentOffset
      ).text
      if baseMasked, let parsed = try? BaseURL(parsing: realText, at: baseWritten.location), !parsed.pathPrefix.isEmpty
      {
        let o = parsed.origin
        let host = o.host.contains(":") ? "[\(o.host)]" : o.host
        spec.baseURL.value = "\(o.scheme)://\(host):\(o.port)/" + tokens.pathToken(shownAs: baseShown)
      }
    } catch {
      throw Failure(description: "base_url: \(error)")
    }
    let base = (written: baseWritten.value, compiled: spec.baseURL.value)
    for s in spec.scenarios.indices {
      spec.scenarios[s].setup = try spec.scenarios[s].setup.map { try realURL($0, real, base: base) }
      spec.scenarios[s].tasks = try spec.scenarios[s].tasks.map { try realURL($0, real, base: base) }
      spec.scenarios[s].teardown = try spec.scenarios[s].teardown.map { try realURL($0, real, base: base) }
    }
    let reader = ConfigLoading.dataFileReader(configPath: path)
    let unmasking = tokens
    let (compiled, problems) = PlanCompiler.check(
      spec, environment: tokens.masking, overrides: overrides,
      readFile: { (file: String) throws(DataFileError) -> DataFile in try reader(unmasking.unmask(file)) },
      resolveFile: { (file: String) throws(DataFileError) -> String in
        // The real file is checked; the plan shows the path as written, tokens kept.
        try ConfigLoading.checkCertificateFile(ConfigLoading.resolve(unmasking.unmask(file), configPath: path))
        return file
      })
    guard var plan = compiled, problems.isEmpty else {
      throw Failure(
        description: "cannot mask the environment's values in the plan: "
          + problems.map(\.message).joined(separator: "; "))
    }
    plan.baseURL = baseShown
    let maskedOrigin = baseMasked ? baseShown : nil
    return Compiled(plan: plan, origin: maskedOrigin, tokens: tokens)
  }

  /// A plan whose strings hold tokens where the environment's values were.
  struct Compiled {
    /// The plan, tokens in its strings; its numbers are the real ones.
    var plan: Plan
    /// base_url's mask when base_url read a set variable: it stands for `plan.origin`.
    var origin: String?
    var tokens: Tokens

    /// Pretty, key-sorted JSON (`Plan.jsonEncoder`) with `${NAME}` for each token, a newline at the end.
    func json() throws -> Data {
      let encoded = try Plan.jsonEncoder.encode(Masked(plan: plan, origin: origin))
      return Data((tokens.reveal(String(decoding: encoded, as: UTF8.self)) + "\n").utf8)
    }
  }

  /// `written` resolved from `environment`, written so the interpolator reads it back as is:
  /// `${` escaped as `$${`, `${vu.NAME}` kept.
  static func literal(_ written: Located<String>, _ environment: Interpolator) throws -> String {
    guard written.value.contains("${") else { return written.value }
    let pieces = try environment.pieces(written.value, at: written.location, contentOffset: written.contentOffset)
    return pieces.map {
      switch $0 {
      case .text(let text): text.replacingOccurrences(of: "${", with: "$${")
      case .variable(let name, _): "${vu.\(name)}"
      }
    }.joined()
  }

  /// A task's `url` to compile: one written as base_url followed by more (`${BASE}/items`)
  /// gets base_url's compiled text, so its path masks as base_url's does; any other, its real
  /// text.
  static func realURL(_ task: TaskSpec, _ environment: Interpolator, base: (written: String, compiled: String))
    throws -> TaskSpec
  {
    guard case .url(var url) = task.target, url.value.contains("${") else { return task }
    var task = task
    if base.written.contains("${"), url.value.hasPrefix(base.written) {
      url.value = base.compiled + url.value.dropFirst(base.written.count)
    } else {
      url.value = try literal(url, environment)
    }
    task.target = .url(url)
    return task
  }

  /// The masking environment and its way back.
  struct Tokens: Sendable {
    /// Each set variable → its token; empty ones stay empty (`${NAME:-x}` gives x for both).
    var masking: [String: String] = [:]
    /// Each set variable → `${NAME}`, for text shown as written.
    var shown: [String: String] = [:]
    /// Token → real value, for reading data files.
    var real: [(token: String, value: String)] = []
    /// Token → `${NAME}`.
    var reference: [(token: String, text: String)] = []

    /// Starts every token: text the config does not contain, so no written text reads as one.
    var prefix = "lfmask"

    init(environment: [String: String], source: String) {
      while source.contains(prefix) { prefix += "x" }
      for (i, (name, value)) in environment.sorted(by: { $0.key < $1.key }).enumerated() {
        guard !value.isEmpty else {
          masking[name] = ""
          shown[name] = ""
          continue
        }
        // The closing letter keeps token 1 from being a prefix of token 10.
        let token = "\(prefix)\(i)z"
        masking[name] = token
        shown[name] = "${\(name)}"
        real.append((token, value))
        reference.append((token, "${\(name)}"))
      }
    }

    /// A token for base_url's path; `/token` is shown as `text` (base_url's mask).
    mutating func pathToken(shownAs text: String) -> String {
      let token = "\(prefix)pz"
      // First, so the path token is replaced before any other.
      reference.insert(("/" + token, text), at: 0)
      return token
    }

    func unmask(_ text: String) -> String {
      real.reduce(text) { $0.replacingOccurrences(of: $1.token, with: $1.value) }
    }

    func reveal(_ text: String) -> String {
      reference.reduce(text) { $0.replacingOccurrences(of: $1.token, with: $1.text) }
    }
  }

  /// `Plan`'s JSON with `origin` replaced by base_url's mask when base_url read a set variable.
  struct Masked: Encodable {
    var plan: Plan
    var origin: String?

    enum CodingKeys: String, CodingKey {
      case name, baseURL, origin, load, scenarios, scenarioTable, endpoints, thresholds, variables, dataFeeders
      case connection
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(plan.name, forKey: .name)
      try c.encode(plan.baseURL, forKey: .baseURL)
      if let origin { try c.encode(origin, forKey: .origin) } else { try c.encode(plan.origin, forKey: .origin) }
      try c.encode(plan.load, forKey: .load)
      try c.encode(plan.scenarios, forKey: .scenarios)
      try c.encode(plan.scenarioTable, forKey: .scenarioTable)
      try c.encode(plan.endpoints, forKey: .endpoints)
      try c.encode(plan.thresholds, forKey: .thresholds)
      try c.encode(plan.variables, forKey: .variables)
      try c.encode(plan.dataFeeders, forKey: .dataFeeders)
      try c.encode(plan.connection, forKey: .connection)
    }
  }
}
