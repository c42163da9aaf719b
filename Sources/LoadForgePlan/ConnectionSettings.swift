/// How the client connects and how much of a response it accepts: `[defaults]` (`connect_timeout`,
/// `follow_redirects`, `max_header_bytes`, `max_body_bytes`) and `[tls]` of the config.
///
/// Plain data, the same for every request of the plan (the response timeout is per task:
/// `RequestPlan.timeoutMicros`).
public struct ConnectionSettings: Codable, Sendable, Equatable {
  /// Longest wait for a TCP connect (and, for https, the TLS handshake), µs. Default 5 s.
  public var connectTimeoutMicros: Int64
  /// Redirects (3xx with `Location`) followed per request, on the same origin; 0 (the default)
  /// follows none and counts a 3xx as `http_3xx` (HTTP-CASES C12).
  public var followRedirects: Int
  /// Largest response head (status line and header fields), bytes; a larger one fails the
  /// request with "header too large" (HTTP-CASES H22). Default 64 KiB.
  public var maxHeaderBytes: Int
  /// Largest response body kept for checks and captures, bytes; bodies no check reads are
  /// counted and discarded whatever their size. Default 1 MiB.
  public var maxBodyBytes: Int
  /// TLS of an `https://` origin.
  public var tls: TLSSettings

  public static let defaultConnectTimeoutMicros: Int64 = 5_000_000
  public static let defaultMaxHeaderBytes = 64 * 1024
  public static let defaultMaxBodyBytes = 1024 * 1024

  public init(
    connectTimeoutMicros: Int64 = Self.defaultConnectTimeoutMicros, followRedirects: Int = 0,
    maxHeaderBytes: Int = Self.defaultMaxHeaderBytes, maxBodyBytes: Int = Self.defaultMaxBodyBytes,
    tls: TLSSettings = TLSSettings()
  ) {
    self.connectTimeoutMicros = connectTimeoutMicros
    self.followRedirects = followRedirects
    self.maxHeaderBytes = maxHeaderBytes
    self.maxBodyBytes = maxBodyBytes
    self.tls = tls
  }
}

/// TLS settings of an `https://` origin (`[tls]` of the config).
public struct TLSSettings: Codable, Sendable, Equatable {
  /// PEM file of the certificate authorities to trust instead of the system store (absolute path,
  /// resolved against the config's directory by the compiler); nil uses the system store.
  public var caFile: String?
  /// Skip verification of the server's certificate and host name (`insecure = true`; the run warns).
  public var insecure: Bool

  public init(caFile: String? = nil, insecure: Bool = false) {
    self.caFile = caFile
    self.insecure = insecure
  }
}
