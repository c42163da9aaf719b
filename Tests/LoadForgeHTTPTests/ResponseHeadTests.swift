import LoadForgeTestSupport
import Testing

@testable import LoadForgeHTTP

/// `ResponseHead.parseWhole` (one pass) against the byte-by-byte path it short-cuts
/// (`HeadScanner` to find the end, then `ResponseHead(parsing:)`): whenever the one-pass parse
/// answers, both must agree on where the head ends and on every framing fact.
@Suite struct ResponseHeadTests {
  /// The framing facts of a head, comparable.
  private struct Facts: Equatable {
    var status: Int
    var minorVersion: Int
    var contentLength: Int?
    var contentLengthInvalid: Bool
    var hasTransferEncoding: Bool
    var chunkedIsLast: Bool
    var connectionClose: Bool
    var connectionKeepAlive: Bool
    var keepAliveTimeoutSeconds: Int?

    init(_ head: ResponseHead) {
      status = head.status
      minorVersion = head.minorVersion
      contentLength = head.contentLength
      contentLengthInvalid = head.contentLengthInvalid
      hasTransferEncoding = head.hasTransferEncoding
      chunkedIsLast = head.chunkedIsLast
      connectionClose = head.connectionClose
      connectionKeepAlive = head.connectionKeepAlive
      keepAliveTimeoutSeconds = head.keepAliveTimeoutSeconds
    }
  }

  /// The byte-by-byte path: nil when the head is incomplete or invalid.
  private static func slowPath(_ bytes: [UInt8]) -> (facts: Facts, end: Int)? {
    bytes.withUnsafeBufferPointer { buffer in
      var scanner = HeadScanner()
      guard let end = try? scanner.scan(buffer, from: 0, to: buffer.count) else { return nil }
      guard let head = try? ResponseHead(parsing: UnsafeBufferPointer(rebasing: buffer[..<end])) else {
        return nil
      }
      return (Facts(head), end)
    }
  }

  private static func fastPath(_ bytes: [UInt8]) -> (facts: Facts, end: Int)? {
    bytes.withUnsafeBufferPointer { buffer in
      ResponseHead.parseWhole(buffer, from: 0, to: buffer.count).map { (Facts($0.head), $0.end) }
    }
  }

  @Test func nginxHeadParsesInOnePass() throws {
    let head =
      "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Sun, 29 Nov 2026 15:12:59 GMT\r\n"
      + "Content-Type: application/json\r\nContent-Length: 186\r\n"
      + "Last-Modified: Sun, 29 Nov 2026 14:22:46 GMT\r\nConnection: keep-alive\r\n"
      + "ETag: \"6b0c3536-ba\"\r\nAccept-Ranges: bytes\r\n\r\n"
    let bytes = Array(head.utf8) + Array("{\"products\":[]}".utf8)
    let fast = try #require(Self.fastPath(bytes))
    #expect(fast.end == head.utf8.count)
    #expect(fast.facts.status == 200)
    #expect(fast.facts.minorVersion == 1)
    #expect(fast.facts.contentLength == 186)
    #expect(fast.facts.connectionKeepAlive)
    #expect(!fast.facts.connectionClose)
    #expect(fast.facts == Self.slowPath(bytes)?.facts)
  }

  @Test(arguments: [
    ("keep-alive", false, true), (" Keep-Alive ", false, true), ("close", true, false),
    ("\tCLOSE\t", true, false), ("keep-alive, close", true, true), ("close,keep-alive", true, true),
    ("Upgrade", false, false), ("\"close\"", false, false), ("keep-alive2", false, false),
    ("", false, false), ("close , upgrade", true, false), ("x, Keep-Alive", false, true),
  ])
  func connectionTokens(value: String, close: Bool, keepAlive: Bool) throws {
    let bytes = Array("HTTP/1.1 200 OK\r\nConnection:\(value)\r\n\r\n".utf8)
    for facts in [try #require(Self.fastPath(bytes)).facts, try #require(Self.slowPath(bytes)).facts] {
      #expect(facts.connectionClose == close)
      #expect(facts.connectionKeepAlive == keepAlive)
    }
  }

  @Test func givesUpOnEveryIncompletePrefix() {
    let head = Array("HTTP/1.0 404 Not Found\r\nContent-Length: 0\nConnection: close\r\n\r\n".utf8)
    for cut in 0..<head.count {
      #expect(Self.fastPath(Array(head[..<cut])) == nil, "prefix of \(cut) bytes")
    }
    #expect(Self.fastPath(head)?.end == head.count)
  }

