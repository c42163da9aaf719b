/// A node of a parsed config file (TOML, YAML or JSON), with the place it came from.
///
/// Every node, including each table key, carries its `SourceLocation`, so later stages
/// (spec validation, plan compilation) can point at the exact spot of a problem.
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

  public init(_ kind: Kind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
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
    public var value: ConfigValue
    public init(key: String, keyLocation: SourceLocation, value: ConfigValue) {
      self.key = key
      self.keyLocation = keyLocation
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
  public mutating func set(_ key: String, _ value: ConfigValue, keyLocation: SourceLocation) {
    if let i = index[key] {
      entries[i].value = value
    } else {
      index[key] = entries.count
      entries.append(Entry(key: key, keyLocation: keyLocation, value: value))
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
