import CCurl
import Glibc

/// libcurl's process-wide initialisation, done once before the first handle is made.
enum CurlGlobal {
  /// Whether `curl_global_init` succeeded. A Swift global is initialised once, under a lock
  /// (`swift_once`), which is what curl asks for: `curl_global_init` is not thread-safe.
  ///
  /// Also ignores SIGPIPE: with `CURLOPT_NOSIGNAL` curl leaves SIGPIPE alone, and OpenSSL
  /// writes to a socket the server closed with `write(2)`, which would kill the worker.
  static let isInitialized: Bool = {
    signal(SIGPIPE, SIG_IGN)
    return curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
  }()
}
