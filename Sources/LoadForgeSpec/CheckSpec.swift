/// One assertion of a request's `expect` table, as written. Strings keep their locations for
/// `${VAR}` interpolation; JSONPaths are parsed by the plan compiler.
public enum CheckSpec: Sendable, Equatable {
  /// `status = 200`, `"2xx"` or an array of them: accepted inclusive ranges, and the text the
  /// plan describes them with (`2xx or 304`).
  case status(ranges: [ClosedRange<Int>], text: String)
  /// `headers = { name = "value" }` (equals) or `{ name = true }` (present, `expected` nil).
  case header(name: Located<String>, expected: Located<String>?)
  /// `body_contains = "…"`: one check per string.
  case bodyContains(Located<String>)
  /// `json = { "$.path" = value }`: `path` located on its key.
  case json(path: Located<String>, expected: JSONValueSpec)
}
