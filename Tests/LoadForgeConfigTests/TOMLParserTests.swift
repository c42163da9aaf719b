import LoadForgeConfig
import LoadForgeTestSupport
import Testing

/// Values, key order and source locations produced by `TOMLParser`.
@Suite struct TOMLParserTests {
  static func parse(_ text: String, file: String = "t.toml") throws(Diagnostic) -> ConfigTable {
    try TOMLParser.parse(Array(text.utf8), file: file).tableValue!
  }

  @Test func scalarKinds() throws {
    let t = try Self.parse(
      """
      s = "a\\tb\\u00E9\\U0001F600"
      lit = 'C:\\path'
      i = -9_223_372_036_854_775_808
      hex = 0xDEAD_beef
      oct = 0o755
      bin = 0b1101
      f = 6.626e-34
      inf = -inf
      nan = +nan
      yes = true
      odt = 1979-05-27 07:32:00.999z
      ldt = 1979-05-27t07:32:00
      ld = 1979-05-27
      lt = 07:32:00.5
      """)
    #expect(t["s"]?.stringValue == "a\tbé😀")
    #expect(t["lit"]?.stringValue == "C:\\path")
    #expect(t["i"]?.integerValue == Int64.min)
    #expect(t["hex"]?.integerValue == 0xDEAD_BEEF)
    #expect(t["oct"]?.integerValue == 0o755)
    #expect(t["bin"]?.integerValue == 13)
    #expect(t["f"]?.numberValue == 6.626e-34)
    #expect(t["inf"]?.numberValue == -Double.infinity)
    #expect(t["nan"]?.numberValue?.isNaN == true)
    #expect(t["yes"]?.boolValue == true)
    #expect(
      t["odt"]?.kind
        == .dateTime(ConfigDateTime(kind: .offsetDateTime, text: "1979-05-27T07:32:00.999Z")))
    #expect(
      t["ldt"]?.kind == .dateTime(ConfigDateTime(kind: .localDateTime, text: "1979-05-27T07:32:00"))
    )
    #expect(t["ld"]?.kind == .dateTime(ConfigDateTime(kind: .localDate, text: "1979-05-27")))
    #expect(t["lt"]?.kind == .dateTime(ConfigDateTime(kind: .localTime, text: "07:32:00.5")))
  }

  @Test func multilineStrings() throws {
    let t = try Self.parse(
      "a = \"\"\"\none \\\n    two\"\"\"\"\"\nb = '''\n'x'\n'''\nc = \"\"\"\"\"\"\n")
    #expect(t["a"]?.stringValue == "one two\"\"")
    #expect(t["b"]?.stringValue == "'x'\n")
    #expect(t["c"]?.stringValue == "")
  }

  @Test(arguments: [
    ("2024-02-29", true), ("2023-02-29", false), ("2000-02-29", true), ("1900-02-29", false),
    ("2023-04-31", false), ("2023-13-01", false), ("2023-12-32", false),
    ("2023-01-01T24:00:00", false),
    ("2023-01-01T23:59:60Z", true), ("2023-01-01T12:00:00+24:00", false),
  ])
  func dateValidation(text: String, valid: Bool) {
    let parsed = (try? Self.parse("d = \(text)")) != nil
    #expect(parsed == valid, "\(text)")
  }

  @Test func integerRange() throws {
    #expect(try Self.parse("a = 9223372036854775807")["a"]?.integerValue == Int64.max)
    #expect(throws: Diagnostic.self) { try Self.parse("a = 9223372036854775808") }
    #expect(throws: Diagnostic.self) { try Self.parse("a = 0x8000000000000000") }
    #expect(throws: Diagnostic.self) { try Self.parse("a = -0x1") }
  }

  @Test func keyOrderIsPreserved() throws {
    let t = try Self.parse(
      """
      zeta = 1
      alpha = 2
      mid.z = 3
      mid.a = 4
      [tables.b]
      [tables.a]
      [[list]]
      y = 1
      x = 2
      """)
    #expect(t.keys == ["zeta", "alpha", "mid", "tables", "list"])
    #expect(t["mid"]?.tableValue?.keys == ["z", "a"])
    #expect(t["tables"]?.tableValue?.keys == ["b", "a"])
    #expect(t["list"]?.arrayValue?.first?.tableValue?.keys == ["y", "x"])
  }

  @Test func nestedValuesCarryTheirLocations() throws {
    let t = try Self.parse(
      """
      name = "shop"
      [load]
      stages = [
        { pattern = "ramp", to = 50 },
        "é", 7,
      ]
      """)
    let name = try #require(t.entry("name"))
    #expect(name.keyLocation == SourceLocation(file: "t.toml", line: 1, column: 1, offset: 0))
    #expect(name.value.location == SourceLocation(file: "t.toml", line: 1, column: 8, offset: 7))
    let load = try #require(t.entry("load"))
    #expect(load.keyLocation.line == 2 && load.keyLocation.column == 2)
    #expect(load.value.location.line == 2 && load.value.location.column == 2)
    let stages = try #require(load.value.tableValue?.entry("stages"))
    #expect(stages.keyLocation.line == 3 && stages.keyLocation.column == 1)
    #expect(stages.value.location.line == 3 && stages.value.location.column == 10)
    let items = try #require(stages.value.arrayValue)
    #expect(items.count == 3)
    #expect(items[0].location.line == 4 && items[0].location.column == 3)
    let to = try #require(items[0].tableValue?.entry("to"))
    #expect(to.keyLocation.line == 4 && to.keyLocation.column == 23)
    #expect(to.value.location.line == 4 && to.value.location.column == 28)
    // Columns count Unicode scalars, offsets count bytes: "é" is 2 bytes, 1 column.
    #expect(items[1].location.line == 5 && items[1].location.column == 3)
    #expect(items[2].location.column == 8)
    #expect(items[2].location.offset == items[1].location.offset + 6)
  }

  @Test func implicitTableTakesTheLocationOfItsLaterHeader() throws {
    let t = try Self.parse("[a.b]\nx = 1\n[a]\ny = 2\n")
    let a = try #require(t.entry("a"))
    #expect(a.keyLocation.line == 3 && a.keyLocation.column == 2)
    #expect(a.value.location.line == 3)
    #expect(a.value.tableValue?.keys == ["b", "y"])
  }

  @Test func byteOrderMarkIsSkippedAndNotCounted() throws {
    let root = try TOMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a = 1".utf8), file: "bom.toml")
    let a = try #require(root.tableValue?.entry("a"))
    #expect(a.keyLocation == SourceLocation(file: "bom.toml", line: 1, column: 1, offset: 3))
    #expect(a.value.location.column == 5 && a.value.location.offset == 7)
    #expect(root.location.line == 1 && root.location.column == 1)
  }

  @Test func crlfLineEndings() throws {
    let t = try Self.parse("a = 1\r\nb = \"\"\"\r\nx\r\ny\"\"\"\r\n# c\r\n[t]\r\nc = 2\r\n")
    #expect(t["a"]?.integerValue == 1)
    #expect(t["b"]?.stringValue == "x\ny")
    let c = try #require(t["t"]?.tableValue?.entry("c"))
    #expect(c.keyLocation.line == 7 && c.keyLocation.column == 1)
    #expect(c.value.integerValue == 2)
  }

  @Test func inlineTablesAndArraysOfTables() throws {
    let t = try Self.parse(
      """
      [[s]]
      name = "a"
      [s.cfg]
      x = 1
      [[s]]
      name = "b"
      point = { x = 1, y.z = 2 }
      """)
    let s = try #require(t["s"]?.arrayValue)
    #expect(s.count == 2)
    #expect(s[0].tableValue?["cfg"]?.tableValue?["x"]?.integerValue == 1)
    #expect(s[1].tableValue?["name"]?.stringValue == "b")
    #expect(s[1].tableValue?["point"]?.tableValue?["y"]?.tableValue?["z"]?.integerValue == 2)
    #expect(s[1].location.line == 5)
  }

  @Test func deepNestingIsRejectedNotCrashing() {
    let deep = "a = " + String(repeating: "[", count: 100_000)
    let error = #expect(throws: Diagnostic.self) { try Self.parse(deep) }
    #expect(error?.message.contains("nested deeper") == true)
    let key = String(repeating: "k.", count: 50_000) + "k = 1"
    #expect(throws: Diagnostic.self) { try Self.parse(key) }
  }

  /// Every prefix of a valid document either parses or fails with an in-bounds location:
  /// no crash at any cut (the parser reads a whole buffer, so truncation is the split test).
  @Test func everyPrefixParsesOrFailsCleanly() {
    let doc = Array(
      """
      # LoadForge
      name = "shop é"
      base = 'http://x'
      ml = \"\"\"
      a \\
        b\"\"\"
      n = [1, 2.5, -inf, 0x1F, 1979-05-27T07:32:00Z, { a.b = true }]
      [load.pattern]
      [[scenarios]]
      w = 3 # three
      """.utf8)
    var failures = 0
    for cut in 0...doc.count {
      do {
        _ = try TOMLParser.parse(Array(doc[..<cut]), file: "p.toml")
      } catch {
        failures += 1
        let location = error.location!
        #expect(
          location.line >= 1 && location.column >= 1 && location.offset <= cut,
          "cut \(cut): \(error)")
      }
    }
    #expect(failures > 0 && failures < doc.count)
  }

  /// Deterministic mutation fuzzing: random byte edits never crash and always locate the error.
  @Test func mutatedDocumentsNeverCrash() {
    let doc = Array("a = [1, \"x\", {b = 2}]\n[t.u]\nc = 1979-05-27\nd = '''\nz'''\n".utf8)
    let alphabet = Array("[]{}=.,\"'\\#\n\r\t 0x1e_+-:Tzé\u{0}".utf8)
    var rng = SplitMix64(seed: 42)
    for _ in 0..<3_000 {
      var bytes = doc
      for _ in 0..<Int(rng.next() % 4 + 1) {
        let i = Int(rng.next() % UInt64(bytes.count))
        let b = alphabet[Int(rng.next() % UInt64(alphabet.count))]
        switch rng.next() % 3 {
        case 0: bytes[i] = b
        case 1: bytes.insert(b, at: i)
        default: bytes.remove(at: i)
        }
      }
      do {
        _ = try TOMLParser.parse(bytes, file: "f.toml")
      } catch {
        let location = error.location!
        #expect(location.line >= 1 && location.offset <= bytes.count)
      }
    }
  }

  /// About 1 MB of realistic TOML parses completely (speed is measured in Benchmarks/, not here).
  @Test func parsesOneMegabyte() throws {
    var text = ""
    var i = 0
    while text.utf8.count < 1_000_000 {
      text += """
        [[scenarios]]
        name = "scenario \(i) é"
        weight = \(i)
        ratio = \(i).5e-3
        when = 1979-05-27T07:32:00Z
        tags = ["a", 'b', \"\"\"multi
        line\"\"\"]
        headers = { Accept = "application/json", x.y = 1 }
        # comment \(i)

        """
      i += 1
    }
    let bytes = Array(text.utf8)
    let root = try TOMLParser.parse(bytes, file: "big.toml")
    #expect(root.tableValue?["scenarios"]?.arrayValue?.count == i)
  }

  /// One 1 MB line: every column is right at the far end of a long line.
  @Test func parsesOneMegabyteLine() throws {
    let count = 150_000
    let bytes = Array(("a = [" + (0..<count).map(String.init).joined(separator: ",") + "]").utf8)
    let root = try TOMLParser.parse(bytes, file: "line.toml")
    let items = try #require(root.tableValue?["a"]?.arrayValue)
    #expect(items.count == count)
    #expect(items.last?.location.column == bytes.count - "\(count - 1)]".count + 1)
  }
}
