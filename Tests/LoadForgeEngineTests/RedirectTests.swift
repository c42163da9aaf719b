import LoadForgePlan
import Testing

@testable import LoadForgeEngine

/// Where a 3xx leads and what is sent there (HTTP-CASES C12; RFC 3986 §5.2, RFC 9110 §15.4).
struct RedirectTests {
  let origin = Origin(scheme: "http", host: "127.0.0.1", port: 8080)

  @Test(arguments: [
    ("http://127.0.0.1:8080/b?x=1", "/a", "/b?x=1"),
    ("HTTP://127.0.0.1:8080", "/a", "/"),
    ("//127.0.0.1:8080/c", "/a", "/c"),
    ("/d/e", "/a/b", "/d/e"),
    ("next", "/a/b?q=1", "/a/next"),
    ("../up", "/a/b/c", "/a/up"),
    ("./same/", "/a/b", "/a/same/"),
    ("?page=2", "/list?page=1", "/list?page=2"),
    ("/x#frag", "/a", "/x"),
    ("  /spaced  ", "/a", "/spaced"),
    ("/a/./b/../c", "/", "/a/c"),
  ])
  func resolvesReferencesOnTheSameOrigin(location: String, current: String, expected: String) {
    #expect(Redirect.target(location: location, currentTarget: current, origin: origin) == expected)
  }

  @Test(arguments: [
    "http://example.com/", "https://127.0.0.1:8080/", "http://127.0.0.1:8081/", "//other/x", "mailto:a@b",
    "http://127.0.0.1/", "", "#only",
  ])
  func anotherOriginOrNothingIsNotFollowed(location: String) {
    #expect(Redirect.target(location: location, currentTarget: "/a", origin: origin) == nil)
  }

  @Test func defaultPortsAndIPv6Literals() {
    let web = Origin(scheme: "http", host: "localhost", port: 80)
    #expect(Redirect.target(location: "http://LOCALHOST/p", currentTarget: "/", origin: web) == "/p")
    #expect(Redirect.target(location: "http://localhost:80/p", currentTarget: "/", origin: web) == "/p")
    let v6 = Origin(scheme: "http", host: "::1", port: 9000)
    #expect(Redirect.target(location: "http://[::1]:9000/v6", currentTarget: "/", origin: v6) == "/v6")
    #expect(Redirect.target(location: "http://[::1]:9001/v6", currentTarget: "/", origin: v6) == nil)
  }

  @Test func onlyRedirectStatusesAreFollowed() {
    #expect([301, 302, 303, 307, 308].allSatisfy(Redirect.isFollowable))
    #expect(![300, 304, 305, 306, 200, 400].contains(where: Redirect.isFollowable))
  }

  @Test func methodRules() {
    #expect(Redirect.method(after: 303, original: "POST") == "GET")
    #expect(Redirect.method(after: 303, original: "PUT") == "GET")
    #expect(Redirect.method(after: 302, original: "POST") == "GET")
    #expect(Redirect.method(after: 301, original: "POST") == "GET")
    #expect(Redirect.method(after: 302, original: "DELETE") == "DELETE")
    #expect(Redirect.method(after: 307, original: "POST") == "POST")
    #expect(Redirect.method(after: 308, original: "PATCH") == "PATCH")
    #expect(Redirect.method(after: 303, original: "HEAD") == "HEAD")
  }

  @Test func rewriteReplacesTheRequestLineAndDropsTheBodyForGet() {
    let post = Array(
      ("POST /login HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nAuthorization: Bearer t\r\n"
        + "Content-Length: 2\r\n\r\n{}").utf8)
    let get = post.withUnsafeBytes { Redirect.rewrite($0, method: "GET", target: "/home", dropBody: true) }
    #expect(
      String(decoding: get, as: UTF8.self) == "GET /home HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer t\r\n\r\n")
    let kept = post.withUnsafeBytes { Redirect.rewrite($0, method: "POST", target: "/v2/login", dropBody: false) }
    #expect(
      String(decoding: kept, as: UTF8.self)
        == "POST /v2/login HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nAuthorization: Bearer t\r\n"
        + "Content-Length: 2\r\n\r\n{}")
  }
}
