/// The JSONPath subset LoadForge understands (RFC 9535 §2.5 child segments only): `$`, then any
/// number of `.name`, `['name']`, `["name"]` and `[index]` (a negative index counts from the end).
///
/// `$.data.items[0].id`, `$["content-type"]`, `$.items[-1]`. No wildcards, filters or slices.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
  public enum Component: Sendable, Equatable {
    case key(String)
    case index(Int)
  }

  public var components: [Component]
  /// The path as written.
  public var description: String

  /// A path problem: `offset` is the index of the offending character in the written path.
  public struct ParseError: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int
  }

  /// - Throws: `ParseError` when `text` is not in the subset (with the offset of the problem).
  public init(parsing text: String) throws(ParseError) {
    description = text
    components = []
    let chars = Array(text)
    guard chars.first == "$" else {
      throw ParseError(message: "a JSONPath starts with $ (e.g. $.token)", offset: 0)
    }
    var i = 1
    while i < chars.count {
      switch chars[i] {
      case ".":
        var j = i + 1
        while j < chars.count, chars[j] != ".", chars[j] != "[" { j += 1 }
        guard j > i + 1 else { throw ParseError(message: "expected a member name after .", offset: i) }
        components.append(.key(String(chars[(i + 1)..<j])))
        i = j
      case "[":
        guard i + 1 < chars.count else { throw ParseError(message: "unclosed [", offset: i) }
        let quote = chars[i + 1]
        if quote == "'" || quote == "\"" {
          var j = i + 2
          var name = ""
          while j < chars.count, chars[j] != quote {
            if chars[j] == "\\", j + 1 < chars.count {
              j += 1
            }
            name.append(chars[j])
            j += 1
          }
          guard j + 1 < chars.count, chars[j + 1] == "]" else {
            throw ParseError(message: "expected \(quote)] to close the member name", offset: min(j, chars.count - 1))
          }
          components.append(.key(name))
          i = j + 2
        } else {
          var j = i + 1
          while j < chars.count, chars[j] != "]" { j += 1 }
          guard j < chars.count else { throw ParseError(message: "unclosed [", offset: i) }
          let inside = String(chars[(i + 1)..<j])
          guard let index = Int(inside) else {
            throw ParseError(
              message: "expected an array index or a quoted member name inside [ ], got \"\(inside)\"", offset: i + 1)
          }
          components.append(.index(index))
          i = j + 1
        }
      default:
        throw ParseError(message: "expected . or [ after \(String(chars[0..<i]))", offset: i)
      }
    }
  }
}
