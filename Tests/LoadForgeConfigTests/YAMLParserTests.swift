import LoadForgeConfig
import Testing

private typealias Loc = LoadForgeConfig.SourceLocation

/// Values, key order, source locations and diagnostics produced by `YAMLParser`.
@Suite struct YAMLParserTests {
  static func parse(_ text: String, file: String = "t.yaml") throws(Diagnostic) -> ConfigTable {
    try YAMLParser.parse(Array(text.utf8), file: file).tableValue!
  }

  /// The diagnostic `text` produces (fails the test if it parses).
  static func failure(_ text: String) -> Diagnostic? {
    failure(bytes: Array(text.utf8))
  }

  static func failure(bytes: [UInt8]) -> Diagnostic? {
    do {
      _ = try YAMLParser.parse(bytes, file: "t.yaml")
      Issue.record("expected a diagnostic")
      return nil
    } catch {
      return error
    }
  }

  @Test func plainScalarsFollowTheCoreSchema() throws {
    let t = try Self.parse(
      """
      t1: true
      t2: True
      t3: TRUE
      f1: false
      dec: -42
      plus: +7
      zero: 007
      hex: 0xFF
      oct: 0o17
      min: -9223372036854775808
      f: 1.5
      exp: 1e3
      dot: .5
      trail: 2.
      inf: .inf
      ninf: -.Inf
      nan: .NaN
      yes: yes
      no: NO
      on: on
      off: Off
      under: 1_000
      bin: 0b101
      time: 1:30
      word: hello world
      """)
    #expect(t["t1"]?.boolValue == true)
    #expect(t["t2"]?.boolValue == true)
    #expect(t["t3"]?.boolValue == true)
    #expect(t["f1"]?.boolValue == false)
    #expect(t["dec"]?.integerValue == -42)
    #expect(t["plus"]?.integerValue == 7)
    #expect(t["zero"]?.integerValue == 7)
    #expect(t["hex"]?.integerValue == 255)
    #expect(t["oct"]?.integerValue == 15)
    #expect(t["min"]?.integerValue == Int64.min)
    #expect(t["f"]?.kind == .float(1.5))
    #expect(t["exp"]?.kind == .float(1000))
    #expect(t["dot"]?.kind == .float(0.5))
    #expect(t["trail"]?.kind == .float(2))
    #expect(t["inf"]?.kind == .float(.infinity))
    #expect(t["ninf"]?.kind == .float(-.infinity))
    #expect(t["nan"]?.numberValue?.isNaN == true)
    #expect(t["nan"]?.typeName == "float")
    // YAML 1.1 booleans and number forms are strings under the 1.2 core schema.
    #expect(t["yes"]?.stringValue == "yes")
    #expect(t["no"]?.stringValue == "NO")
    #expect(t["on"]?.stringValue == "on")
    #expect(t["off"]?.stringValue == "Off")
    #expect(t["under"]?.stringValue == "1_000")
    #expect(t["bin"]?.stringValue == "0b101")
    #expect(t["time"]?.stringValue == "1:30")
    #expect(t["word"]?.stringValue == "hello world")
  }

  @Test func quotedAndBlockScalarsAreStrings() throws {
    let t = try Self.parse(
      """
      s: 'true'
      d: "42"
      e: "a\\tb\\u00E9"
      q: 'it''s'
      lit: |
        line 1
        line 2
      fold: >
        one
        two
      keep: |+
        x

      strip: |-
        y
      tagged: !!str 12
      nonspecific: ! 12
      int: !!int "12"
      float: !!float 3
      bool: !!bool "false"
      """)
    #expect(t["s"]?.stringValue == "true")
    #expect(t["d"]?.stringValue == "42")
    #expect(t["e"]?.stringValue == "a\tbé")
    #expect(t["q"]?.stringValue == "it's")
    #expect(t["lit"]?.stringValue == "line 1\nline 2\n")
    #expect(t["fold"]?.stringValue == "one two\n")
    #expect(t["keep"]?.stringValue == "x\n\n")
    #expect(t["strip"]?.stringValue == "y")
    #expect(t["tagged"]?.stringValue == "12")
    #expect(t["nonspecific"]?.stringValue == "12")
    #expect(t["int"]?.kind == .integer(12))
    #expect(t["float"]?.kind == .float(3))
    #expect(t["bool"]?.kind == .boolean(false))
  }

