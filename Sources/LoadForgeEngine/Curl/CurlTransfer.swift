import CCurl
import CCurlShim
import LoadForgeHTTP
import LoadForgeMetrics
import LoadForgePlan

/// One VU's curl easy handle, reused for each of its requests, so the handle's settings, its
/// TLS session cache and curl's keep-alive connection are set up once (curl keeps the
/// connections in the multi handle's pool and picks a live one for the next request).
///
/// Counts the bytes of every response head and body as they arrive (the header and write
/// callbacks), enforces `max_header_bytes`, and keeps the final response's head and up to a
/// limit of its content only when the request's task inspects it (checks, captures).
///
/// Used by its worker's thread only; curl calls the callbacks from inside that thread's
/// `curl_multi_socket_action`, never from another thread.
final class CurlTransfer {
  /// The `CURL *` easy handle.
  let easy: UnsafeMutableRawPointer
  /// CURLOPT_ERRORBUFFER: curl writes a detailed message there when a transfer fails.
  private let errorBuffer: UnsafeMutablePointer<CChar>
  /// The VU this transfer belongs to, for the worker's bookkeeping.
  var owner: Int = -1
  /// The flat plan index of the request being sent, for the worker's bookkeeping.
  var requestIndex: Int = 0
  /// The request being sent: kept alive while curl reads its header list and body.
  private(set) var request: CurlRequest?
  /// Whether the handle is in a multi handle (between `CurlMulti.start` and its completion).
  var isActive = false

  private let maxHeadBytes: Int
  /// The CURLOPT_RESOLVE list (one entry), read by curl when a transfer starts; owned.
  private let resolveList: UnsafeMutablePointer<curl_slist>?
  /// Bytes of every head (interim, redirect and final responses, trailers) and body of the
  /// current request, as curl delivered them.
  private(set) var headBytes = 0
  private(set) var bodyBytes = 0
  /// Head and body bytes so far (an aborted transfer's count).
  var bytesReceived: Int { headBytes + bodyBytes }
  /// Bytes of the head being received, to enforce `maxHeadBytes` per head.
  private var currentHeadBytes = 0
  /// Whether the blank line ending the current head arrived (later lines are trailers).
  private var headComplete = false
  /// Set when a head went past `maxHeadBytes`; the callback then stops the transfer.
  private(set) var headTooLarge = false
  /// Content bytes to keep for inspection; nil keeps nothing.
  private var retainLimit: Int?
  private var retainedHead: [UInt8] = []
  private var retainedBody: [UInt8] = []
  private var bodyTruncated = false

  /// Creates the handle with the options every request shares.
  ///
  /// - Parameters:
  ///   - connection: connect timeout, redirects, head limit and TLS of the plan.
  ///   - resolve: a CURLOPT_RESOLVE entry `host:port:address` pinning the origin to the address
  ///     the coordinator resolved once for the run (DESIGN §3); nil lets curl resolve.
  /// - Throws: `CurlError` when curl cannot create the handle or rejects an option (e.g. a TLS
  ///   option this libcurl build lacks).
  init(connection: ConnectionSettings, resolve: String? = nil) throws(CurlError) {
    guard CurlGlobal.isInitialized else { throw CurlError(call: "curl_global_init", reason: "failed") }
    guard let easy = curl_easy_init() else { throw CurlError(call: "curl_easy_init", reason: "out of memory") }
    self.easy = easy
    errorBuffer = .allocate(capacity: Int(lf_curl_error_size))
    errorBuffer.initialize(repeating: 0, count: Int(lf_curl_error_size))
    maxHeadBytes = connection.maxHeaderBytes
    resolveList = resolve.flatMap { curl_slist_append(nil, $0) }
    do {
      try configure(connection)
    } catch {
      curl_easy_cleanup(easy)
      errorBuffer.deallocate()
      curl_slist_free_all(resolveList)
      throw error
    }
  }

  deinit {
    curl_easy_cleanup(easy)
    errorBuffer.deallocate()
    curl_slist_free_all(resolveList)
  }

