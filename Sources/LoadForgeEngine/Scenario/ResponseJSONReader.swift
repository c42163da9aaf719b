/// Reads a response body as one JSON value (RFC 8259): strict grammar (no comments, trailing
/// commas, single quotes, leading zeros, NaN), any value at the root, whitespace around it.
///
/// Lenient only where a server's bytes, not its syntax, are at fault: string content that is
/// not UTF-8, and lone surrogate escapes (RFC 8259 §8.2), become U+FFFD. Nesting is limited to
/// `maxDepth` levels so a hostile body cannot exhaust the stack.
struct ResponseJSONReader {
  /// A body that is not JSON: what was wrong and at which byte offset.
  struct Failure: Error, Equatable {
    var message: String
    var offset: Int
  }

  static let maxDepth = 128

  private let bytes: UnsafeBufferPointer<UInt8>
  private var pos = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// - Throws: `Failure` for anything but exactly one JSON value surrounded by whitespace.
  static func parse(_ body: [UInt8]) throws(Failure) -> ResponseJSON {
    try body.withUnsafeBufferPointer { buffer throws(Failure) in
      var reader = ResponseJSONReader(buffer)
      reader.skipWhitespace()
      let value = try reader.value(depth: 0)
      reader.skipWhitespace()
      guard reader.pos == buffer.count else { throw reader.failure("unexpected \(reader.found) after the value") }
      return value
    }
  }

  private var found: String {
    guard pos < bytes.count else { return "end of input" }
    let b = bytes[pos]
    return b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
  }

  private func failure(_ message: String) -> Failure {
    Failure(message: "\(message) at byte \(pos)", offset: pos)
  }

  private mutating func skipWhitespace() {
    while pos < bytes.count {
      switch bytes[pos] {
      case 0x20, 0x09, 0x0A, 0x0D: pos += 1
      default: return
      }
    }
  }

  private mutating func value(depth: Int) throws(Failure) -> ResponseJSON {
    guard pos < bytes.count else { throw failure("expected a value, found end of input") }
    switch bytes[pos] {
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "-"), 0x30...0x39: return .number(try number())
    case UInt8(ascii: "t"): try word("true"); return .bool(true)
    case UInt8(ascii: "f"): try word("false"); return .bool(false)
    case UInt8(ascii: "n"): try word("null"); return .null
    default: throw failure("expected a value, found \(found)")
    }
  }

  private mutating func word(_ text: StaticString) throws(Failure) {
    let count = text.utf8CodeUnitCount
    guard bytes.count - pos >= count, (0..<count).allSatisfy({ bytes[pos + $0] == text.utf8Start[$0] }) else {
      throw failure("expected a value, found \(found)")
    }
    pos += count
  }

  private mutating func object(depth: Int) throws(Failure) -> ResponseJSON {
    guard depth <= Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
    pos += 1
    var members: [(key: String, value: ResponseJSON)] = []
    skipWhitespace()
    if pos < bytes.count && bytes[pos] == UInt8(ascii: "}") {
      pos += 1
      return .object(members)
    }
    while true {
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
        throw failure("expected a member name in double quotes, found \(found)")
      }
      let key = try string()
      skipWhitespace()
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw failure("expected ':', found \(found)") }
      pos += 1
      skipWhitespace()
      members.append((key, try value(depth: depth)))
      skipWhitespace()
      guard pos < bytes.count else { throw failure("unclosed object") }
      if bytes[pos] == UInt8(ascii: "}") {
        pos += 1
        return .object(members)
      }
      guard bytes[pos] == UInt8(ascii: ",") else { throw failure("expected ',' or '}', found \(found)") }
      pos += 1
      skipWhitespace()
    }
  }

  private mutating func array(depth: Int) throws(Failure) -> ResponseJSON {
    guard depth <= Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
    pos += 1
    var elements: [ResponseJSON] = []
    skipWhitespace()
    if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") {
      pos += 1
      return .array(elements)
    }
    while true {
      elements.append(try value(depth: depth))
      skipWhitespace()
      guard pos < bytes.count else { throw failure("unclosed array") }
      if bytes[pos] == UInt8(ascii: "]") {
        pos += 1
        return .array(elements)
      }
      guard bytes[pos] == UInt8(ascii: ",") else { throw failure("expected ',' or ']', found \(found)") }
      pos += 1
      skipWhitespace()
    }
  }

  /// `number = [ minus ] int [ frac ] [ exp ]` (RFC 8259 §6), returned as written.
  private mutating func number() throws(Failure) -> String {
    let start = pos
    func digits(_ reader: inout ResponseJSONReader) -> Int {
      let from = reader.pos
      while reader.pos < reader.bytes.count, reader.bytes[reader.pos] &- 0x30 < 10 { reader.pos += 1 }
      return reader.pos - from
    }
    if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
    guard pos < bytes.count, bytes[pos] &- 0x30 < 10 else { throw failure("expected a digit") }
    if bytes[pos] == 0x30 {
      pos += 1
      if pos < bytes.count, bytes[pos] &- 0x30 < 10 { throw failure("leading zero in a number") }
    } else {
      _ = digits(&self)
    }
    if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
      pos += 1
      guard digits(&self) > 0 else { throw failure("expected a digit after '.'") }
    }
    if pos < bytes.count, bytes[pos] | 0x20 == UInt8(ascii: "e") {
      pos += 1
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
      guard digits(&self) > 0 else { throw failure("expected a digit in the exponent") }
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
  }

  /// A string at the cursor (on its opening quote), escapes decoded (RFC 8259 §7).
  private mutating func string() throws(Failure) -> String {
    pos += 1
    var out: [UInt8] = []
    while true {
      let runStart = pos
      while pos < bytes.count, bytes[pos] != 0x22, bytes[pos] != 0x5C, bytes[pos] >= 0x20 { pos += 1 }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<pos]))
      guard pos < bytes.count else { throw failure("unclosed string") }
      let b = bytes[pos]
      if b == 0x22 {
        pos += 1
        return String(decoding: out, as: UTF8.self)
      }
      guard b == 0x5C else { throw failure("control character 0x\(String(b, radix: 16)) in a string") }
      pos += 1
      guard pos < bytes.count else { throw failure("unclosed string") }
      let escape = bytes[pos]
      pos += 1
      switch escape {
      case 0x22, 0x5C, 0x2F: out.append(escape)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if scalar & 0xFC00 == 0xD800 {
          // A high surrogate: the pair's low half must follow as another \u escape.
          let save = pos
          if bytes.count - pos >= 6, bytes[pos] == 0x5C, bytes[pos + 1] == UInt8(ascii: "u") {
            pos += 2
            let low = try hex4()
            if low & 0xFC00 == 0xDC00 {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
              pos = save
            }
          }
        }
        let decoded = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: String(Character(decoded)).utf8)
      default:
        pos -= 1
        throw failure("invalid escape \\\(found) in a string")
      }
    }
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard bytes.count - pos >= 4 else { throw failure("expected 4 hex digits after \\u") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[pos]
      let digit: UInt32
      switch b {
      case 0x30...0x39: digit = UInt32(b - 0x30)
      case 0x41...0x46: digit = UInt32(b - 0x37)
      case 0x61...0x66: digit = UInt32(b - 0x57)
      default: throw failure("expected 4 hex digits after \\u")
      }
      value = value << 4 | digit
      pos += 1
    }
    return value
  }
}
