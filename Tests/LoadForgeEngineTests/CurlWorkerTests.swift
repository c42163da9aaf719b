import Foundation
import LoadForgeMetrics
import LoadForgePlan
import Testing

@testable import LoadForgeEngine

/// A worker running an https:// plan: every request goes through `CurlMulti` on the worker's
/// loop, with the same VU model, metrics and error classes as over plain HTTP.
@Suite(.serialized) struct CurlWorkerTests {
  private static func plan(_ nginx: CurlTestNginx, target: String = "/", think: ThinkTime = .none) -> Plan {
    var plan = TestSupport.plan(port: nginx.port, timeoutMicros: 30_000_000, think: think, scheme: "https")
    plan.scenarios[0].tasks[0].request.target = target
    plan.connection.tls = TLSSettings(caFile: nginx.caFile)
    return plan
  }

  @Test("VUs over https: every request a success, one kept-alive connection per VU, nginx counts the same")
  func closedModel() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let result = TestSupport.runWorker(plan: Self.plan(nginx), port: nginx.port, users: 3, maxSeconds: 0.5) {
      false
    }
    #expect(result.failure == nil)
    #expect(result.total > 30)
    #expect(result.outcomes[.success] == result.total)
    #expect(result.statusCodes == [200: result.total])
    #expect(result.connectionsOpened == 3)
    #expect(result.endpointTimed == [UInt64(result.total)])
    // Each response: a head and index.html's 204 bytes.
    #expect(result.bytesReceived > 204 * result.total)
    #expect(nginx.accessLog().count == result.total)
  }

  /// follow_redirects over https: the worker follows curl's redirect URL on the origin; the final
  /// status classifies and nginx sees both hops of each request.
  @Test("follow_redirects over https: /moved → /health, recorded once as 204")
  func redirectsFollowedOnTheOrigin() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    var plan = Self.plan(nginx, target: "/moved")
    plan.connection.followRedirects = 1
    let result = TestSupport.runWorker(plan: plan, port: nginx.port, users: 2, maxSeconds: 0.5) { false }
    #expect(result.failure == nil)
    #expect(result.total > 10)
    // A chain cut by the end of the run is aborted (no status); every finished one ended in 204.
    let finished = result.outcomes[.success]
    #expect(finished + result.outcomes[.aborted] == result.total)
    #expect(result.statusCodes == [204: finished])
    let log = nginx.accessLog()
    #expect(log.count >= 2 * finished && log.count <= 2 * result.total)
    var unfollowed = Self.plan(nginx, target: "/moved")
    unfollowed.connection.followRedirects = 0
    let plain = TestSupport.runWorker(plan: unfollowed, port: nginx.port, users: 1, maxSeconds: 0.3) { false }
    #expect(plain.outcomes[.http3xx] == plain.total)
    #expect(plain.statusCodes == [302: plain.total])
  }

  @Test("a host name origin is pinned to the coordinator's address and verified against the certificate")
  func hostName() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    var plan = TestSupport.plan(port: nginx.port, scheme: "https", host: "localhost")
    plan.connection.tls = TLSSettings(caFile: nginx.caFile)
    let result = TestSupport.runWorker(plan: plan, port: nginx.port, users: 1, maxSeconds: 0.3) { false }
    #expect(result.total > 3)
    #expect(result.outcomes[.success] == result.total)
  }

  @Test("think time between requests keeps the VU's connection")
  func thinkTime() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    let plan = Self.plan(nginx, think: .constant(micros: 100_000))
    let result = TestSupport.runWorker(plan: plan, port: nginx.port, users: 2, maxSeconds: 0.55) { false }
    // 2 VUs × (one at 0 and one per 100 ms) over ~0.55 s: 5 or 6 requests each.
    #expect(result.total >= 8 && result.total <= 14, "\(result.total)")
    #expect(result.outcomes[.success] == result.total)
    #expect(result.connectionsOpened == 2)
  }

  @Test("requests in flight when the grace period ends are aborted, not timed out")
  func graceExpiry() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    // /slow sends index.html at 64 bytes/s: ~3 s per response, longer than the grace period.
    let result = TestSupport.runWorker(
      plan: Self.plan(nginx, target: "/slow"), port: nginx.port, users: 2, maxSeconds: 0.3, graceMicros: 200_000
    ) { false }
    #expect(result.total == 2)
    #expect(result.outcomes[.aborted] == 2)
    #expect(result.outcomes[.responseTimeout] == 0)
  }

  @Test("an untrusted certificate: every request a tls_error, none timed")
  func untrusted() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    var plan = Self.plan(nginx)
    plan.connection.tls = TLSSettings()
    let result = TestSupport.runWorker(plan: plan, port: nginx.port, users: 2, maxSeconds: 0.3) { false }
    #expect(result.total > 2)
    #expect(result.outcomes[.tlsError] == result.total)
    #expect(result.endpointTimed == [0])
    #expect(nginx.accessLog().isEmpty)
  }

  @Test("the open model over https: iterations at the rate, none dropped")
  func openModel() throws {
    let nginx = try CurlTestNginx()
    defer { nginx.stop() }
    var plan = Self.plan(nginx)
    plan.load = LoadPlan(pattern: .constant(ConstantPattern(users: 100, durationSeconds: 1)), tickSeconds: 1)
    plan.load.model = .arrivalRate
    plan.load.maxVUs = 10
    let summary = try Coordinator(plan: plan, options: EngineOptions(workers: 1)).run(observers: [])
    #expect(abs(summary.requests.total - 100) <= 2)
    #expect(summary.requests.failed == 0)
    #expect(summary.droppedIterations == 0)
    #expect(nginx.accessLog().count == summary.requests.total)
  }
}