  private func configure(_ connection: ConnectionSettings) throws(CurlError) {
    let me = Unmanaged.passUnretained(self).toOpaque()
    try set(CURLOPT_PRIVATE, pointer: me)
    try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    // Never raise SIGALRM for DNS timeouts or touch signal handlers: the worker owns them.
    try set(CURLOPT_NOSIGNAL, 1)
    // The plain HTTP engine speaks HTTP/1.1 (RFC 9112); so does this path, for comparable runs.
    try set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
    try set(CURLOPT_CONNECTTIMEOUT_MS, Self.millis(connection.connectTimeoutMicros))
    // DESIGN §3: DNS is resolved once; curl's cache otherwise expires entries after 60 s.
    try set(CURLOPT_DNS_CACHE_TIMEOUT, -1)
    // Targets are sent as written, as over plain HTTP ("/a/../b" is not squashed).
    try set(CURLOPT_PATH_AS_IS, 1)
    // Redirects are followed by the worker, on the origin only (`Redirect`), as over plain HTTP:
    // curl would follow them to any host. It still works out where a 3xx points
    // (`redirectURL`).
    try set(CURLOPT_FOLLOWLOCATION, 0)
    if let resolveList { try set(CURLOPT_RESOLVE, pointer: UnsafeMutableRawPointer(resolveList)) }
    if let caFile = connection.tls.caFile { try setString(CURLOPT_CAINFO, caFile) }
    if connection.tls.insecure {
      try set(CURLOPT_SSL_VERIFYPEER, 0)
      try set(CURLOPT_SSL_VERIFYHOST, 0)
    } else {
      try set(CURLOPT_SSL_VERIFYPEER, 1)
      try set(CURLOPT_SSL_VERIFYHOST, 2)
    }
    try set(CURLOPT_HEADERDATA, pointer: me)
    try set(CURLOPT_WRITEDATA, pointer: me)
    try check(
      lf_curl_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, Self.headerCallback), "CURLOPT_HEADERFUNCTION")
    try check(
      lf_curl_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, Self.writeCallback), "CURLOPT_WRITEFUNCTION")
  }

  /// Sets the handle up for `request` and clears the counts of the previous one.
  ///
  /// - Parameters:
  ///   - timeoutMicros: the request's `timeout`, µs, as CURLOPT_TIMEOUT_MS (0: none).
  ///   - retainingBodyBytes: keep the final response's head and up to this many content bytes
  ///     (`retainedResponse`); nil keeps nothing.
  /// - Throws: `CurlError` when curl rejects an option.
  func prepare(_ request: CurlRequest, timeoutMicros: Int64, retainingBodyBytes: Int?) throws(CurlError) {
    self.request = request
    headBytes = 0
    bodyBytes = 0
    currentHeadBytes = 0
    headComplete = false
    headTooLarge = false
    retainLimit = retainingBodyBytes
    retainedHead.removeAll(keepingCapacity: true)
    retainedBody.removeAll(keepingCapacity: true)
    bodyTruncated = false
    errorBuffer[0] = 0
    try setString(CURLOPT_URL, request.url)
    // NOBODY 0 turns the handle back into a GET, so it comes first; HEAD sets it last.
    try set(CURLOPT_NOBODY, 0)
    if request.sendsBody {
      try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(request.bodyCount))
      // POSTFIELDS is read during the transfer, not copied: `self.request` keeps it alive.
      try set(CURLOPT_POSTFIELDS, pointer: request.body.baseAddress)
    } else {
      try set(CURLOPT_HTTPGET, 1)
    }
    if request.method == "HEAD" {
      try setString(CURLOPT_CUSTOMREQUEST, nil)
      try set(CURLOPT_NOBODY, 1)
    } else if request.method == (request.sendsBody ? "POST" : "GET") {
      try setString(CURLOPT_CUSTOMREQUEST, nil)
    } else {
      try setString(CURLOPT_CUSTOMREQUEST, request.method)
    }
    try set(CURLOPT_HTTPHEADER, pointer: request.headerList.map { UnsafeMutableRawPointer($0) })
    try set(CURLOPT_TIMEOUT_MS, timeoutMicros > 0 ? Self.millis(timeoutMicros) : 0)
  }

  /// What became of the request once curl finished it with `code`.
  func completion(_ code: CURLcode) -> CurlCompletion {
    let opened = Int(info(CURLINFO_NUM_CONNECTS))
    let bytes = headBytes + bodyBytes
    if code == CURLE_OK {
      return CurlCompletion(
        status: Int(info(CURLINFO_RESPONSE_CODE)), failure: nil, bytesReceived: bytes, connectionsOpened: opened,
        pretransferMicros: offsetInfo(CURLINFO_PRETRANSFER_TIME_T))
    }
    if headTooLarge {
      let failure = CurlFailure(
        outcome: .protocolError,
        reason: HTTPProtocolError(.headTooLarge, "response head larger than the \(maxHeadBytes)-byte limit")
          .description)
      return CurlCompletion(status: 0, failure: failure, bytesReceived: bytes, connectionsOpened: opened)
    }
    // Established: the TLS handshake finished on a new connection, or an existing one was reused.
    let connected = opened == 0 || offsetInfo(CURLINFO_APPCONNECT_TIME_T) > 0
    let detail = String(cString: errorBuffer)
    let text = detail.isEmpty ? CurlOutcome.text(code) : detail
    let outcome = CurlOutcome.refine(CurlOutcome.classify(code, connected: connected), text: text)
    let failure = CurlFailure(outcome: outcome, reason: CurlOutcome.reason(text, outcome: outcome))
    return CurlCompletion(status: 0, failure: failure, bytesReceived: bytes, connectionsOpened: opened)
  }

  /// The final response's head and first content bytes, when the request retained them.
  func retainedResponse(status: Int) -> RetainedResponse? {
    guard retainLimit != nil else { return nil }
    return RetainedResponse(status: status, head: retainedHead, body: retainedBody, bodyTruncated: bodyTruncated)
  }

  // MARK: - Callbacks

  /// One header line of a response (status line, field, the blank line, or a trailer).
  private func received(headerLine line: UnsafeRawBufferPointer) -> Bool {
    headBytes += line.count
    // A status line starts a new response (an interim 1xx, a redirect followed, the final one).
    if line.count >= 5 && line[0] == 0x48 && line[1] == 0x54 && line[2] == 0x54 && line[3] == 0x50 && line[4] == 0x2F {
      currentHeadBytes = 0
      headComplete = false
      if retainLimit != nil {
        retainedHead.removeAll(keepingCapacity: true)
        retainedBody.removeAll(keepingCapacity: true)
        bodyTruncated = false
      }
    }
    if headComplete { return true }  // a trailer field: counted, not kept
    currentHeadBytes += line.count
    if currentHeadBytes > maxHeadBytes {
      headTooLarge = true
      return false
    }
    if line.count <= 2 && (line.count == 0 || line[0] == 0x0D || line[0] == 0x0A) {
      headComplete = true
    } else if retainLimit != nil {
      retainedHead.append(contentsOf: line)
    }
    return true
  }

  /// Content bytes of the response (curl removed any chunked framing).
  private func received(body bytes: UnsafeRawBufferPointer) {
    bodyBytes += bytes.count
    // Bodies of responses curl follows past (redirects) arrive here too; the next status line
    // clears them, so what is kept is the final response's.
    guard let limit = retainLimit else { return }
    let room = limit - retainedBody.count
    if bytes.count > room {
      bodyTruncated = true
      if room > 0 { retainedBody.append(contentsOf: bytes.prefix(room)) }
    } else {
      retainedBody.append(contentsOf: bytes)
    }
  }

  private static let headerCallback: lf_curl_write_callback = { buffer, size, count, userdata in
    let total = size * count
    guard let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.received(headerLine: UnsafeRawBufferPointer(start: buffer, count: total)) ? total : 0
  }

  private static let writeCallback: lf_curl_write_callback = { buffer, size, count, userdata in
    let total = size * count
    guard let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    transfer.received(body: UnsafeRawBufferPointer(start: buffer, count: total))
    return total
  }

  // MARK: - Option glue

  /// µs → ms, rounded up, at least 1 (0 means "no timeout" to curl).
  static func millis(_ micros: Int64) -> Int {
    Int(max(1, (micros + 999) / 1000))
  }

  private func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
    try check(lf_curl_easy_setopt_long(easy, option, value), "\(option)")
  }

  private func set(_ option: CURLoption, offset: Int64) throws(CurlError) {
    try check(lf_curl_easy_setopt_off(easy, option, curl_off_t(offset)), "\(option)")
  }

  private func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(CurlError) {
    try check(lf_curl_easy_setopt_pointer(easy, option, pointer), "\(option)")
  }

  /// curl copies string options (since 7.17.0), so the C string need not outlive the call.
  private func setString(_ option: CURLoption, _ value: String?) throws(CurlError) {
    let code: CURLcode
    if let value {
      code = value.withCString { lf_curl_easy_setopt_string(easy, option, $0) }
    } else {
      code = lf_curl_easy_setopt_string(easy, option, nil)
    }
    try check(code, "\(option)")
  }

  private func check(_ code: CURLcode, _ call: String) throws(CurlError) {
    guard code == CURLE_OK else { throw CurlError(call: call, reason: CurlOutcome.text(code)) }
  }

  private func info(_ name: CURLINFO) -> Int {
    var value = 0
    return lf_curl_easy_getinfo_long(easy, name, &value) == CURLE_OK ? value : 0
  }

  /// Where the finished 3xx response points, as an absolute URL (CURLINFO_REDIRECT_URL: curl
  /// resolves a relative `Location` against the request's URL); nil when it names none.
  var redirectURL: String? {
    var value: UnsafeMutableRawPointer?
    guard lf_curl_easy_getinfo_pointer(easy, CURLINFO_REDIRECT_URL, &value) == CURLE_OK, let value else { return nil }
    return String(cString: value.assumingMemoryBound(to: CChar.self))
  }

  private func offsetInfo(_ name: CURLINFO) -> Int64 {
    var value: curl_off_t = 0
    return lf_curl_easy_getinfo_off(easy, name, &value) == CURLE_OK ? Int64(value) : 0
  }
}
