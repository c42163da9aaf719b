/// One `"key": value` member of a JSON object; the key is used literally.
public struct JSONMemberSpec: Sendable, Equatable {
  public var key: String
  public var value: JSONValueSpec

  public init(key: String, value: JSONValueSpec) {
    self.key = key
    self.value = value
  }
}