  @Test func nestedBlockAndFlowCollectionsKeepKeyOrder() throws {
    let t = try Self.parse(
      """
      zeta: 1
      alpha:
        m: {a: 1, b: [1, 2]}
        list:
          - x
          - [y, {z: true}]
          - k: v
            k2: w
      mid: []
      empty: {}
      """)
    #expect(t.keys == ["zeta", "alpha", "mid", "empty"])
    let alpha = try #require(t["alpha"]?.tableValue)
    #expect(alpha.keys == ["m", "list"])
    let m = try #require(alpha["m"]?.tableValue)
    #expect(m.keys == ["a", "b"])
    #expect(m["b"]?.arrayValue?.map(\.kind) == [.integer(1), .integer(2)])
    let list = try #require(alpha["list"]?.arrayValue)
    #expect(list.count == 3)
    #expect(list[0].stringValue == "x")
    #expect(list[1].arrayValue?[0].stringValue == "y")
    #expect(list[1].arrayValue?[1].tableValue?["z"]?.boolValue == true)
    #expect(list[2].tableValue?.keys == ["k", "k2"])
    #expect(t["mid"]?.arrayValue?.isEmpty == true)
    #expect(t["empty"]?.tableValue?.isEmpty == true)
  }

  @Test func keysAreStringsWhateverTheyLookLike() throws {
    let t = try Self.parse("1: a\ntrue: b\n\"q k\": c\n")
    #expect(t.keys == ["1", "true", "q k"])
  }

  @Test func locationsOfNestedValuesAndKeys() throws {
    let t = try Self.parse(
      """
      name: shop
      load:
        stages:
          - {pattern: ramp, to: 50}
          - users: 9
      """, file: "l.yaml")
    let root = try YAMLParser.parse(Array("name: shop\n".utf8), file: "l.yaml")
    #expect(root.location == Loc(file: "l.yaml", line: 1, column: 1, offset: 0))
    #expect(t.entry("name")?.keyLocation == Loc(file: "l.yaml", line: 1, column: 1, offset: 0))
    #expect(t["name"]?.location == Loc(file: "l.yaml", line: 1, column: 7, offset: 6))
    let load = try #require(t["load"])
    #expect(load.location.line == 3 && load.location.column == 3)
    let stagesEntry = try #require(load.tableValue?.entry("stages"))
    #expect(stagesEntry.keyLocation == Loc(file: "l.yaml", line: 3, column: 3, offset: 19))
    let stages = try #require(stagesEntry.value.arrayValue)
    #expect(stagesEntry.value.location.line == 4 && stagesEntry.value.location.column == 5)
    let flow = try #require(stages[0].tableValue)
    #expect(stages[0].location == Loc(file: "l.yaml", line: 4, column: 7, offset: 33))
    #expect(flow.entry("to")?.keyLocation == Loc(file: "l.yaml", line: 4, column: 23, offset: 49))
    #expect(flow["to"]?.location == Loc(file: "l.yaml", line: 4, column: 27, offset: 53))
    #expect(stages[1].tableValue?["users"]?.location == Loc(file: "l.yaml", line: 5, column: 14, offset: 70))
  }

  @Test func columnsCountUnicodeScalarsAndOffsetsCountBytes() throws {
    // "éé" is 2 scalars and 4 bytes; libyaml's own mark index counts characters.
    let t = try Self.parse("éé: 1\nk: €€ x\nz: ok\n")
    #expect(t["éé"]?.location == Loc(file: "t.yaml", line: 1, column: 5, offset: 6))
    #expect(t["k"]?.location == Loc(file: "t.yaml", line: 2, column: 4, offset: 11))
    #expect(t.entry("z")?.keyLocation == Loc(file: "t.yaml", line: 3, column: 1, offset: 20))
    #expect(t["z"]?.location == Loc(file: "t.yaml", line: 3, column: 4, offset: 23))
  }

