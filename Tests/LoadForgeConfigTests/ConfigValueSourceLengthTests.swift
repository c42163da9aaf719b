import LoadForgeConfig
import Testing

/// `ConfigValue.sourceLength`, `contentOffset` and `ConfigTable.Entry.keyLength` as each reader
/// sets them: the width of the value as written, counted as `Diagnostic.rendered` counts columns.
@Suite struct ConfigValueSourceLengthTests {
  /// The value of key `a` in `text`: its column, width and content offset, and the key's width.
  struct Case: CustomTestStringConvertible, Sendable {
    var format: ConfigFormat
    var text: String
    var column: Int
    var length: Int
    var contentOffset: Int
    var keyLength: Int
    var testDescription: String { "\(format) \(text.debugDescription)" }
  }

  static func c(
    _ format: ConfigFormat, _ text: String, column: Int, length: Int, offset: Int = 0, key: Int = 1
  ) -> Case {
    Case(format: format, text: text, column: column, length: length, contentOffset: offset, keyLength: key)
  }

  static let cases: [Case] = [
    c(.toml, #"a = "GET""#, column: 5, length: 5, offset: 1),
    c(.toml, "a = 'x y'", column: 5, length: 5, offset: 1),
    c(.toml, #"a = "\t""#, column: 5, length: 4, offset: 1),
    c(.toml, #"a = "é中""#, column: 5, length: 4, offset: 1),
    c(.toml, "a = 42", column: 5, length: 2),
    c(.toml, "a = -1_000", column: 5, length: 6),
    c(.toml, "a = 1.5e3", column: 5, length: 5),
    c(.toml, "a = true", column: 5, length: 4),
    c(.toml, "a = 1979-05-27T07:32:00Z", column: 5, length: 20),
    c(.toml, "a = 1979-05-27 07:32:00", column: 5, length: 19),
    c(.toml, "a = [1, [2, 3]]", column: 5, length: 11),
    c(.toml, "a = { b = 1, c = \"x\" }", column: 5, length: 18),
    c(.toml, "a = {}", column: 5, length: 2),
    c(.toml, "a = [\n  1,\n]", column: 5, length: 1),
    c(.toml, "a = \"\"\"\nline\n\"\"\"", column: 5, length: 3, offset: 3),
    c(.toml, "a = '''ab\ncd'''", column: 5, length: 5, offset: 3),
    c(.toml, "a = \"\"\"ab\r\ncd\"\"\"\r\n", column: 5, length: 5, offset: 3),
    c(.toml, "\"a\" = 1", column: 7, length: 1, key: 3),
    c(.toml, "x.a = 1", column: 7, length: 1),
    c(.yaml, "a: GET", column: 4, length: 3),
    c(.yaml, "a: \"GET\"", column: 4, length: 5, offset: 1),
    c(.yaml, "a: 'it''s'", column: 4, length: 7, offset: 1),
    c(.yaml, "a: héllo 中文", column: 4, length: 8),
    c(.yaml, "a: 42", column: 4, length: 2),
    c(.yaml, "a: true", column: 4, length: 4),
    c(.yaml, "a: 1.5", column: 4, length: 3),
    c(.yaml, "a: [1, [2, 3]]", column: 4, length: 11),
    c(.yaml, "a: {b: 1}", column: 4, length: 6),
    c(.yaml, "a: [1,\n  2]", column: 4, length: 1),
    c(.yaml, "a:\n  - 1", column: 3, length: 1),
    c(.yaml, "a:\n  b: 1", column: 3, length: 1),
    c(.yaml, "a: one\n  two", column: 4, length: 3),
    c(.yaml, "a: |\n  x\n", column: 4, length: 1),
    c(.yaml, "a: !!str 12", column: 4, length: 8),
    c(.yaml, "a: &x \"v\"", column: 4, length: 6, offset: 4),
    c(.yaml, "x: &x v\na: *x", column: 4, length: 2),
    c(.yaml, "\"a\": 1", column: 6, length: 1, key: 3),
    c(.json, #"{"a": "GET"}"#, column: 7, length: 5, offset: 1, key: 3),
    c(.json, #"{"a": "\u00e9中"}"#, column: 7, length: 9, offset: 1, key: 3),
    c(.json, #"{"a": -1.5e3}"#, column: 7, length: 6, key: 3),
    c(.json, #"{"a": false}"#, column: 7, length: 5, key: 3),
    c(.json, #"{"a": [1, [2]]}"#, column: 7, length: 8, key: 3),
    c(.json, #"{"a": {"b": 1}}"#, column: 7, length: 8, key: 3),
    c(.json, "{\"a\": [\n1]}", column: 7, length: 1, key: 3),
    c(.json, "{\"é\": 1, \"a\": \"中\"}", column: 15, length: 3, offset: 1, key: 3),
  ]

  @Test(arguments: cases) func widthOfTheValueAsWritten(_ c: Case) throws {
    var table = try #require(c.format.parse(Array(c.text.utf8), file: "t").tableValue)
    if table["a"] == nil, let x = table["x"]?.tableValue { table = x }
    let entry = try #require(table.entry("a"))
    #expect(entry.value.location.column == c.column)
    #expect(entry.value.sourceLength == c.length)
    #expect(entry.value.contentOffset == c.contentOffset)
    #expect(entry.keyLength == c.keyLength)
  }

  /// A `[header]` table and a `[[array]]` of tables have no one text to underline: 1.
  @Test func headerTablesAreOneColumnWide() throws {
    let root = try TOMLParser.parse(Array("[load]\nusers = 1\n[[s]]\nx = 1\n".utf8), file: "t")
    #expect(root.tableValue?["load"]?.sourceLength == 1)
    #expect(root.tableValue?["s"]?.sourceLength == 1)
    #expect(root.tableValue?.entry("load")?.keyLength == 4)
  }

  /// Values built in code (not read from a file) are one column wide and start at their text.
  @Test func valuesFromCodeDefaultToOneColumn() {
    let v = ConfigValue(.string("x"), at: .synthetic("flag"))
    #expect(v.sourceLength == 1 && v.contentOffset == 0)
    var t = ConfigTable()
    t.set("name", v, keyLocation: .synthetic("flag"))
    #expect(t.entry("name")?.keyLength == 4)
  }
}
