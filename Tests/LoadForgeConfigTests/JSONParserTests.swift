import LoadForgeConfig
import LoadForgeTestSupport
import Testing

/// Values, key order and source locations produced by `JSONParser`.
@Suite struct JSONParserTests {
  static func parse(_ text: String, file: String = "t.json") throws(Diagnostic) -> ConfigTable {
    try JSONParser.parse(Array(text.utf8), file: file).tableValue!
  }

  /// The tree with every location (of nodes and keys) replaced, so trees from different
  /// sources or formats compare by content only.
  static func withoutLocations(_ value: ConfigValue) -> ConfigValue {
    let none = LoadForgeConfig.SourceLocation.synthetic("-")
    switch value.kind {
    case .array(let items):
      return ConfigValue(.array(items.map(withoutLocations)), at: none)
    case .table(let table):
      var out = ConfigTable()
      for entry in table.entries {
        out.set(entry.key, withoutLocations(entry.value), keyLocation: none)
      }
      return ConfigValue(.table(out), at: none)
    default:
      return ConfigValue(value.kind, at: none)
    }
  }

  /// A small LoadForge config in JSON (its TOML twin is in `configInJSONEqualsTheSameConfigInTOML`).
  static let configJSON = """
    {
      "name": "quickstart",
      "base_url": "${BASE_URL:-http://127.0.0.1:8080}",
      "defaults": {
        "headers": {"Accept": "application/json"},
        "timeout": "10s",
        "think_time": {"min": "50ms", "max": "150ms"}
      },
      "load": {"pattern": "ramp", "from": 5, "to": 20, "duration": "30s", "ratio": 0.75},
      "scenarios": [
        {
          "name": "browse",
          "weight": 3,
          "tasks": [
            {"name": "home", "weight": 2, "path": "/"},
            {"name": "list products", "weight": 5, "path": "/api/products.json", "enabled": true}
          ]
        },
        {"name": "monitor", "weight": 1, "tasks": [{"name": "health", "path": "/health"}]}
      ]
    }
    """