  @Test(arguments: [
    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n continued\r\n\r\n",  // obs-fold of a tracked field
    "HTTP/1.1 200 OK\r\nX-A: 1\r\n\tmore\r\n\r\n",  // obs-fold of another field
    "HTTP/1.1 200 OK\r\n X-A: 1\r\n\r\n",  // whitespace before the first field
    "HTTP/1.1 200 O\0K\r\n\r\n",  // NUL in the reason phrase
    "HTTP/1.1 200 OK\r\nX-A: a\0b\r\n\r\n",  // NUL in a value
    "HTTP/1.1 200 OK\rX\r\n\r\n",  // bare CR
    "HTTP/1.1 200 OK\r\nX-A : 1\r\n\r\n",  // space before the colon
    "HTTP/1.1 200 OK\r\n: 1\r\n\r\n",  // empty field name
    "HTTP/1.1 200 OK\r\nX-A: 1\r\n\r",  // ends at a CR
    "HTTP/2.0 200 OK\r\n\r\n", "HTTP/1.1 099 Low\r\n\r\n", "HTTP/1.1 2000\r\n\r\n",
    "<html>\r\n\r\n",
  ])
  func givesUpOnWhatItDoesNotHandle(head: String) {
    #expect(Self.fastPath(Array(head.utf8)) == nil)
  }

  /// Random heads built from valid, odd and invalid lines, sometimes with a byte changed: the
  /// one-pass parse never disagrees with the byte-by-byte path, and handles every plain head.
  @Test func agreesWithTheByteByByteParseOnRandomHeads() {
    let statusLines = [
      "HTTP/1.1 200 OK", "HTTP/1.0 204 No Content", "HTTP/1.1 304", "HTTP/1.1 101 ", "HTTP/1.1 599 x\ty",
      "HTTP/1.1 100 Continue", "HTTP/1.9 418 \u{1}odd", "HTTP/1.1 200 \u{E9}t\u{E9}",
    ]
    let plainFields = [
      "Content-Length: 186", "content-length:0", "Content-Length:  42 , 42 ", "Content-Length: 4, 5",
      "CONTENT-LENGTH: -1", "Content-Length: 99999999999999999999999", "Content-Length: ",
      "Transfer-Encoding: chunked", "transfer-encoding: gzip, chunked", "Transfer-Encoding: chunked, gzip",
      "Transfer-Encoding: chunked ; q=1", "Connection: close", "Connection: Keep-Alive, Upgrade",
      "connection: \"close\", keep-alive", "Keep-Alive: timeout=5, max=100", "keep-alive: timeout=\"7\"",
      "Keep-Alive: timeout=1234567890", "Server: nginx", "X-Tab:\tvalue\twith tabs", "X-Empty:",
      "X-Ctl: a\u{1}b\u{B}c", "X-High: caf\u{E9}", "Date: Sun, 29 Nov 2026 15:12:59 GMT",
      "X-Long: " + String(repeating: "abcdefgh", count: 9), "!#$%&'*+-.^_`|~09azAZ: token chars",
    ]
    let oddLines = [" folded", "\tfolded", "X A: 1", ": empty", "X-Nul: a\0b", "Bad\u{E9}: 1", "X@: 1"]
    var rng = SplitMix64(seed: 0x4EAD_F00D)
    var plainHandled = 0
    var plainTotal = 0
    for _ in 0..<4000 {
      var lines = [statusLines.randomElement(using: &rng)!]
      var plain = true
      for _ in 0..<Int.random(in: 0...7, using: &rng) {
        if Int.random(in: 0..<8, using: &rng) == 0 {
          lines.append(oddLines.randomElement(using: &rng)!)
          plain = false
        } else {
          lines.append(plainFields.randomElement(using: &rng)!)
        }
      }
      var bytes: [UInt8] = []
      for line in lines + [""] {
        bytes += Array(line.utf8)
        bytes += Int.random(in: 0..<4, using: &rng) == 0 ? [0x0A] : [0x0D, 0x0A]
      }
      if Int.random(in: 0..<6, using: &rng) == 0 {
        // Change one byte to a character that often matters: CR, LF, NUL, SP, HTAB, colon.
        let at = Int.random(in: 0..<bytes.count, using: &rng)
        bytes[at] = [0x0D, 0x0A, 0x00, 0x20, 0x09, 0x3A].randomElement(using: &rng)!
        plain = false
      }
      bytes += Array("body".utf8).prefix(Int.random(in: 0...4, using: &rng))

      let slow = Self.slowPath(bytes)
      let fast = Self.fastPath(bytes)
      if let fast {
        #expect(slow?.end == fast.end, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        #expect(slow?.facts == fast.facts, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
      }
      if plain && slow != nil {
        plainTotal += 1
        if fast != nil { plainHandled += 1 }
      }
    }
    // Every plain head (no obs-fold, no NUL, no stray byte) takes the one-pass path.
    #expect(plainTotal > 1000)
    #expect(plainHandled == plainTotal)
  }
}
