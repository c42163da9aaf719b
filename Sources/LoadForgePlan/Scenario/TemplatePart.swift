/// A piece of a request that is rendered per send: literal text, or the current value of a
/// virtual-user variable (`${vu.NAME}`) escaped for where it lands.
///
/// JSON shape: `{"text": "/users/"}` or `{"variable": 0, "escape": "percent"}`.
public struct TemplatePart: Codable, Sendable, Equatable {
  /// Literal text (UTF-8); empty for a variable part.
  public var text: String
  /// Slot in `Plan.variables`, nil for literal text.
  public var variable: Int?
  /// How the variable's value is escaped; `.none` for literal text.
  public var escape: TemplateEscape

  public init(text: String) {
    self.text = text
    variable = nil
    escape = .none
  }

  public init(variable: Int, escape: TemplateEscape) {
    text = ""
    self.variable = variable
    self.escape = escape
  }

  enum CodingKeys: String, CodingKey { case text, variable, escape }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    if let variable {
      try c.encode(variable, forKey: .variable)
      try c.encode(escape, forKey: .escape)
    } else {
      try c.encode(text, forKey: .text)
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
    variable = try c.decodeIfPresent(Int.self, forKey: .variable)
    escape = try c.decodeIfPresent(TemplateEscape.self, forKey: .escape) ?? .none
  }
}

/// How a variable's value is escaped where it is inserted.
public enum TemplateEscape: String, Codable, Sendable, Equatable {
  /// Inserted as is (a text `body`).
  case none
  /// Request target (path or query): every byte outside RFC 3986 §2.3 unreserved
  /// (`A–Z a–z 0–9 - . _ ~`) is percent-encoded, so a value cannot add path segments or parameters.
  case percent
  /// Inside a JSON string of a `json` body: escaped as RFC 8259 §7 requires (quote, backslash,
  /// control characters), without the surrounding quotes.
  case json
  /// A value of a `form` body: application/x-www-form-urlencoded (WHATWG URL §5.2; space as `+`).
  case form
  /// A header field value: CR, LF and NUL are replaced by SP (RFC 9110 §5.5), so a value can
  /// never split the request.
  case header
}
