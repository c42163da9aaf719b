/// A table under construction, remembering how it came to exist so the TOML 1.0.0
/// redefinition rules can be enforced:
///
/// - a `[header]` may define a table once; a table that only exists because it was a prefix of
///   another header (`[a]` after `[a.b]`) may still be defined later;
/// - tables created by dotted keys (`a.b = 1`) may be extended by more dotted keys in the same
///   section only, and never opened with a `[header]` (their sub-tables may be);
/// - inline tables and static arrays are finished values: nothing may be added to them;
/// - `[[name]]` appends a new table to an array of tables, and nothing else can.
///
/// A reference type because headers reach back into tables built earlier in the document.
final class TOMLTableBuilder {
  enum Origin: Equatable {
    /// The document root or an inline table being parsed.
    case root
    /// Created as a prefix of a header path (`a` in `[a.b]`); may be defined explicitly later.
    case implicit
    /// Defined by `[header]` or as an element of `[[header]]`.
    case header
    /// Created by a dotted key in section `section`.
    case dotted(section: Int)
  }

  /// The elements of a `[[name]]` array, shared so appending does not copy the array.
  final class TableArray {
    var elements: [TOMLTableBuilder]
    /// The first `[[name]]` header.
    let location: SourceLocation
    init(first: TOMLTableBuilder, location: SourceLocation) {
      self.elements = [first]
      self.location = location
    }
  }

  enum Child {
    case table(TOMLTableBuilder)
    case tableArray(TableArray)
    /// A scalar, a static array or an inline table: all immutable once written.
    case value(ConfigValue)
  }

  struct Entry {
    var keyLocation: SourceLocation
    /// The key token's width in columns (quotes included).
    var keyLength: Int
    var child: Child
  }

  var origin: Origin
  /// Where the table was defined: its header's key, its first dotted key, or `{`.
  var location: SourceLocation
  /// Nesting depth from the document root (bounded to keep recursion safe).
  let depth: Int
  /// The key path from the document root (or from the enclosing inline table), for messages.
  let path: String
  private(set) var order: [String] = []
  private(set) var entries: [String: Entry] = [:]

  init(origin: Origin, location: SourceLocation, depth: Int, path: String) {
    self.origin = origin
    self.path = path
    self.location = location
    self.depth = depth
  }

  subscript(key: String) -> Entry? {
    get { entries[key] }
    set {
      if entries[key] == nil { order.append(key) }
      entries[key] = newValue
    }
  }

  /// The finished, immutable config node.
  func configValue() -> ConfigValue {
    var table = ConfigTable()
    for key in order {
      guard let entry = entries[key] else { continue }
      let value: ConfigValue
      switch entry.child {
      case .table(let builder):
        value = builder.configValue()
      case .tableArray(let array):
        value = ConfigValue(.array(array.elements.map { $0.configValue() }), at: array.location)
      case .value(let v):
        value = v
      }
      table.set(key, value, keyLocation: entry.keyLocation, keyLength: entry.keyLength)
    }
    return ConfigValue(.table(table), at: location)
  }
}
