/// Parses JSON config files (RFC 8259, https://www.rfc-editor.org/rfc/rfc8259) into
/// `ConfigValue` trees.
///
/// Hand-written recursive descent over bytes, strict RFC 8259: no comments, trailing commas,
/// single quotes, NaN/Infinity, leading zeros or leading `+`. Every node and every object key
/// carries its `SourceLocation` (1-based line and column in Unicode scalars, byte offset) at its
/// first byte; objects keep the order keys were written in.
public enum JSONParser {
  /// Parses a whole JSON config file.
  ///
  /// The input is raw bytes: a leading UTF-8 BOM is skipped (columns on line 1 do not count it;
  /// offsets do, as in `TOMLParser`). Objects become `.table`, arrays `.array`, strings
  /// `.string`, `true`/`false` `.boolean`. A number without fraction or exponent becomes
  /// `.integer` (it must fit in Int64); any other number becomes `.float`.
  /// - Parameters:
  ///   - bytes: the file content.
  ///   - file: the name diagnostics and locations carry (usually the path as the user typed it).
  /// - Returns: the root object (`.table`), located at its `{`.
  /// - Throws: `Diagnostic` for the first problem: invalid UTF-8, a syntax error (with a help
  ///   line for the usual non-JSON habits: comments, trailing commas, single quotes, NaN),
  ///   `null` (a config has no null), a duplicate key, an integer outside Int64, a float
  ///   outside Double, nesting deeper than 128, or a root that is not an object. Its `location`
  ///   points at the offending byte or token (the end of the input when it ends too early) and
  ///   `length` spans the token.
  public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> ConfigValue {
    let bodyStart = SourceBytes.bodyStart(of: bytes)
    try SourceBytes.requireUTF8(bytes, from: bodyStart, file: file, what: "JSON files", rule: " (RFC 8259 §8.1)")
    var reader = JSONReader(bytes: bytes, file: file, bodyStart: bodyStart)
    return try reader.parseDocument()
  }
}
