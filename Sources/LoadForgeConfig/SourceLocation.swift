/// A position in a config file.
///
/// `line` and `column` are 1-based; `column` counts Unicode scalars from the start of the line.
/// `offset` is the 0-based byte offset into the file.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var offset: Int

  public init(file: String, line: Int, column: Int, offset: Int = 0) {
    self.file = file
    self.line = line
    self.column = column
    self.offset = offset
  }

  /// `file:line:column`, the form editors and compilers use.
  public var description: String { "\(file):\(line):\(column)" }

  /// A location for values that did not come from a file (command-line flags, built-in defaults).
  public static func synthetic(_ name: String) -> SourceLocation {
    SourceLocation(file: name, line: 0, column: 0, offset: 0)
  }
}
