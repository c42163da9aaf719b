import LoadForgePlan
import Testing

@testable import LoadForgeEngine

/// `TemplateRenderer`: each escape of `TemplateEscape` as a table of value → rendered text.
@Suite struct TemplateRendererTests {
  private func rendered(_ value: String, _ escape: TemplateEscape) -> String {
    var out: [UInt8] = []
    TemplateRenderer.render([TemplatePart(variable: 0, escape: escape)], values: [Array(value.utf8)], into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  @Test(arguments: [
    ("abcXYZ019-._~", "abcXYZ019-._~"),
    ("a b", "a%20b"),
    ("../admin?x=1&y=2#f", "..%2Fadmin%3Fx%3D1%26y%3D2%23f"),
    ("+*!'()%", "%2B%2A%21%27%28%29%25"),
    ("é", "%C3%A9"),
    ("\r\n\0", "%0D%0A%00"),
    ("", ""),
  ])
  func percent(value: String, expected: String) {
    #expect(rendered(value, .percent) == expected)
  }

  @Test(arguments: [
    ("abcXYZ019*-._", "abcXYZ019*-._"),
    ("a b", "a+b"),
    ("~", "%7E"),
    ("a=1&b=2", "a%3D1%26b%3D2"),
    ("+", "%2B"),
    ("é€", "%C3%A9%E2%82%AC"),
    ("\n", "%0A"),
  ])
  func form(value: String, expected: String) {
    #expect(rendered(value, .form) == expected)
  }

  @Test(arguments: [
    ("plain", "plain"),
    (#"say "hi""#, #"say \"hi\""#),
    (#"C:\dir"#, #"C:\\dir"#),
    ("a\nb\rc\td\u{08}e\u{0C}f", #"a\nb\rc\td\be\ff"#),
    ("\u{00}\u{01}\u{1F}", #"\u0000\u0001\u001f"#),
    ("/ \u{7F} é 😀", "/ \u{7F} é 😀"),
  ])
  func json(value: String, expected: String) {
    #expect(rendered(value, .json) == expected)
  }

  @Test(arguments: [
    ("Bearer abc", "Bearer abc"),
    ("a\r\nX-Injected: 1", "a  X-Injected: 1"),
    ("a\0b\nc", "a b c"),
    ("\tkeeps tab é", "\tkeeps tab é"),
  ])
  func header(value: String, expected: String) {
    #expect(rendered(value, .header) == expected)
  }

  @Test func noneInsertsTheValueAsIs() {
    #expect(rendered("a \"b\"\r\n%", .none) == "a \"b\"\r\n%")
  }

  @Test func partsInOrderWithMissingSlotsEmpty() {
    let parts = [
      TemplatePart(text: "/users/"), TemplatePart(variable: 1, escape: .percent), TemplatePart(text: "?q="),
      TemplatePart(variable: 0, escape: .form), TemplatePart(text: "&n="), TemplatePart(variable: 7, escape: .percent),
    ]
    var out = Array("GET ".utf8)
    TemplateRenderer.render(parts, values: [Array("a b".utf8), Array("x/y".utf8)], into: &out)
    #expect(String(decoding: out, as: UTF8.self) == "GET /users/x%2Fy?q=a+b&n=")
  }

  @Test func invalidUTF8BytesArePercentEncodedOrCopied() {
    var out: [UInt8] = []
    TemplateRenderer.render([TemplatePart(variable: 0, escape: .percent)], values: [[0xFF, 0x41]], into: &out)
    #expect(out == Array("%FFA".utf8))
    out = []
    TemplateRenderer.render([TemplatePart(variable: 0, escape: .json)], values: [[0xFF, 0x22]], into: &out)
    #expect(out == [0xFF, 0x5C, 0x22])
  }
}
