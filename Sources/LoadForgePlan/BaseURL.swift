import LoadForgeConfig

/// A parsed `base_url`: `http://host[:port][/prefix]` (RFC 3986 §3, the subset load tests use).
public struct BaseURL: Sendable, Equatable {
  public var origin: Origin
  /// Path prefix without a trailing slash (`""` or `/api`); task paths are appended to it.
  public var pathPrefix: String

  /// - Parameter field: the config key named in messages (`base_url`, or `url` for a task's
  ///   absolute URL, whose scheme and authority are parsed here).
  /// - Throws: `Diagnostic` at `location` when the text is not an `http://` or `https://` URL.
  /// - Parameter length: the caret width of the value as written (`Located.length`); nil for
  ///   `text` in quotes.
  public init(
    parsing text: String, at location: SourceLocation, length: Int? = nil, field: String = "base_url"
  ) throws(Diagnostic) {
    let length = length ?? text.count + 2
    let scheme: String
    let rest: Substring
    if text.lowercased().hasPrefix("http://") {
      scheme = "http"
      rest = text.dropFirst(7)
    } else if text.lowercased().hasPrefix("https://") {
      scheme = "https"
      rest = text.dropFirst(8)
    } else {
      throw Diagnostic(
        "\(field) must start with http:// or https://, got \"\(text)\"", at: location, length: length,
        help: "for example \(field) = \"http://127.0.0.1:8080\"")
    }
    let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    var path = String(rest[authorityEnd...])
    if path.contains("?") || path.contains("#") {
      throw Diagnostic(
        "\(field) must not contain a query or fragment", at: location, length: length,
        help: "put the query in each task's path")
    }
    while path.hasSuffix("/") { path.removeLast() }
    if authority.contains("@") {
      throw Diagnostic(
        "credentials in \(field) are not supported", at: location, length: length,
        help: "send an Authorization header instead")
    }
    var host: Substring
    var portText: Substring?
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else {
        throw Diagnostic("unterminated IPv6 address in \(field)", at: location, length: length)
      }
      host = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if after.hasPrefix(":") {
        portText = after.dropFirst()
      } else if !after.isEmpty {
        throw Diagnostic("unexpected text after the IPv6 address in \(field)", at: location, length: length)
      }
    } else if let colon = authority.lastIndex(of: ":") {
      host = authority[..<colon]
      portText = authority[authority.index(after: colon)...]
    } else {
      host = authority
    }
    if host.isEmpty { throw Diagnostic("\(field) has no host", at: location, length: length) }
    if !authority.hasPrefix("["), host.contains(":") {
      throw Diagnostic(
        "an IPv6 address in \(field) must be in brackets", at: location, length: length,
        help: "for example http://[::1]:8080")
    }
    let hostBytes = authority.hasPrefix("[") ? "" : host
    if let bad = hostBytes.unicodeScalars.first(where: { !Self.isHostCharacter($0) }) {
      throw Diagnostic(
        "invalid character \"\(bad.escaped(asASCII: true))\" in the host of \(field)", at: location, length: length,
        help: "host names use letters, digits, '-' and '.' (RFC 3986 §3.2.2)")
    }
    var port = scheme == "https" ? 443 : 80
    if let portText {
      guard let p = Int(portText), (1...65535).contains(p) else {
        throw Diagnostic(
          "invalid port \"\(portText)\" in \(field)", at: location, length: length, help: "ports are 1–65535")
      }
      port = p
    }
    if let problem = RequestTarget.problem(in: path) {
      throw Diagnostic(
        "the path of \(field) \(problem.message)", at: location, length: length, help: problem.help)
    }
    self.origin = Origin(scheme: scheme, host: String(host).lowercased(), port: port)
    self.pathPrefix = path
  }

  /// RFC 3986 §3.2.2 reg-name characters we accept (unreserved plus percent-encoding).
  static func isHostCharacter(_ c: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "." || c == "_"
      || c == "~" || c == "%"
  }
}
