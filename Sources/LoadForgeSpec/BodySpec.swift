/// A task's request body as written: at most one of `body`, `json` and `form` per task.
public enum BodySpec: Sendable, Equatable {
  /// `body = "…"`: sent as is after interpolation.
  case text(Located<String>)
  /// `json = { … }` or `json = [ … ]`: serialized compactly; Content-Type application/json.
  case json(JSONValueSpec)
  /// `form = { name = "value" }`: application/x-www-form-urlencoded.
  case form([ParameterSpec])
}