  @Test func crlfInputAndBOM() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: |\r\n  x\r\n  y\r\nc: 'q'\r\n".utf8)
    let t = try #require(try YAMLParser.parse(bytes, file: "c.yaml").tableValue)
    #expect(t.keys == ["a", "b", "c"])
    #expect(t["b"]?.stringValue == "x\ny\n")
    // Columns on line 1 do not count the BOM; offsets are into the whole file.
    #expect(t.entry("a")?.keyLocation == Loc(file: "c.yaml", line: 1, column: 1, offset: 3))
    #expect(t["a"]?.location == Loc(file: "c.yaml", line: 1, column: 4, offset: 6))
    #expect(t["c"]?.location == Loc(file: "c.yaml", line: 5, column: 4, offset: 28))
  }

  @Test func anchorsAndAliasesCopyTheAnchoredNode() throws {
    let t = try Self.parse(
      """
      base: &h {Accept: json, n: 1}
      copy: *h
      s: &s hello
      list: [*s, *s]
      """)
    #expect(t["copy"]?.tableValue?.keys == ["Accept", "n"])
    #expect(t["copy"]?.tableValue?["n"]?.integerValue == 1)
    // The alias's top node sits at the alias; its insides at their definition.
    #expect(t["copy"]?.location.line == 2)
    #expect(t["copy"]?.location.column == 7)
    #expect(t["copy"]?.tableValue?["n"]?.location.line == 1)
    #expect(t["list"]?.arrayValue?.map(\.stringValue) == ["hello", "hello"])
    #expect(t["list"]?.arrayValue?[1].location.column == 12)
  }

  @Test func nullIsRejected() {
    for (text, line, column, length) in [
      ("a: 1\nb:\n", 2, 3, 1), ("a: ~\n", 1, 4, 1), ("a: null\n", 1, 4, 4), ("x: [1, NULL]\n", 1, 8, 4),
      ("a: !!null x\n", 1, 4, 8),
    ] {
      let d = Self.failure(text)
      #expect(d?.message == "null is not allowed here", "\(text)")
      #expect(d?.help == "remove the key, or quote the value")
      #expect(d?.location?.line == line && d?.location?.column == column, "\(text)")
      #expect(d?.length == length, "\(text)")
    }
  }

  @Test func integerOverflowIsAnError() {
    let d = Self.failure("a: 1\nbig: 9223372036854775808\n")
    #expect(d?.message == "integer 9223372036854775808 does not fit in 64 bits")
    #expect(d?.location == Loc(file: "t.yaml", line: 2, column: 6, offset: 10))
    #expect(d?.length == 19)
    #expect(Self.failure("h: 0x10000000000000000\n")?.message == "integer 0x10000000000000000 does not fit in 64 bits")
    #expect(Self.failure("f: 1e999\n")?.message == "float 1e999 is too large for a 64-bit float")
  }

  @Test func duplicateKey() {
    let d = Self.failure("a: 1\nb:\n  x: 1\n  x: 2\n")
    #expect(d?.message == "duplicate key \"x\"")
    #expect(d?.location == Loc(file: "t.yaml", line: 4, column: 3, offset: 17))
    #expect(d?.help == "first defined at t.yaml:3:3")
  }

  @Test func nonScalarKeys() {
    let m = Self.failure("a: 1\n? {x: 1}\n: 2\n")
    #expect(m?.message == "a mapping cannot be a key")
    #expect(m?.location?.line == 2 && m?.location?.column == 3)
    let s = Self.failure("? [x]\n: 1\n")
    #expect(s?.message == "a sequence cannot be a key")
    #expect(s?.location?.line == 1 && s?.location?.column == 3)
    let a = Self.failure("k: &k key\n*k : 2\n")
    #expect(a?.message == "an alias cannot be a key")
    #expect(a?.location?.line == 2 && a?.location?.column == 1)
  }

  @Test func mergeKeysAreRejected() {
    let d = Self.failure("base: &b {x: 1}\nother:\n  <<: *b\n")
    #expect(d?.message == "merge keys are not supported")
    #expect(d?.location?.line == 3 && d?.location?.column == 3)
    #expect(d?.length == 2)
  }

  @Test func multipleDocumentsAreRejected() {
    let d = Self.failure("a: 1\n---\nb: 2\n")
    #expect(d?.message == "only one YAML document per file")
    #expect(d?.location == Loc(file: "t.yaml", line: 2, column: 1, offset: 5))
    #expect(d?.length == 3)
  }

  @Test func tags() {
    let d = Self.failure("a: 1\nb: !custom x\n")
    #expect(d?.message == "unsupported tag !custom")
    #expect(d?.location?.line == 2 && d?.location?.column == 4)
    #expect(Self.failure("a: !!binary aGk=\n")?.message == "unsupported tag !!binary")
    #expect(Self.failure("a: !!int x\n")?.message == "\"x\" is not a valid !!int")
    #expect(Self.failure("a: !!map x\n")?.message == "tag !!map cannot be used on a scalar")
    #expect(Self.failure("a: !!seq {x: 1}\n")?.message == "tag !!seq cannot be used on a mapping")
    #expect(Self.failure("a: !foo [1]\n")?.message == "unsupported tag !foo")
  }

  @Test func emptyFiles() {
    for text in ["", "   \n", "# only a comment\n", "---\n", "\u{FEFF}"] {
      let d = Self.failure(text)
      #expect(d?.message == "the file is empty", "\(text.debugDescription)")
      #expect(d?.location?.line == 1 && d?.location?.column == 1, "\(text.debugDescription)")
    }
  }

  @Test func rootMustBeAMapping() {
    let d = Self.failure("- a\n- b\n")
    #expect(d?.message == "the top level of a config must be a mapping, found an array")
    #expect(d?.location?.line == 1 && d?.location?.column == 1)
    #expect(Self.failure("just text\n")?.message == "the top level of a config must be a mapping, found a string")
  }

  @Test func syntaxErrorsCarryLibyamlProblemAndContext() {
    let d = Self.failure("a: 1\nb: c: d\n")
    #expect(d?.message == "mapping values are not allowed in this context")
    #expect(d?.location == Loc(file: "t.yaml", line: 2, column: 5, offset: 9))
    let q = Self.failure("a: 1\nb: \"open\n")
    #expect(q?.message == "found unexpected end of stream")
    #expect(q?.location?.line == 3 && q?.location?.column == 1)
    #expect(q?.help == "while scanning a quoted scalar that starts at line 2, column 4")
    let tab = Self.failure("a:\n\tb: 1\n")
    #expect(tab?.message == "a tab cannot indent YAML or start a value")
    #expect(tab?.help == "indent with spaces (YAML 1.2 §6.1)")
    #expect(tab?.location?.line == 2 && tab?.location?.column == 1)
  }

  @Test func undefinedAliasIsAnError() {
    let d = Self.failure("a: *nope\n")
    #expect(d?.message == "unknown alias \"*nope\"")
    #expect(d?.location?.line == 1 && d?.location?.column == 4)
    #expect(Self.failure("a: &x [1, *x]\n")?.message == "unknown alias \"*x\"")
  }

  @Test func invalidUTF8AndControlCharacters() {
    let d = Self.failure(bytes: Array("a: 1\nb: ".utf8) + [0xFF, 0x0A])
    #expect(d?.message == "invalid UTF-8: byte 0xFF cannot start a character")
    #expect(d?.location == Loc(file: "t.yaml", line: 2, column: 4, offset: 8))
    #expect(d?.help == "YAML configs must be valid UTF-8")
    let utf16 = Self.failure(bytes: [0xFF, 0xFE, 0x61, 0x00])
    #expect(utf16?.help == "the file looks like UTF-16; YAML configs must be UTF-8")
    let c = Self.failure(bytes: Array("a: 1\nb: x".utf8) + [0x01, 0x0A])
    #expect(c?.message == "invalid character: control characters are not allowed")
    #expect(c?.location == Loc(file: "t.yaml", line: 2, column: 5, offset: 9))
  }

  @Test func renderedDiagnosticPutsTheCaretUnderTheValue() throws {
    let text = "a: 1\r\nnäme: null\r\n"
    let d = try #require(Self.failure(text))
    let rendered = d.rendered(source: SourceText(file: "t.yaml", bytes: Array(text.utf8)))
    #expect(
      rendered == """
        error: null is not allowed here
         --> t.yaml:2:7
          |
        2 | näme: null
          |       ^^^^
          = help: remove the key, or quote the value
        """)
  }

  @Test func billionLaughsFailsFast() {
    var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    let names = "abcdefghij".map(String.init)
    for i in 1..<names.count {
      let prev = "*" + names[i - 1]
      lines.append("\(names[i]): &\(names[i]) [\(Array(repeating: prev, count: 10).joined(separator: ", "))]")
    }
    let clock = ContinuousClock()
    var d: Diagnostic?
    let elapsed = clock.measure { d = Self.failure(lines.joined(separator: "\n") + "\n") }
    #expect(d?.message == "the document expands to more than 1000000 values")
    // Level f expands to about 1.1 million nodes: it is the first to cross the cap.
    #expect(d?.location?.line == 6)
    #expect(elapsed < .seconds(5))
  }

  @Test func deepNestingIsCapped() {
    let deep = "a: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n"
    let d = Self.failure(deep)
    #expect(d?.message == "nesting is deeper than 128 levels")
    #expect(d?.location?.column == 3 + 128)  // the root mapping is level 1
    let ok = "a: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
    #expect(throws: Never.self) { _ = try Self.parse(ok) }
  }

  @Test func sameConfigAsTOMLGivesTheSameTree() throws {
    let toml = """
      name = "shop"
      base_url = "http://127.0.0.1:8080"

      [defaults]
      headers = { Accept = "application/json" }
      timeout = "10s"
      think_time = { min = "500ms", max = "2s" }

      [load]
      pattern = "composite"
      stages = [
        { pattern = "ramp", from = 0, to = 50, duration = "1m" },
        { pattern = "spike", base = 50, peak = 400, sustain = 0.8, duration = "2m" },
      ]

      [[scenarios]]
      name = "browse"
      weight = 3
        [[scenarios.tasks]]
        name = "list products"
        method = "GET"
        path = "/products?page=1"
        expect = { status = 200, json = true }
      """
    let yaml = """
      name: shop
      base_url: "http://127.0.0.1:8080"
      defaults:
        headers: {Accept: application/json}
        timeout: 10s
        think_time: {min: 500ms, max: 2s}
      load:
        pattern: composite
        stages:
          - {pattern: ramp, from: 0, to: 50, duration: 1m}
          - pattern: spike
            base: 50
            peak: 400
            sustain: 0.8
            duration: 2m
      scenarios:
        - name: browse
          weight: 3
          tasks:
            - name: list products
              method: GET
              path: /products?page=1
              expect: {status: 200, json: true}
      """
    let fromTOML = try TOMLParser.parse(Array(toml.utf8), file: "c.toml")
    let fromYAML = try YAMLParser.parse(Array(yaml.utf8), file: "c.yaml")
    #expect(Self.sameIgnoringLocations(fromTOML, fromYAML))
    // The helper is not vacuous: one changed leaf makes the trees differ.
    let changed = try YAMLParser.parse(
      Array(yaml.replacingOccurrences(of: "peak: 400", with: "peak: 401").utf8), file: "c.yaml")
    #expect(!Self.sameIgnoringLocations(fromTOML, changed))
  }

  /// Compares kinds recursively, including key order, ignoring every location.
  static func sameIgnoringLocations(_ a: ConfigValue, _ b: ConfigValue) -> Bool {
    switch (a.kind, b.kind) {
    case (.array(let x), .array(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { sameIgnoringLocations($0, $1) }
    case (.table(let x), .table(let y)):
      return x.keys == y.keys && zip(x.entries, y.entries).allSatisfy { sameIgnoringLocations($0.value, $1.value) }
    case (.array, _), (.table, _), (_, .array), (_, .table):
      return false
    default:
      return a.kind == b.kind
    }
  }
}
