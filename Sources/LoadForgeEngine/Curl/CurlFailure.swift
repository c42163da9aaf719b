import LoadForgeMetrics

/// A failed curl transfer: its request class and the reason for the error table (curl's
/// CURLOPT_ERRORBUFFER text, e.g. "SSL certificate problem: unable to get local issuer certificate").
struct CurlFailure: Equatable {
  var outcome: RequestOutcome
  var reason: String
}
