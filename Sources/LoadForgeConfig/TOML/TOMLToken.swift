/// One lexical unit of a TOML document with the span it covers.
///
/// Punctuation (`=`, `.`, `,`, brackets) is consumed by the parser directly; tokens are what
/// carries a value or a name: keys and scalar values.
struct TOMLToken {
  enum Kind {
    case bareKey(String)
    /// A quoted string; `multiline` is true for `"""` and `'''` forms (never valid as keys).
    case string(String, multiline: Bool)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case dateTime(ConfigDateTime)
  }

  let kind: Kind
  /// Where the token starts (line and column of its first scalar, byte offset).
  let location: SourceLocation
  /// Length in bytes.
  let length: Int
  /// Length in Unicode scalars (the width of a caret underline).
  let columns: Int
  /// `columns` up to the end of the token's first line (multi-line strings span lines).
  let firstLineColumns: Int

  /// The scalar value as a config node, or nil for a bare key.
  var configValue: ConfigValue? {
    switch kind {
    case .bareKey: nil
    case .string(let s, let multiline):
      ConfigValue(
        .string(s), at: location, sourceLength: firstLineColumns, contentOffset: multiline ? 3 : 1)
    case .integer(let i): ConfigValue(.integer(i), at: location, sourceLength: columns)
    case .float(let d): ConfigValue(.float(d), at: location, sourceLength: columns)
    case .boolean(let b): ConfigValue(.boolean(b), at: location, sourceLength: columns)
    case .dateTime(let d): ConfigValue(.dateTime(d), at: location, sourceLength: columns)
    }
  }
}
