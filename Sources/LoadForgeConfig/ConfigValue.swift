/// A node of a parsed config file (TOML, YAML or JSON), with the place it came from.
///
/// Every node, including each table key, carries its `SourceLocation`, so later stages
/// (spec validation, plan compilation) can point at the exact spot of a problem and underline
/// exactly the value as written (`sourceLength`). Equality compares locations and widths too.
public struct ConfigValue: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case dateTime(ConfigDateTime)
    case array([ConfigValue])
    case table(ConfigTable)
  }

  public var kind: Kind
  public var location: SourceLocation
  /// Width of the value as written, in columns as `Diagnostic.rendered` counts them (Unicode
  /// scalars, a tab is one): the width of its caret underline. Quotes are included (`"GET"` is
  /// 5). A string that spans lines counts up to the end of its first line (a TOML triple quote
  /// alone is 3, a YAML `|` is 1). An array or table written on one line (`[1, 2]`,
  /// `{ a = 1 }`) spans its brackets; one that spans lines, a `[header]` table and a YAML block
  /// collection count 1 (the opening bracket, or the first character of the first key or `-`).
  /// At least 1.
  public var sourceLength: Int
  /// Columns from `location` to the first character of a string's content: 1 after a quote,
  /// 3 after a TOML triple quote, 0 for a plain YAML scalar and everything else. `Interpolator`
  /// adds it to place a `${…}` inside the string.
  public var contentOffset: Int

  /// - Parameters:
  ///   - sourceLength: see `sourceLength`; 1 for values that did not come from a file.
  ///   - contentOffset: see `contentOffset`.
  public init(_ kind: Kind, at location: SourceLocation, sourceLength: Int = 1, contentOffset: Int = 0) {
    self.kind = kind
    self.location = location
    self.sourceLength = max(1, sourceLength)
    self.contentOffset = contentOffset
  }

  /// A short name of the kind for error messages ("string", "integer", "table", …).
  public var typeName: String {
    switch kind {
    case .string: "string"
    case .integer: "integer"
    case .float: "float"
    case .boolean: "boolean"
    case .dateTime: "datetime"
    case .array: "array"
    case .table: "table"
    }
  }

  public var stringValue: String? { if case .string(let s) = kind { s } else { nil } }
  public var integerValue: Int64? { if case .integer(let i) = kind { i } else { nil } }
  /// Integers widen to Double; floats as they are.
  public var numberValue: Double? {
    switch kind {
    case .integer(let i): Double(i)
    case .float(let d): d
    default: nil
    }
  }
  public var boolValue: Bool? { if case .boolean(let b) = kind { b } else { nil } }
  public var arrayValue: [ConfigValue]? { if case .array(let a) = kind { a } else { nil } }
  public var tableValue: ConfigTable? { if case .table(let t) = kind { t } else { nil } }
}

/// A TOML date/time value, kept as its normalised text plus which of the four TOML kinds it is.
public struct ConfigDateTime: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    case offsetDateTime = "datetime"
    case localDateTime = "datetime-local"
    case localDate = "date-local"
    case localTime = "time-local"
  }
  public var kind: Kind
  /// RFC 3339 text, e.g. `1979-05-27T07:32:00Z`, `1979-05-27`, `07:32:00.999`.
  public var text: String
  public init(kind: Kind, text: String) {
    self.kind = kind
    self.text = text
  }
}

/// An ordered table: keys keep the order they were written in.
public struct ConfigTable: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    public var key: String
    public var keyLocation: SourceLocation
    /// Width of the key as written (quotes included), counted as `ConfigValue.sourceLength` is.
    public var keyLength: Int
    public var value: ConfigValue
    /// - Parameter keyLength: the key's width as written; nil for its unquoted width.
    public init(key: String, keyLocation: SourceLocation, keyLength: Int? = nil, value: ConfigValue) {
      self.key = key
      self.keyLocation = keyLocation
      self.keyLength = max(1, keyLength ?? key.unicodeScalars.count)
      self.value = value
    }
  }

  public private(set) var entries: [Entry] = []
  private var index: [String: Int] = [:]

  public init() {}

  public var keys: [String] { entries.map(\.key) }
  public var count: Int { entries.count }
  public var isEmpty: Bool { entries.isEmpty }

  public subscript(key: String) -> ConfigValue? {
    get { index[key].map { entries[$0].value } }
  }

  public func entry(_ key: String) -> Entry? { index[key].map { entries[$0] } }

  /// Inserts or replaces `key` (a replaced key keeps its original position).
  /// - Parameter keyLength: the key's width as written (quotes included); nil for its
  ///   unquoted width.
  public mutating func set(
    _ key: String, _ value: ConfigValue, keyLocation: SourceLocation, keyLength: Int? = nil
  ) {
    if let i = index[key] {
      entries[i].value = value
    } else {
      index[key] = entries.count
      entries.append(Entry(key: key, keyLocation: keyLocation, keyLength: keyLength, value: value))
    }
  }

  /// Mutates the value at `key` in place; returns false if absent.
  @discardableResult
  public mutating func modify(_ key: String, _ body: (inout ConfigValue) throws -> Void) rethrows -> Bool {
    guard let i = index[key] else { return false }
    try body(&entries[i].value)
    return true
  }
}
