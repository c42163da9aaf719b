/// What became of one curl transfer: a complete response (its status), or a failure.
struct CurlCompletion: Equatable {
  /// Status code of the final response; 0 when the transfer failed.
  var status: Int
  /// Why the transfer failed (class and curl's message); nil for a complete response.
  var failure: CurlFailure?
  /// Head and body bytes received (counted when the transfer failed too).
  var bytesReceived: Int
  /// New connections curl opened for it (CURLINFO_NUM_CONNECTS; 0 when one was reused).
  var connectionsOpened: Int
  /// From the start of the transfer until the request was about to be sent (connect and TLS
  /// handshake, or nothing on a reused connection), µs (CURLINFO_PRETRANSFER_TIME_T): the
  /// worker's latency starts there, as the plain path's starts at the first write.
  var pretransferMicros: Int64 = 0
}
