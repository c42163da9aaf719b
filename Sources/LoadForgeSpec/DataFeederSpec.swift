import LoadForgeConfig

/// `[[data]]`: a CSV file whose rows feed virtual-user variables, as written. The file is read
/// by the plan compiler (the spec does no I/O).
public struct DataFeederSpec: Sendable, Equatable {
  public enum Order: String, Sendable, Equatable, CaseIterable { case sequential, random }
  public enum Scope: String, Sendable, Equatable, CaseIterable { case vu, iteration }

  /// The path as written (`${VAR}` unresolved), relative to the config file's directory.
  public var file: Located<String>
  /// `columns = [...]`: the file has no header row and these name its columns; nil when the
  /// first row is the header.
  public var columns: [Located<String>]?
  public var order: Order
  public var per: Scope
  /// The `[[data]]` table.
  public var location: SourceLocation

  public init(
    file: Located<String>, columns: [Located<String>]? = nil, order: Order = .sequential, per: Scope = .vu,
    location: SourceLocation
  ) {
    self.file = file
    self.columns = columns
    self.order = order
    self.per = per
    self.location = location
  }
}
