import LoadForgePlan

/// A JSON value read from a response body (RFC 8259), for `expect` JSON checks and `capture`s.
///
/// Unlike a config's `ConfigValue` it has `null`, any value may be the root, and numbers keep
/// their text (a 20-digit id is captured exactly as sent).
indirect enum ResponseJSON: Sendable {
  case null
  case bool(Bool)
  /// The number as written (RFC 8259 §6 grammar, already checked).
  case number(String)
  case string(String)
  case array([ResponseJSON])
  /// Members in the order written; duplicate names are kept (lookups use the last one).
  case object([(key: String, value: ResponseJSON)])

  /// One step of a `JSONPath`: the member `key` of an object (the last one when a name repeats,
  /// as JavaScript's `JSON.parse` does), or element `index` of an array (negative from the end).
  /// Nil when absent or when the value is of another kind.
  func child(_ component: JSONPath.Component) -> ResponseJSON? {
    switch (component, self) {
    case (.key(let name), .object(let members)):
      return members.last { $0.key == name }?.value
    case (.index(let index), .array(let elements)):
      let position = index < 0 ? elements.count + index : index
      return position >= 0 && position < elements.count ? elements[position] : nil
    default:
      return nil
    }
  }

  /// A short name of the kind for messages.
  var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  /// Structural equality: numbers by value (`1 == 1.0 == 1e0`), object members whatever their
  /// order (by their last occurrence), arrays element by element.
  func matches(_ other: ResponseJSON) -> Bool {
    switch (self, other) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return Self.numbersEqual(a, b)
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.matches($1) }
    case (.object(let a), .object(let b)):
      let left = Self.lastMembers(a)
      let right = Self.lastMembers(b)
      guard left.count == right.count else { return false }
      return left.allSatisfy { key, value in right[key].map { value.matches($0) } ?? false }
    default: return false
    }
  }

  /// Compact JSON text (no whitespace), members in written order, strings escaped as RFC 8259
  /// §7 requires, numbers as written.
  var compactText: String {
    var out: [UInt8] = []
    write(to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  private func write(to out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let text): out.append(contentsOf: text.utf8)
    case .string(let s): Self.writeString(s, to: &out)
    case .array(let elements):
      out.append(UInt8(ascii: "["))
      for (i, element) in elements.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        element.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (i, member) in members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        Self.writeString(member.key, to: &out)
        out.append(UInt8(ascii: ":"))
        member.value.write(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func writeString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    TemplateRenderer.append(Array(s.utf8), escape: .json, into: &out)
    out.append(UInt8(ascii: "\""))
  }

  private static func lastMembers(_ members: [(key: String, value: ResponseJSON)]) -> [String: ResponseJSON] {
    var table: [String: ResponseJSON] = [:]
    for member in members { table[member.key] = member.value }
    return table
  }

  /// Integers that fit Int64 compare exactly (Double would merge 2^53 + 1 with 2^53); any other
  /// pair compares as Double values.
  private static func numbersEqual(_ a: String, _ b: String) -> Bool {
    if let x = Int64(a), let y = Int64(b) { return x == y }
    guard let x = Double(a), let y = Double(b) else { return a == b }
    return x == y
  }
}
