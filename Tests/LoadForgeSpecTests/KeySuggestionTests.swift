import Testing

@testable import LoadForgeSpec

@Suite struct KeySuggestionTests {
  @Test func suggestsTheClosestKnownKey() {
    #expect(KeySuggestion.closest(to: "base_ulr", in: ["name", "base_url", "load"]) == "base_url")
    #expect(KeySuggestion.closest(to: "senarios", in: ["scenarios", "defaults"]) == "scenarios")
    #expect(KeySuggestion.closest(to: "xyz", in: ["scenarios", "defaults"]) == nil)
  }

  @Test func editDistance() {
    #expect(KeySuggestion.distance("kitten", "sitting") == 3)
    #expect(KeySuggestion.distance("", "abc") == 3)
    #expect(KeySuggestion.distance("same", "same") == 0)
    #expect(KeySuggestion.distance("rmap", "ramp") == 1)
  }
}
