import LoadForgeMetrics
import Testing

@testable import LoadForgeEngine

/// curl's failures land in the class the same server fault has over plain HTTP, with reasons
/// that group by cause (no elapsed times) and say what to do for the usual TLS mistakes.
struct CurlOutcomeReasonTests {
  @Test func framingErrorsReportedAsReceiveErrorsAreProtocolErrors() {
    #expect(
      CurlOutcome.refine(.connectionReset, text: "Illegal or missing hexadecimal sequence in chunked-encoding")
        == .protocolError)
    #expect(CurlOutcome.refine(.connectionReset, text: "Unsupported HTTP version in response") == .protocolError)
    #expect(CurlOutcome.refine(.connectionReset, text: "Recv failure: Connection reset by peer") == .connectionReset)
    #expect(CurlOutcome.refine(.connectionReset, text: "Empty reply from server") == .connectionReset)
  }

  @Test func aResetDuringTheHandshakeIsAConnectionReset() {
    #expect(CurlOutcome.refine(.tlsError, text: "Recv failure: Connection reset by peer") == .connectionReset)
    #expect(
      CurlOutcome.refine(.tlsError, text: "SSL certificate problem: unable to get local issuer certificate")
        == .tlsError)
    #expect(CurlOutcome.refine(.responseTimeout, text: "Operation timed out") == .responseTimeout)
  }

  @Test func elapsedTimesAreRemovedSoOneCauseIsOneRow() {
    #expect(
      CurlOutcome.reason("Connection timed out after 1001 milliseconds", outcome: .connectTimeout)
        == "Connection timed out")
    #expect(
      CurlOutcome.reason(
        "Failed to connect to 127.0.0.1 port 9199 after 78 ms: Couldn't connect to server", outcome: .connectionRefused)
        == "Failed to connect to 127.0.0.1 port 9199: Couldn't connect to server")
    #expect(CurlOutcome.reason("done after 3 tries", outcome: .connectionReset) == "done after 3 tries")
  }

  @Test func tlsReasonsSayWhatToDo() {
    let untrusted = CurlOutcome.reason(
      "SSL certificate problem: unable to get local issuer certificate", outcome: .tlsError)
    #expect(untrusted.hasSuffix("— trust the server's CA with [tls] ca_file = \"ca.pem\" (or [tls] insecure = true)"))
    let plain = CurlOutcome.reason(
      "OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number", outcome: .tlsError)
    #expect(plain.hasSuffix("— is the server plain HTTP? then use an http:// base_url"))
  }
}
