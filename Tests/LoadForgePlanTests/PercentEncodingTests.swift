import Testing

@testable import LoadForgePlan

@Suite struct PercentEncodingTests {
  @Test(arguments: [
    ("AZaz09-._~", "AZaz09-._~"),
    ("x y", "x%20y"),
    ("a+b=c&d", "a%2Bb%3Dc%26d"),
    ("/?#[]@!$'()*,;", "%2F%3F%23%5B%5D%40%21%24%27%28%29%2A%2C%3B"),
    ("é€", "%C3%A9%E2%82%AC"),
    ("\n\u{7F}%", "%0A%7F%25"),
    ("", ""),
  ])
  func encodesEverythingButUnreserved(input: String, expected: String) {
    #expect(PercentEncoding.encode(input) == expected)
  }

  @Test func formTurnsSpacesIntoPlus() {
    #expect(PercentEncoding.form([("user name", "a b+c"), ("x", "~*")]) == "user+name=a+b%2Bc&x=~%2A")
  }

  @Test func queryKeepsOrder() {
    #expect(PercentEncoding.query([("b", "2"), ("a", "x y"), ("b", "")]) == "b=2&a=x%20y&b=")
  }

  @Test(arguments: [
    ("/p", "a=1", "/p?a=1"),
    ("/p?x=0", "a=1", "/p?x=0&a=1"),
    ("/p?", "a=1", "/p?a=1"),
    ("/p?x=0&", "a=1", "/p?x=0&a=1"),
    ("/p?x=0", "", "/p?x=0"),
  ])
  func appendsWithTheRightSeparator(target: String, query: String, expected: String) {
    #expect(PercentEncoding.appending(query: query, to: target) == expected)
  }
}
