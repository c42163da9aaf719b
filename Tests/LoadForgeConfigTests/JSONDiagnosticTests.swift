import LoadForgeConfig
import Testing

/// Where JSON errors point and what they say (message, line, column, caret length, help).
@Suite struct JSONDiagnosticTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var input: [UInt8]
    var line: Int
    var column: Int
    var message: String
    var help: String?
    var length = 1

    init(
      _ text: String, _ line: Int, _ column: Int, _ message: String, help: String? = nil,
      length: Int = 1
    ) {
      self.init(bytes: Array(text.utf8), line, column, message, help: help, length: length)
    }

    init(
      bytes: [UInt8], _ line: Int, _ column: Int, _ message: String, help: String? = nil,
      length: Int = 1
    ) {
      self.input = bytes
      self.line = line
      self.column = column
      self.message = message
      self.help = help
      self.length = length
    }

    var testDescription: String { String(decoding: input, as: UTF8.self) }
  }

  static func error(_ bytes: [UInt8]) -> Diagnostic? {
    do {
      _ = try JSONParser.parse(bytes, file: "t.json")
      return nil
    } catch {
      return error
    }
  }

  static let syntaxCases: [Case] = [
    Case(
      #"{"a": 1,}"#, 1, 8, "trailing comma in an object",
      help: "JSON does not allow a comma before }; remove it"),
    Case(
      "{\"a\": [1, 2,\n]}", 1, 12, "trailing comma in an array",
      help: "JSON does not allow a comma before ]; remove it"),
    Case(
      "{\"a\": 1 // port\n}", 1, 9, "comments are not allowed in JSON",
      help: "remove the comment, or write the config in TOML or YAML, which have comments",
      length: 2),
    Case(
      "/* head */ {}", 1, 1, "comments are not allowed in JSON",
      help: "remove the comment, or write the config in TOML or YAML, which have comments",
      length: 2),
    Case(
      "{\n  # note\n}", 2, 3, "comments are not allowed in JSON",
      help: "remove the comment, or write the config in TOML or YAML, which have comments"),
    Case(
      "{'a': 1}", 1, 2, "strings must be in double quotes in JSON",
      help: "replace the single quotes with \""),
    Case(
      #"{"a": 'x'}"#, 1, 7, "strings must be in double quotes in JSON",
      help: "replace the single quotes with \""),
    Case(
      "{a: 1}", 1, 2, "object keys must be strings in double quotes", help: #"write "a""#),
    Case(
      #"{"a" 1}"#, 1, 6, #"expected ':' after the key "a", found '1'"#),
    Case(
      #"{"a" = 1}"#, 1, 6, #"expected ':' after the key "a", found '='"#,
      help: "JSON separates a key from its value with ':'"),
    Case(
      #"{"a": 1 "b": 2}"#, 1, 9, #"expected ',' or '}' after the value of "a", found '"'"#,
      help: "put a ',' between two members"),
    Case(
      #"{"a": [1 2]}"#, 1, 10, "expected ',' or ']' after an array element, found '2'",
      help: "put a ',' between two elements"),
    Case(#"{"a": }"#, 1, 7, "expected a value, found '}'"),
    Case(#"{"a": [,]}"#, 1, 8, "expected a value, found ','"),
    Case(
      #"{"a": NaN}"#, 1, 7, "NaN and Infinity are not allowed in JSON",
      help: "JSON numbers are finite; write a number", length: 3),
    Case(
      #"{"a": Infinity}"#, 1, 7, "NaN and Infinity are not allowed in JSON",
      help: "JSON numbers are finite; write a number", length: 8),
    Case(
      #"{"a": -Infinity}"#, 1, 7, "NaN and Infinity are not allowed in JSON",
      help: "JSON numbers are finite; write a number", length: 9),
    Case(
      #"{"a": 007}"#, 1, 7, "leading zeros are not allowed in JSON numbers", help: "write 7",
      length: 3),
    Case(
      #"{"a": -01.5}"#, 1, 7, "leading zeros are not allowed in JSON numbers",
      help: "write -1.5", length: 5),
    Case(
      #"{"a": +1}"#, 1, 7, "a number cannot start with '+' in JSON",
      help: "remove the '+': write 1", length: 2),
    Case(
      #"{"a": .5}"#, 1, 7, "a number needs a digit before the '.'", help: "write 0.5", length: 2),
    Case(
      #"{"a": -.5}"#, 1, 7, "a number needs a digit before the '.'", help: "write -0.5",
      length: 3),
    Case(
      #"{"a": 1.}"#, 1, 7, "a number needs digits after the '.'",
      help: "write 1.0, or 1 for an integer", length: 2),
    Case(
      #"{"a": 2.e5}"#, 1, 7, "a number needs digits after the '.'",
      help: "write 2.0, or 2 for an integer", length: 4),
    Case(
      #"{"a": 1e+}"#, 1, 7, "the exponent of 1e+ has no digits",
      help: "an exponent is e or E, an optional sign, and digits (e.g. 1e6, 5E-3)", length: 3),
    Case(
      #"{"a": -}"#, 1, 7, "expected a digit after '-'",
      help: "a JSON number is an optional '-', digits, an optional fraction and exponent"),
    Case(
      #"{"a": 0x1F}"#, 1, 7, "hexadecimal numbers are not allowed in JSON",
      help: "write the value in decimal", length: 4),
    Case(
      #"{"a": 1.2.3}"#, 1, 7, "invalid number 1.2.3",
      help: "a JSON number is an optional '-', digits, an optional fraction and exponent",
      length: 5),
    Case(
      #"{"a": 1_000}"#, 1, 7, "invalid number 1_000",
      help: "JSON numbers have no digit separators; remove the underscores", length: 5),
    Case(
      #"{"a": True}"#, 1, 7, "JSON literals are lowercase: True is not valid",
      help: "write true", length: 4),
    Case(
      #"{"a": yes}"#, 1, 7, "unexpected word yes", help: #"strings need double quotes: "yes""#,
      length: 3),
    Case(
      "{\n  \"b\": tru\n}", 2, 8, "unexpected word tru", help: #"strings need double quotes: "tru""#,
      length: 3),
    Case(
      "[1, 2]", 1, 1, "the top level of a JSON config must be an object",
      help: "wrap the settings in { … }"),
    Case(
      "  \"x\"", 1, 3, "the top level of a JSON config must be an object",
      help: "wrap the settings in { … }"),
    Case(
      "{}\n{}", 2, 1, "unexpected '{' after the end of the top-level object",
      help: "a JSON config holds exactly one object; remove what follows its closing }"),
  ]

  static let valueCases: [Case] = [
    Case(
      #"{"a": null}"#, 1, 7, "null is not allowed here", help: "remove the key", length: 4),
    Case(
      #"{"a": [1, null]}"#, 1, 11, "null is not allowed here", help: "remove the element",
      length: 4),
    // Columns count scalars: "é" and "ü" are two bytes each but one column.
    Case(
      #"{"é": "ü", "x": null}"#, 1, 17, "null is not allowed here", help: "remove the key",
      length: 4),
    Case(
      #"{"a": 1, "b": 2, "a": 3}"#, 1, 18, #"duplicate key "a""#,
      help: "first defined at t.json:1:2", length: 3),
    Case(
      "{\"o\": {\n  \"ké\": 1,\n  \"ké\": 2}}", 3, 3, #"duplicate key "ké""#,
      help: "first defined at t.json:2:3", length: 4),
    Case(
      #"{"a": 9223372036854775808}"#, 1, 7, "integer 9223372036854775808 does not fit in 64 bits",
      help:
        "integers range from -9223372036854775808 to 9223372036854775807; add .0 if a float is meant",
      length: 19),
    Case(
      #"{"a": -9223372036854775809}"#, 1, 7,
      "integer -9223372036854775809 does not fit in 64 bits",
      help:
        "integers range from -9223372036854775808 to 9223372036854775807; add .0 if a float is meant",
      length: 20),
    Case(
      #"{"a": 1e999}"#, 1, 7, "number 1e999 is out of the range of a 64-bit float",
      help: "floats range up to about ±1.8e308", length: 5),
  ]

  static let stringCases: [Case] = [
    Case(
      "{\"a\": \"x\u{1}\"}", 1, 9, "control character U+0001 is not allowed in a string",
      help: "write it as the escape \\u0001"),
    Case(
      "{\"a\": \"x\ty\"}", 1, 9, "control character U+0009 is not allowed in a string",
      help: "write it as the escape \\t"),
    Case(
      "{\"a\": \"x\ny\"}", 1, 9, "line break inside a string",
      help: "close the string with \" before the line ends, or write the line break as \\n"),
    Case(
      #"{"a": "\x"}"#, 1, 8, "invalid escape sequence \\x",
      help: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; write \\\\ for a backslash",
      length: 2),
    Case(
      #"{"a": "\'"}"#, 1, 8, "invalid escape sequence \\'",
      help: "a single quote needs no escape in a JSON string", length: 2),
    Case(
      #"{"a": "\U0001F600"}"#, 1, 8, "invalid escape sequence \\U",
      help: "JSON has only \\uXXXX; write a character above U+FFFF as itself or as a surrogate pair",
      length: 2),
    Case(
      #"{"a": "\u12G4"}"#, 1, 8, "\\u escape needs exactly 4 hex digits",
      help: "write \\u followed by four of 0-9 A-F, e.g. \\u00E9 for é", length: 5),
    Case(
      #"{"a": "ab\uD83D"}"#, 1, 10, "lone high surrogate \\uD83D",
      help:
        "a \\uD800–\\uDBFF escape must be followed by a \\uDC00–\\uDFFF escape (a UTF-16 pair), e.g. \\uD83D\\uDE00",
      length: 6),
    Case(
      #"{"a": "\uD83D\u0041"}"#, 1, 8, "lone high surrogate \\uD83D",
      help:
        "a \\uD800–\\uDBFF escape must be followed by a \\uDC00–\\uDFFF escape (a UTF-16 pair), e.g. \\uD83D\\uDE00",
      length: 6),
    Case(
      #"{"a": "\uDE00"}"#, 1, 8, "lone low surrogate \\uDE00",
      help:
        "a \\uDC00–\\uDFFF escape must follow a \\uD800–\\uDBFF escape (a UTF-16 pair), e.g. \\uD83D\\uDE00",
      length: 6),
    Case(
      bytes: Array(#"{"a": "x"#.utf8) + [0xFF] + Array(#""}"#.utf8), 1, 9,
      "invalid UTF-8: byte 0xFF cannot start a character",
      help: "JSON files must be valid UTF-8 (RFC 8259 §8.1)"),
    Case(
      bytes: [0xFF, 0xFE, 0x7B, 0x00], 1, 1, "invalid UTF-8: byte 0xFF cannot start a character",
      help: "the file looks like UTF-16; JSON files must be UTF-8 (RFC 8259 §8.1)"),
    Case(
      bytes: [0xEF, 0xBB, 0xBF] + Array("{,}".utf8), 1, 2,
      "expected a key in double quotes, found ','"),
  ]

  static let endCases: [Case] = [
    Case("", 1, 1, "unexpected end of input: the file is empty", help: "expected a JSON object: { … }"),
    Case(" \n", 2, 1, "unexpected end of input: the file is empty", help: "expected a JSON object: { … }"),
    Case(
      "{", 1, 2, "unexpected end of input",
      help: "expected a key in double quotes; the object opened at t.json:1:1 is still open"),
    Case(#"{"a":"#, 1, 6, "unexpected end of input", help: "expected a value"),
    Case(
      "{\"a\": 1\n", 2, 1, "unexpected end of input",
      help:
        "expected ',' or '}' after the value of \"a\"; the object opened at t.json:1:1 is still open"),
    Case(
      #"{"a": [1, 2"#, 1, 12, "unexpected end of input",
      help: "expected ',' or ']' after an array element; the array opened at t.json:1:7 is still open"),
    Case(#"{"a""#, 1, 5, "unexpected end of input", help: "expected ':' after the key \"a\""),
    Case(
      #"{"a": "xyz"#, 1, 7, "unterminated string", help: "add a closing \" before the end of the file"),
    Case(
      #"{"a": "xyz\"#, 1, 7, "unterminated string", help: "add a closing \" before the end of the file"),
    Case(
      #"{"a": "\u12"#, 1, 8, "\\u escape needs exactly 4 hex digits",
      help: "write \\u followed by four of 0-9 A-F, e.g. \\u00E9 for é", length: 4),
  ]

  static func check(_ c: Case) {
    guard let d = error(c.input) else {
      Issue.record("parsed without error")
      return
    }
    #expect(d.message == c.message)
    #expect(d.location?.file == "t.json")
    #expect(d.location?.line == c.line)
    #expect(d.location?.column == c.column)
    #expect(d.help == c.help)
    #expect(d.length == c.length)
  }

  @Test(arguments: syntaxCases) func syntaxErrors(_ c: Case) { Self.check(c) }
  @Test(arguments: valueCases) func valueErrors(_ c: Case) { Self.check(c) }
  @Test(arguments: stringCases) func stringAndEncodingErrors(_ c: Case) { Self.check(c) }
  @Test(arguments: endCases) func unexpectedEndOfInput(_ c: Case) { Self.check(c) }

  @Test func nestingDeeperThan128IsAnErrorAtTheOpeningBracket() {
    // Root object = level 1; the 128th array is level 129.
    let text = #"{"a":"# + String(repeating: "[", count: 128) + String(repeating: "]", count: 128) + "}"
    let d = Self.error(Array(text.utf8))
    #expect(d?.message == "objects and arrays are nested deeper than 128 levels")
    #expect(d?.location?.line == 1 && d?.location?.column == 5 + 128)
    #expect(d?.location?.offset == 5 + 127)
    #expect(d?.help == "a config never needs this depth; flatten the structure")
    let deep = "{\"a\":" + String(repeating: "[", count: 100_000)
    #expect(Self.error(Array(deep.utf8))?.location?.column == 5 + 128)
  }

  @Test func duplicateKeyRendersCaretAndFirstDefinition() throws {
    let text = "{\n  \"name\": \"x\",\n  \"name\": \"y\"\n}\n"
    let d = try #require(Self.error(Array(text.utf8)))
    #expect(
      d.rendered(source: SourceText(file: "t.json", bytes: Array(text.utf8))) == """
        error: duplicate key "name"
         --> t.json:3:3
          |
        3 |   "name": "y"
          |   ^^^^^^
          = help: first defined at t.json:2:3
        """)
  }

  @Test func errorLocationOffsetsAreByteOffsets() {
    // '{' 0, '"' 1, 'é' 2–3, '"' 4, ':' 5, 'n' 6: column 6 is byte 6 since 'é' takes two.
    let d = Self.error(Array(#"{"é":null}"#.utf8))
    #expect(d?.location == LoadForgeConfig.SourceLocation(file: "t.json", line: 1, column: 6, offset: 6))
  }
}
