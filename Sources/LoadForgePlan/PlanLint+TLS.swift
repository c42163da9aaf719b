import LoadForgeConfig
import LoadForgeSpec

extension PlanLint {
  /// `[tls] insecure = true` on an https:// origin: the server's certificate and host name are
  /// not checked, so the run may be measuring something other than the server meant (a proxy,
  /// a wrong host) without a word. Warned wherever the plan is shown (`validate`, `run`).
  ///
  /// Also warns when `[tls]` cannot apply: an http:// origin has no TLS at all, and with
  /// `insecure = true` a `ca_file` is never read.
  static func insecureTLS(spec: LoadTestSpec, plan: Plan) -> [Diagnostic] {
    if plan.origin.scheme != "https" {
      guard
        let written = spec.tls.insecure.map({ ($0.location, $0.length) })
          ?? spec.tls.caFile.map({ ($0.location, $0.length) })
      else { return [] }
      return [
        Diagnostic(
          "[tls] has no effect: base_url is http://, so no TLS is used", at: written.0, length: written.1,
          help: "use an https:// base_url, or remove [tls]", severity: .warning)
      ]
    }
    guard plan.connection.tls.insecure, let insecure = spec.tls.insecure else { return [] }
    let help =
      spec.tls.caFile != nil
      ? "ca_file is not read while insecure = true: remove insecure to verify against it"
      : "trust a private CA with [tls] ca_file = \"ca.pem\" instead"
    return [
      Diagnostic(
        "TLS verification is off ([tls] insecure = true): the server's certificate and host name are not checked",
        at: insecure.location, length: insecure.length, help: help, severity: .warning)
    ]
  }
}
