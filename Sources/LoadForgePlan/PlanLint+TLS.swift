import LoadForgeConfig
import LoadForgeSpec

extension PlanLint {
  /// `[tls] insecure = true` on an https:// origin: the server's certificate and host name are
  /// not checked, so the run may be measuring something other than the server meant (a proxy,
  /// a wrong host) without a word. Warned wherever the plan is shown (`validate`, `run`).
  static func insecureTLS(spec: LoadTestSpec, plan: Plan) -> [Diagnostic] {
    guard plan.connection.tls.insecure, plan.origin.scheme == "https", let insecure = spec.tls.insecure else {
      return []
    }
    return [
      Diagnostic(
        "TLS verification is off ([tls] insecure = true): the server's certificate and host name are not checked",
        at: insecure.location, length: insecure.length,
        help: "trust a private CA with [tls] ca_file = \"ca.pem\" instead", severity: .warning)
    ]
  }
}
