import LoadForgeHTTP
import Testing

@Suite struct RequestEncoderTests {
  private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  @Test func getHasHostUserAgentAndNoContentLength() {
    let bytes = RequestEncoder.encode(
      method: "GET", target: "/products?page=1", host: "127.0.0.1:8080",
      headers: [(name: "Accept", value: "application/json")], body: [])
    #expect(
      text(bytes)
        == "GET /products?page=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: application/json\r\n"
        + "User-Agent: loadforge/0.1\r\n\r\n")
  }

  @Test(arguments: ["POST", "PUT", "PATCH"])
  func bodyMethodsWithoutBodySendContentLengthZero(method: String) {
    let bytes = RequestEncoder.encode(
      method: method, target: "/x", host: "h", headers: [], body: [])
    #expect(
      text(bytes)
        == "\(method) /x HTTP/1.1\r\nHost: h\r\nUser-Agent: loadforge/0.1\r\nContent-Length: 0\r\n\r\n"
    )
  }

  @Test func bodyIsFramedByContentLengthForAnyMethod() {
    let body = Array("{\"a\":1}".utf8)
    let post = RequestEncoder.encode(
      method: "POST", target: "/login", host: "h",
      headers: [(name: "Content-Type", value: "application/json")],
      body: body)
    #expect(
      text(post)
        == "POST /login HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nUser-Agent: loadforge/0.1\r\n"
        + "Content-Length: 7\r\n\r\n{\"a\":1}")
    let delete = RequestEncoder.encode(
      method: "DELETE", target: "/i/1", host: "h", headers: [], body: [0x00, 0xFF])
    #expect(
      delete == Array(
        "DELETE /i/1 HTTP/1.1\r\nHost: h\r\nUser-Agent: loadforge/0.1\r\nContent-Length: 2\r\n\r\n"
          .utf8) + [0x00, 0xFF])
  }

  @Test func callerHostUserAgentAndContentLengthWinCaseInsensitively() {
    let bytes = RequestEncoder.encode(
      method: "POST", target: "/", host: "default:80",
      headers: [
        (name: "X-First", value: "1"), (name: "HOST", value: "virtual.example"),
        (name: "user-agent", value: "custom/2"), (name: "content-LENGTH", value: "3"),
        (name: "host", value: "second.example"),
      ],
      body: Array("abc".utf8))
    #expect(
      text(bytes)
        == "POST / HTTP/1.1\r\nHost: virtual.example\r\nX-First: 1\r\nuser-agent: custom/2\r\ncontent-LENGTH: 3\r\n\r\nabc"
    )
  }

  @Test func callerTransferEncodingSuppressesContentLength() {
    let body = Array("3\r\nabc\r\n0\r\n\r\n".utf8)
    let bytes = RequestEncoder.encode(
      method: "POST", target: "/", host: "h",
      headers: [(name: "Transfer-Encoding", value: "chunked")], body: body)
    #expect(!text(bytes).lowercased().contains("content-length"))
    #expect(
      text(bytes).hasSuffix(
        "Transfer-Encoding: chunked\r\nUser-Agent: loadforge/0.1\r\n\r\n3\r\nabc\r\n0\r\n\r\n"))
  }

  @Test func lineBreaksAreStrippedSoNothingCanBeSmuggled() {
    let bytes = RequestEncoder.encode(
      method: "GET", target: "/a\r\nX-Evil: 1", host: "h\n",
      headers: [(name: "X-Tag\r\n", value: "v\r\n\r\nGET /admin HTTP/1.1\r\nHost: h")], body: [])
    let lines = text(bytes).split(separator: "\r\n", omittingEmptySubsequences: false).map(
      String.init)
    #expect(
      lines == [
        "GET /aX-Evil: 1 HTTP/1.1", "Host: h", "X-Tag: vGET /admin HTTP/1.1Host: h",
        "User-Agent: loadforge/0.1", "", "",
      ])
    // Every LF is one the encoder wrote, right after its own CR: 5 line ends, no bare ones.
    #expect(bytes.indices.allSatisfy { bytes[$0] != 0x0A || ($0 > 0 && bytes[$0 - 1] == 0x0D) })
    #expect(bytes.filter { $0 == 0x0A }.count == 5)
  }

  @Test func utf8TargetAndValuesPassThrough() {
    let bytes = RequestEncoder.encode(
      method: "GET", target: "/caf\u{E9}", host: "h",
      headers: [(name: "X-Name", value: "J\u{FC}rgen")], body: [])
    #expect(text(bytes).contains("GET /caf\u{E9} HTTP/1.1\r\n"))
    #expect(text(bytes).contains("X-Name: J\u{FC}rgen\r\n"))
  }
}
