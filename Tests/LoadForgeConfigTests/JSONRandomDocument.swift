import LoadForgeConfig
import LoadForgeTestSupport
import Testing

/// Random JSON trees and a tiny serializer for `JSONParserTests.randomDocumentsRoundTrip`.
enum JSONRandomDocument {
  static let none = LoadForgeConfig.SourceLocation.synthetic("-")

  static func members(depth: Int, rng: inout SplitMix64) -> [(String, ConfigValue)] {
    var seen = Set<String>()
    var out: [(String, ConfigValue)] = []
    for _ in 0..<Int.random(in: 0...(depth < 3 ? 5 : 2), using: &rng) {
      let key = string(rng: &rng)
      guard seen.insert(key).inserted else { continue }
      out.append((key, value(depth: depth + 1, rng: &rng)))
    }
    return out
  }

  static func value(depth: Int, rng: inout SplitMix64) -> ConfigValue {
    let choice = Int.random(in: 0..<(depth < 5 ? 7 : 5), using: &rng)
    switch choice {
    case 0: return ConfigValue(.string(string(rng: &rng)), at: none)
    case 1:
      let i: Int64 =
        Bool.random(using: &rng)
        ? Int64.random(in: -1000...1000, using: &rng) : Int64(bitPattern: rng.next())
      return ConfigValue(.integer(i), at: none)
    case 2:
      var d: Double
      repeat {
        d =
          Bool.random(using: &rng)
          ? Double(bitPattern: rng.next()) : Double.random(in: -1e6...1e6, using: &rng)
      } while !d.isFinite
      return ConfigValue(.float(d), at: none)
    case 3: return ConfigValue(.boolean(Bool.random(using: &rng)), at: none)
    case 4: return ConfigValue(.float(Double(Int.random(in: -5...5, using: &rng))), at: none)
    case 5:
      let items = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
        value(depth: depth + 1, rng: &rng)
      }
      return ConfigValue(.array(items), at: none)
    default:
      var table = ConfigTable()
      for (k, v) in members(depth: depth, rng: &rng) { table.set(k, v, keyLocation: none) }
      return ConfigValue(.table(table), at: none)
    }
  }

  /// Strings mixing ASCII, characters that need escapes, and 2-, 3- and 4-byte UTF-8.
  static func string(rng: inout SplitMix64) -> String {
    let pool: [Unicode.Scalar] = [
      "a", "b", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "ß",
      "€", "日", "\u{FFFD}", "😀", "\u{10FFFF}", "{", "}", "[", ",", ":",
    ]
    var s = String.UnicodeScalarView()
    for _ in 0..<Int.random(in: 0...8, using: &rng) {
      s.append(pool[Int.random(in: 0..<pool.count, using: &rng)])
    }
    return String(s)
  }

  struct Writer {
    var rng: SplitMix64
    var out = ""

    mutating func space() {
      let ws = [" ", "\t", "\n", "\r\n", "  "]
      for _ in 0..<Int.random(in: 0...2, using: &rng) {
        out += ws[Int.random(in: 0..<ws.count, using: &rng)]
      }
    }

    mutating func write(_ value: ConfigValue) {
      switch value.kind {
      case .string(let s): writeString(s)
      case .integer(let i): out += String(i)
      // Swift's description is the shortest text that reads back to the same Double;
      // it always has a '.' or an exponent, so it stays a float.
      case .float(let d): out += "\(d)"
      case .boolean(let b): out += b ? "true" : "false"
      case .array(let items):
        out += "["
        for (n, item) in items.enumerated() {
          if n > 0 { out += "," }
          space()
          write(item)
          space()
        }
        out += "]"
      case .table(let table):
        out += "{"
        for (n, entry) in table.entries.enumerated() {
          if n > 0 { out += "," }
          space()
          writeString(entry.key)
          space()
          out += ":"
          space()
          write(entry.value)
          space()
        }
        out += "}"
      case .dateTime: Issue.record("no datetimes in JSON")
      }
    }

    mutating func writeString(_ s: String) {
      func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: Bool.random(using: &rng))
        return "\\u" + String(repeating: "0", count: 4 - h.count) + h
      }
      out += "\""
      for scalar in s.unicodeScalars {
        let v = scalar.value
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += Bool.random(using: &rng) ? "\\t" : hex4(v)
        case "/": out += Bool.random(using: &rng) ? "\\/" : "/"
        default:
          if v < 0x20 || Int.random(in: 0..<4, using: &rng) == 0 {
            if v >= 0x10000 {
              let u = v - 0x10000
              out += hex4(0xD800 + (u >> 10)) + hex4(0xDC00 + (u & 0x3FF))
            } else {
              out += hex4(v)
            }
          } else {
            out.unicodeScalars.append(scalar)
          }
        }
      }
      out += "\""
    }
  }

  /// Every node and key location points at the first byte of its text, and its line and
  /// column match a count of line feeds and scalars before it.
  static func checkLocations(_ value: ConfigValue, in bytes: [UInt8]) {
    func check(_ location: LoadForgeConfig.SourceLocation, first: Set<UInt8>) {
      let offset = location.offset
      #expect(offset < bytes.count && first.contains(bytes[offset]))
      let before = bytes[..<offset]
      let line = before.count(where: { $0 == 0x0A }) + 1
      let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
      let column = bytes[lineStart..<offset].count(where: { $0 & 0xC0 != 0x80 }) + 1
      #expect(location.line == line && location.column == column)
    }
    let numberStart = Set(Array("-0123456789".utf8))
    switch value.kind {
    case .string: check(value.location, first: [UInt8(ascii: "\"")])
    case .integer, .float: check(value.location, first: numberStart)
    case .boolean(let b): check(value.location, first: [UInt8(ascii: b ? "t" : "f")])
    case .array(let items):
      check(value.location, first: [UInt8(ascii: "[")])
      for item in items { checkLocations(item, in: bytes) }
    case .table(let table):
      check(value.location, first: [UInt8(ascii: "{")])
      for entry in table.entries {
        check(entry.keyLocation, first: [UInt8(ascii: "\"")])
        checkLocations(entry.value, in: bytes)
      }
    case .dateTime: Issue.record("no datetimes in JSON")
    }
  }
}
