import CCurl
import LoadForgeHTTP
import LoadForgePlan

/// A request as curl sends it: the absolute URL, the method, the header list and the body.
///
/// Built once per plan request (or per send for a templated one) and shared by every VU's
/// transfer: curl copies the URL and method when they are set, but reads the header list and
/// the body while the transfer runs, so a transfer keeps its request alive until it finishes.
///
/// The headers reproduce what `RequestEncoder` sends over plain HTTP: the caller's fields (CR
/// and LF removed, RFC 9110 §5.5), `User-Agent: loadforge/0.1` unless given, `Content-Length`
/// for a body or POST/PUT/PATCH (curl adds it from the body size), and none of the fields curl
/// would add by itself (`Accept: */*`, a form `Content-Type`, `Expect: 100-continue`) unless
/// the caller gave them: an empty `Name:` entry tells curl not to send its own.
final class CurlRequest {
  let url: String
  let method: String
  /// The body, copied into memory that stays put while curl reads it (CURLOPT_POSTFIELDS is
  /// not copied); never empty, so the pointer is valid for a 0-byte body too.
  let body: UnsafeMutableRawBufferPointer
  let bodyCount: Int
  /// Whether the body is sent (POSTFIELDS): a non-empty body, or POST/PUT/PATCH (then empty,
  /// with `Content-Length: 0`).
  let sendsBody: Bool
  /// The `curl_slist` of header lines; owned, freed on deinit.
  let headerList: UnsafeMutablePointer<curl_slist>?
  /// The caller's header fields and body as given, to send the request again elsewhere
  /// (`redirected`).
  private let fields: [(name: String, value: String)]
  private let bodyBytes: [UInt8]

  /// - Parameters:
  ///   - origin: the https origin; the URL is `scheme://host:port` followed by `target`.
  ///   - target: origin-form target, e.g. `/products?page=1`.
  ///   - headers: name/value pairs in order; a caller `Host` replaces curl's.
  init(origin: Origin, method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
    let host = origin.host.contains(":") ? "[\(origin.host)]" : origin.host
    url = "\(origin.scheme)://\(host):\(origin.port)\(Self.stripped(target))"
    self.method = Self.stripped(method)
    self.body = .allocate(byteCount: max(1, body.count), alignment: 1)
    self.body.copyBytes(from: body)
    bodyCount = body.count
    fields = headers
    bodyBytes = body
    sendsBody = !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH"
    var list: UnsafeMutablePointer<curl_slist>?
    var given = Set<String>()
    for header in headers {
      let name = Self.stripped(header.name)
      given.insert(name.lowercased())
      let value = Self.stripped(header.value)
      // "Name;" is curl's spelling of a field with an empty value ("Name:" would remove it).
      list = curl_slist_append(list, value.isEmpty ? "\(name);" : "\(name): \(value)")
    }
    if !given.contains("user-agent") {
      list = curl_slist_append(list, "User-Agent: \(RequestEncoder.defaultUserAgent)")
    }
    for suppressed in ["Accept", "Content-Type", "Expect"] where !given.contains(suppressed.lowercased()) {
      list = curl_slist_append(list, "\(suppressed):")
    }
    headerList = list
  }

  deinit {
    curl_slist_free_all(headerList)
    body.deallocate()
  }

  /// `text` without CR and LF, so no value can end a header line early (RFC 9112 §11.2).
  private static func stripped(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 13 || $0 == 10 }) else { return text }
    return String(decoding: text.utf8.filter { $0 != 13 && $0 != 10 }, as: UTF8.self)
  }
}

extension CurlRequest {
  /// This request sent as `method` to `target` on `origin` (a redirect's next hop): the same
  /// header fields, and the body unless `dropBody` (a 303, or a POST after 301/302, becomes a
  /// GET without one, RFC 9110 §15.4).
  func redirected(origin: Origin, method: String, target: String, dropBody: Bool) -> CurlRequest {
    CurlRequest(
      origin: origin, method: method, target: target,
      headers: dropBody
        ? fields.filter { !["content-type", "content-length"].contains($0.name.lowercased()) } : fields,
      body: dropBody ? [] : bodyBytes)
  }

  /// A plan request without template parts, against `origin`.
  convenience init(_ request: RequestPlan, origin: Origin) {
    self.init(
      origin: origin, method: request.method, target: request.target,
      headers: request.headers.map { ($0.name, $0.value) }, body: request.body)
  }
}
