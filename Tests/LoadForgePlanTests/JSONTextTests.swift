import Foundation
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

@Suite struct JSONTextTests {
  @Test(arguments: [
    ("plain", #""plain""#),
    ("q\"b\\s/", #""q\"b\\s/""#),
    ("\n\r\t\u{08}\u{0C}", #""\n\r\t\b\f""#),
    ("\u{00}\u{1F}\u{7F}", "\"\\u0000\\u001f\u{7F}\""),
    ("é€😀\u{2028}", "\"é€😀\u{2028}\""),
  ])
  func escapesPerRFC8259(input: String, expected: String) {
    #expect(JSONText.quoted(input) == expected)
  }

  @Test(arguments: [
    (0.1, "0.1"), (1.5, "1.5"), (100.0, "100.0"), (-0.0, "-0.0"), (1e20, "1e+20"), (1e-7, "1e-07"),
    (.leastNonzeroMagnitude, "5e-324"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
  ])
  func floatsUseShortestRoundTrip(value: Double, expected: String) throws {
    let text = JSONText.number(value)
    #expect(text == expected)
    // Foundation's JSON reader gives the same double back.
    let parsed = try JSONSerialization.jsonObject(with: Data("[\(text)]".utf8), options: []) as? [NSNumber]
    #expect(parsed?.first?.doubleValue == value)
  }

  @Test func rendersCompactlyInWrittenOrderAndInterpolates() {
    let here = Located("${NAME}", at: .init(file: "t", line: 1, column: 1))
    let value = JSONValueSpec.object([
      JSONMemberSpec(key: "z", value: .integer(-9_223_372_036_854_775_808)),
      JSONMemberSpec(key: "a\"", value: .array([.string(here), .boolean(true), .float(2.5), .array([]), .object([])])),
    ])
    let text = JSONText.render(value) { $0.value == "${NAME}" ? "Bob \"B\"" : $0.value }
    #expect(text == #"{"z":-9223372036854775808,"a\"":["Bob \"B\"",true,2.5,[],{}]}"#)
  }
}
