/// Parses YAML config files into `ConfigValue` trees through libyaml's event API.
///
/// The document is read as data by the YAML 1.2.2 core schema (see `YAMLScalarResolver`):
/// plain `true`/`false` are booleans, plain numbers are integers (Int64) or floats, everything
/// else, and every quoted or block scalar, is a string. YAML 1.1 booleans are NOT booleans:
/// `yes`, `no`, `on`, `off` stay strings (so `country: NO` means Norway).
///
/// Every node and every mapping key carries a `SourceLocation` (1-based line, column in
/// Unicode scalars, byte offset), with the TOML reader's conventions: a leading BOM is not
/// counted, lines end at LF (CRLF accepted). Mappings keep the order keys were written in.
public enum YAMLParser {
  /// Parses one YAML document whose root is a mapping.
  ///
  /// - Parameters:
  ///   - bytes: the file content, UTF-8 (a leading UTF-8 BOM is allowed and skipped).
  ///   - file: the name diagnostics and locations carry (usually the path as the user typed it).
  /// - Returns: the root table (`.table`).
  /// - Throws: `Diagnostic` for the first problem: invalid UTF-8 or a control character, a
  ///   libyaml syntax error (with libyaml's context as help), an empty file, a root that is
  ///   not a mapping, a second document, null values (`null`, `~`, an empty value), an integer
  ///   outside Int64, a duplicate key, a mapping/sequence/alias used as a key, a merge key
  ///   `<<`, a tag outside the core schema, an unknown alias, more than
  ///   `YAMLTreeBuilder.maxNodes` nodes after alias expansion, or nesting deeper than
  ///   `YAMLTreeBuilder.maxDepth`.
  public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> ConfigValue {
    let bodyStart = SourceBytes.bodyStart(of: bytes)
    // Checked here rather than by libyaml: its reader reports only "invalid leading UTF-8
    // octet", and it would silently decode a UTF-16 file with a BOM.
    try SourceBytes.requireUTF8(bytes, from: bodyStart, file: file, what: "YAML configs")
    let map = YAMLSourceMap(file: file, bytes: bytes, bodyStart: bodyStart)
    let result = bytes.withUnsafeBufferPointer { whole -> Result<ConfigValue, Diagnostic> in
      // libyaml reads straight from this buffer, so the whole parse happens inside this closure.
      let body = UnsafeBufferPointer(rebasing: whole[bodyStart...])
      let reader = YAMLEventReader(input: body, bodyStart: bodyStart, map: map)
      var builder = YAMLTreeBuilder(reader: reader)
      return Result { () throws(Diagnostic) in try builder.parseStream() }
    }
    return try result.get()
  }
}
