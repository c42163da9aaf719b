/// Where a task sends its request, as written (`${VAR}` unresolved).
public enum TargetSpec: Sendable, Equatable {
  /// `path = "/items?page=1"`: appended to base_url's path.
  case path(Located<String>)
  /// `url = "http://host:port/items"`: absolute; its origin must be base_url's (checked after
  /// interpolation, by the plan compiler).
  case url(Located<String>)

  /// The text as written, with its location.
  public var text: Located<String> {
    switch self {
    case .path(let p): p
    case .url(let u): u
    }
  }
}
