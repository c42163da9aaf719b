/// The bytes of a `[[data]]` file, as handed to `PlanCompiler.compile` by whoever may do I/O.
public struct DataFile: Sendable, Equatable {
  /// The path messages use for positions inside the file (e.g. relative to the working directory).
  public var path: String
  public var bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}
