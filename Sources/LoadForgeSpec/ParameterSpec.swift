/// One `name = "value"` pair of a task's `query` or `form` table, in written order. The value is
/// kept as written (`${VAR}` unresolved); the name is used literally.
public struct ParameterSpec: Sendable, Equatable {
  public var name: String
  public var value: Located<String>

  public init(name: String, value: Located<String>) {
    self.name = name
    self.value = value
  }
}
