/// libcurl could not create or configure a handle (out of memory, an option this build of
/// libcurl lacks). A failure of a transfer is not this: it is a `RequestOutcome` class.
struct CurlError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What failed, e.g. `curl_easy_init`, `CURLOPT_CAINFO`.
  var call: String
  /// curl's text for its return code.
  var reason: String

  var description: String { "libcurl \(call): \(reason)" }
}