  @Test func everyValueKind() throws {
    let t = try Self.parse(
      #"""
      {"s": "a\"b\\c\/d\b\f\n\r\te\u00E9\uD83D\uDE00 h\u00e9llo 😀",
       "i": 42, "neg": -7, "zero": 0, "negzero": -0,
       "max": 9223372036854775807, "min": -9223372036854775808,
       "f": 1.5, "exp": 1e3, "nexp": -2.5E-3, "pexp": 6.02e+23, "fz": -0.0,
       "yes": true, "no": false, "empty": {}, "none": [],
       "mixed": [1, "two", 3.0, [false], {"k": "v"}]}
      """#)
    #expect(t["s"]?.kind == .string("a\"b\\c/d\u{8}\u{C}\n\r\teé😀 héllo 😀"))
    #expect(t["i"]?.kind == .integer(42))
    #expect(t["neg"]?.kind == .integer(-7))
    #expect(t["zero"]?.kind == .integer(0))
    #expect(t["negzero"]?.kind == .integer(0))
    #expect(t["max"]?.kind == .integer(.max))
    #expect(t["min"]?.kind == .integer(.min))
    #expect(t["f"]?.kind == .float(1.5))
    #expect(t["exp"]?.kind == .float(1000))
    #expect(t["nexp"]?.kind == .float(-0.0025))
    #expect(t["pexp"]?.kind == .float(6.02e23))
    #expect(t["fz"]?.numberValue?.sign == .minus && t["fz"]?.typeName == "float")
    #expect(t["yes"]?.kind == .boolean(true))
    #expect(t["no"]?.kind == .boolean(false))
    #expect(t["empty"]?.tableValue?.isEmpty == true)
    #expect(t["none"]?.arrayValue?.isEmpty == true)
    let mixed = try #require(t["mixed"]?.arrayValue)
    #expect(mixed.map(\.typeName) == ["integer", "string", "float", "array", "table"])
    #expect(mixed[2].kind == .float(3))
    #expect(mixed[3].arrayValue?.first?.kind == .boolean(false))
    #expect(mixed[4].tableValue?["k"]?.stringValue == "v")
  }

  @Test func rawDeleteAndNonASCIIArePassedThrough() throws {
    let t = try Self.parse("{\"k\u{7F}\": \"\u{7F}日本\"}")
    #expect(t["k\u{7F}"]?.stringValue == "\u{7F}日本")
  }

  @Test func keyOrderIsPreserved() throws {
    let t = try Self.parse(#"{"zeta": 1, "alpha": 2, "mid": {"b": 1, "a": 2}, "beta": 3}"#)
    #expect(t.keys == ["zeta", "alpha", "mid", "beta"])
    #expect(t["mid"]?.tableValue?.keys == ["b", "a"])
  }

  @Test func nestedValuesAndKeysCarryTheirLocations() throws {
    let text = """
      {
        "name": "x",
        "load": {
          "to": [10, {"é": true}],
          "ü": -1.5
        }
      }
      """
    let root = try JSONParser.parse(Array(text.utf8), file: "cfg.json")
    #expect(root.location == LoadForgeConfig.SourceLocation(file: "cfg.json", line: 1, column: 1, offset: 0))
    let t = try #require(root.tableValue)
    #expect(
      t.entry("name")?.keyLocation == LoadForgeConfig.SourceLocation(file: "cfg.json", line: 2, column: 3, offset: 4))
    #expect(t["name"]?.location == LoadForgeConfig.SourceLocation(file: "cfg.json", line: 2, column: 11, offset: 12))
    let load = try #require(t.entry("load"))
    #expect(load.keyLocation.line == 3 && load.keyLocation.column == 3)
    #expect(load.value.location.line == 3 && load.value.location.column == 11)
    let inner = try #require(load.value.tableValue)
    let to = try #require(inner.entry("to"))
    #expect(to.keyLocation.line == 4 && to.keyLocation.column == 5)
    #expect(to.value.location.line == 4 && to.value.location.column == 11)
    let items = try #require(to.value.arrayValue)
    #expect(items[0].location.line == 4 && items[0].location.column == 12)
    #expect(items[1].location.line == 4 && items[1].location.column == 16)
    let e = try #require(items[1].tableValue?.entry("é"))
    // Columns count Unicode scalars: "é" is 2 bytes but 1 column.
    #expect(e.keyLocation.line == 4 && e.keyLocation.column == 17)
    #expect(e.value.location.line == 4 && e.value.location.column == 22)
    #expect(e.value.location.offset == Array(text.utf8).lastIndex(of: UInt8(ascii: "t"))!)
    let u = try #require(inner.entry("ü"))
    #expect(u.keyLocation.line == 5 && u.keyLocation.column == 5)
    #expect(u.value.location.line == 5 && u.value.location.column == 10)
  }

  @Test func byteOrderMarkIsSkippedAndNotCountedInColumns() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8)
    let root = try JSONParser.parse(bytes, file: "t.json")
    #expect(root.location == LoadForgeConfig.SourceLocation(file: "t.json", line: 1, column: 1, offset: 3))
    let a = try #require(root.tableValue?.entry("a"))
    #expect(a.keyLocation == LoadForgeConfig.SourceLocation(file: "t.json", line: 1, column: 2, offset: 4))
    #expect(a.value.location == LoadForgeConfig.SourceLocation(file: "t.json", line: 1, column: 7, offset: 9))
  }

  @Test func crlfTabsAndSurroundingWhitespace() throws {
    let root = try JSONParser.parse(Array("\r\n\t{\r\n\t\"a\" :\t[ 1 ,\r\n2 ] }\r\n ".utf8), file: "t.json")
    #expect(root.location.line == 2 && root.location.column == 2)
    let a = try #require(root.tableValue?.entry("a"))
    #expect(a.keyLocation.line == 3 && a.keyLocation.column == 2)
    let items = try #require(a.value.arrayValue)
    #expect(items.map(\.kind) == [.integer(1), .integer(2)])
    #expect(items[1].location.line == 4 && items[1].location.column == 1)
  }

  @Test func nestingOf128LevelsIsAccepted() throws {
    // The root object is level 1, so 127 arrays inside it make 128 levels.
    let text = #"{"a":"# + String(repeating: "[", count: 127) + String(repeating: "]", count: 127) + "}"
    var value = try #require(try Self.parse(text)["a"])
    var depth = 1
    while let inner = value.arrayValue {
      depth += 1
      guard let first = inner.first else { break }
      value = first
    }
    #expect(depth == 128)
  }

  /// A LoadForge config written in JSON reads to the same tree as its TOML twin.
  @Test func configInJSONEqualsTheSameConfigInTOML() throws {
    let toml = """
      name = "quickstart"
      base_url = "${BASE_URL:-http://127.0.0.1:8080}"

      [defaults]
      headers = { Accept = "application/json" }
      timeout = "10s"
      think_time = { min = "50ms", max = "150ms" }

      [load]
      pattern = "ramp"
      from = 5
      to = 20
      duration = "30s"
      ratio = 0.75

      [[scenarios]]
      name = "browse"
      weight = 3

        [[scenarios.tasks]]
        name = "home"
        weight = 2
        path = "/"

        [[scenarios.tasks]]
        name = "list products"
        weight = 5
        path = "/api/products.json"
        enabled = true

      [[scenarios]]
      name = "monitor"
      weight = 1

        [[scenarios.tasks]]
        name = "health"
        path = "/health"
      """
    let fromTOML = try TOMLParser.parse(Array(toml.utf8), file: "q.toml")
    let fromJSON = try JSONParser.parse(Array(Self.configJSON.utf8), file: "q.json")
    #expect(fromJSON != fromTOML)  // locations differ...
    #expect(Self.withoutLocations(fromJSON) == Self.withoutLocations(fromTOML))  // ...content does not
    #expect(fromJSON.tableValue?["load"]?.tableValue?["to"]?.kind == .integer(20))
  }

  /// Every proper prefix of a config is an error located at or before the cut (never a crash,
  /// never a silently shorter tree); the whole text parses.
  @Test func everyPrefixOfAConfigFailsCleanly() throws {
    let bytes = Array(Self.configJSON.utf8)
    _ = try JSONParser.parse(bytes, file: "q.json")
    for cut in 0..<bytes.count {
      do {
        _ = try JSONParser.parse(Array(bytes[..<cut]), file: "q.json")
        Issue.record("prefix of \(cut) bytes parsed")
      } catch {
        #expect(error.location.map { $0.line >= 1 && $0.offset <= cut } == true, "cut \(cut)")
      }
    }
  }

  /// Deterministic mutation fuzzing: random byte edits never crash and every error is located
  /// inside the input.
  @Test func mutatedDocumentsNeverCrash() {
    var rng = SplitMix64(seed: 7)
    let original = Array(Self.configJSON.utf8)
    let pool = Array(#"{}[],:"\\/ 0-1.eE+tfn'#\n"#.utf8) + [0x00, 0x1F, 0xC3, 0xA9, 0xFF, 0xED]
    var failures = 0
    for _ in 0..<2000 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        let at = Int.random(in: 0..<bytes.count, using: &rng)
        let b = pool[Int.random(in: 0..<pool.count, using: &rng)]
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: bytes[at] = b
        case 1: bytes.insert(b, at: at)
        default: bytes.remove(at: at)
        }
      }
      do {
        _ = try JSONParser.parse(bytes, file: "m.json")
      } catch {
        failures += 1
        let inside = error.location.map { $0.line >= 1 && $0.offset <= bytes.count } ?? false
        #expect(inside, "\(String(decoding: bytes, as: UTF8.self))")
      }
    }
    // Most edits break strict JSON; a fuzz run where nothing fails would test nothing.
    #expect(failures > 1000)
  }

  /// Random nested values → own serializer (random whitespace, random escapes) → parser:
  /// the tree comes back equal, and every location points at its node's first byte with
  /// line and column agreeing with an independent count.
  @Test func randomDocumentsRoundTrip() throws {
    var rng = SplitMix64(seed: 0x4A53_4F4E)
    for round in 0..<500 {
      var table = ConfigTable()
      let none = LoadForgeConfig.SourceLocation.synthetic("-")
      for (key, value) in JSONRandomDocument.members(depth: 0, rng: &rng) {
        table.set(key, value, keyLocation: none)
      }
      let expected = ConfigValue(.table(table), at: none)
      var writer = JSONRandomDocument.Writer(rng: rng)
      writer.write(expected)
      rng = writer.rng
      let bytes = Array(writer.out.utf8)
      let parsed: ConfigValue
      do {
        parsed = try JSONParser.parse(bytes, file: "r.json")
      } catch {
        Issue.record("round \(round): \(error)\n\(writer.out)")
        continue
      }
      #expect(Self.withoutLocations(parsed) == expected, "round \(round):\n\(writer.out)")
      JSONRandomDocument.checkLocations(parsed, in: bytes)
    }
  }
}
