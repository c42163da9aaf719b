/// The three config formats, chosen by file extension; each parses to the same `ConfigValue` tree.
public enum ConfigFormat: String, Sendable, CaseIterable {
  case toml
  case yaml
  case json

  /// The format for `path`'s extension (`.toml`, `.yaml`/`.yml`, `.json`, any case), or nil.
  public init?(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    switch name[name.index(after: dot)...].lowercased() {
    case "toml": self = .toml
    case "yaml", "yml": self = .yaml
    case "json": self = .json
    default: return nil
    }
  }

  /// Parses `bytes` in this format.
  /// - Throws: `Diagnostic` at the first syntax error (none of the formats allows safe recovery).
  public func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> ConfigValue {
    switch self {
    case .toml: try TOMLParser.parse(bytes, file: file)
    case .yaml: try YAMLParser.parse(bytes, file: file)
    case .json: try JSONParser.parse(bytes, file: file)
    }
  }

  /// Extensions accepted, for messages.
  public static let extensions = [".toml", ".yaml", ".yml", ".json"]
}
