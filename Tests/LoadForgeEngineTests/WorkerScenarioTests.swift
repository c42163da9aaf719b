import Foundation
import LoadForgeHTTP
import LoadForgeMetrics
import LoadForgePlan
import Testing

@testable import LoadForgeEngine

/// Loopback runs of one in-process worker with the scenario model: setup/teardown, flows,
/// captures into variables, request templates, data feeders, checks.
@Suite(.serialized) struct WorkerScenarioTests {
  // MARK: - Plans

  private static func task(
    _ name: String, endpoint: Int, method: String = "GET", target: String, headers: [HeaderField] = [],
    body: String = "", template: RequestTemplate? = nil, checks: [CheckPlan] = [], captures: [CapturePlan] = []
  ) -> TaskPlan {
    let request = RequestPlan(
      method: method, target: target, headers: headers, body: Array(body.utf8), timeoutMicros: 2_000_000,
      template: template)
    return TaskPlan(
      name: name, weight: 1, endpoint: endpoint, request: request, thinkTime: .none, checks: checks,
      captures: captures)
  }

  /// One scenario; every task of it, setup and teardown included, names its own endpoint.
  private static func plan(
    port: Int, tasks: [TaskPlan], isFlow: Bool = true, setup: [TaskPlan] = [], teardown: [TaskPlan] = [],
    variables: [String] = [], feeders: [DataFeederPlan] = []
  ) -> Plan {
    var plan = TestSupport.plan(port: port)
    plan.scenarios = [
      ScenarioPlan(
        name: "main", weight: 1, tasks: tasks, taskTable: WeightTable(weights: tasks.map { _ in 1 }), isFlow: isFlow,
        setup: setup, teardown: teardown)
    ]
    let all = (setup + tasks + teardown).sorted { $0.endpoint < $1.endpoint }
    plan.endpoints = all.map { EndpointPlan(name: $0.name, method: $0.request.method) }
    plan.variables = variables
    plan.dataFeeders = feeders
    return plan
  }

  private static func status(_ ranges: [ClosedRange<Int>], _ description: String) -> CheckPlan {
    CheckPlan(kind: .status, statusRanges: ranges, description: description)
  }

  private static func respond(_ c: ServerConnection, _ status: String, _ body: String, type: String = "text/plain") {
    c.write("HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
  }

  // MARK: - Stages, captures, templates

  /// Login (setup) captures a token from JSON; a flow of /a then /b sends it in Authorization;
  /// logout (teardown) runs once per VU when the worker stops gracefully.
  @Test func setupOnceFlowInOrderTeardownOnceWithACapturedToken() throws {
    let heads = Box<[Int: [String]]>([:])
    let server = try ScriptedServer { c in
      while c.readRequest() {
        let head = c.lastHead
        heads.update { $0[c.index, default: []].append(head) }
        switch c.lastTarget {
        case "/login": Self.respond(c, "200 OK", #"{"user":"u","token":"t\#(c.index)"}"#, type: "application/json")
        case "/logout": c.write("HTTP/1.1 204 No Content\r\n\r\n")
        default: Self.respond(c, "200 OK", "ok")
        }
      }
    }
    defer { server.stop() }
    let bearer = RequestTemplate(
      target: [TemplatePart(text: "/a")],
      headerValues: [[TemplatePart(text: "Bearer "), TemplatePart(variable: 0, escape: .header)]], body: [])
    let login = Self.task(
      "login", endpoint: 0, method: "POST", target: "/login", body: #"{"user":"u"}"#,
      captures: [CapturePlan(name: "token", variable: 0, source: .json, expression: "$.token")])
    let a = Self.task(
      "a", endpoint: 1, target: "/a", headers: [HeaderField(name: "Authorization", value: "Bearer ${vu.token}")],
      template: bearer)
    let b = Self.task("b", endpoint: 2, target: "/b")
    let logout = Self.task("logout", endpoint: 3, target: "/logout")
    let plan = Self.plan(port: server.port, tasks: [a, b], setup: [login], teardown: [logout], variables: ["token"])

    // Until each VU ran a few iterations (one may start a little after the other).
    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 2) {
      let sequences = heads.get
      return sequences.count == 2 && sequences.values.allSatisfy { $0.count >= 9 }
    }

    #expect(result.failure == nil)
    #expect(result.total == server.requestsRead)
    #expect(result.outcomes[.success] == result.total)
    #expect(result.checks.failed == 0)
    let byConnection = heads.get
    // Each VU kept one keep-alive connection: one sequence per VU.
    #expect(byConnection.count == 2)
    for (index, sequence) in byConnection {
      let targets = sequence.map(ScriptedServer.target(ofHead:))
      #expect(targets.first == "/login")
      #expect(targets.last == "/logout")
      #expect(targets.filter { $0 == "/login" }.count == 1)
      #expect(targets.filter { $0 == "/logout" }.count == 1)
      let flow = Array(targets.dropFirst().dropLast())
      #expect(flow.count >= 8)
      for (k, target) in flow.enumerated() { #expect(target == (k % 2 == 0 ? "/a" : "/b")) }
      for head in sequence where ScriptedServer.target(ofHead: head) == "/a" {
        #expect(head.contains("\r\nAuthorization: Bearer t\(index)\r\n"))
      }
    }
    #expect(result.endpointOutcomes[0][.success] == 2)
    #expect(result.endpointOutcomes[3][.success] == 2)
  }

  /// An abort (second stop) ends the VUs at once: no teardown request reaches the server.
  @Test func abortRunsNoTeardown() throws {
    let server = try ScriptedServer { c in
      while c.readRequest() { Self.respond(c, "200 OK", "ok") }
    }
    defer { server.stop() }
    let plan = Self.plan(
      port: server.port, tasks: [Self.task("a", endpoint: 1, target: "/a")],
      setup: [Self.task("login", endpoint: 0, target: "/login")],
      teardown: [Self.task("logout", endpoint: 2, target: "/logout")])
    // Both VUs logged in (the server answered), so the abort comes after their setups.
    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 2, abort: true) {
      server.requestsRead >= 20 && server.requestTargets.filter { $0 == "/login" }.count == 2
    }
    #expect(result.failure == nil)
    let targets = server.requestTargets
    #expect(targets.filter { $0 == "/login" }.count == 2)
    #expect(targets.filter { $0 == "/a" }.count >= 18)
    #expect(!targets.contains("/logout"))
    #expect(result.endpointOutcomes.count == 3)
    #expect(result.endpointOutcomes[2].total == 0)
  }

  /// A ramp-down stops the highest VU, which runs its teardown while the other goes on; the
  /// target going back up starts a new VU in that slot (setup again).
  @Test func rampDownRunsTheTeardownOfTheStoppedVU() throws {
    let server = try ScriptedServer { c in
      while c.readRequest() { Self.respond(c, "200 OK", "ok") }
    }
    defer { server.stop() }
    var a = Self.task("a", endpoint: 1, target: "/a")
    a.thinkTime = .constant(micros: 2_000)
    let plan = Self.plan(
      port: server.port, tasks: [a], setup: [Self.task("login", endpoint: 0, target: "/login")],
      teardown: [Self.task("logout", endpoint: 2, target: "/logout")])
    let worker = ThreadWorker(
      plan: plan, address: TestSupport.loopback(server.port), settings: WorkerSettings(index: 0, seed: 42))
    try worker.start()
    func count(_ target: String) -> Int { server.requestTargets.filter { $0 == target }.count }
    worker.setTargetVUs(2)
    #expect(server.wait(seconds: 3) { _ in count("/a") >= 10 })
    worker.setTargetVUs(1)
    #expect(server.wait(seconds: 3) { _ in count("/logout") == 1 })
    let after = count("/a")
    #expect(server.wait(seconds: 3) { _ in count("/a") >= after + 10 })
    #expect(count("/logout") == 1)
    #expect(count("/login") == 2)
    worker.setTargetVUs(2)
    #expect(server.wait(seconds: 3) { _ in count("/login") == 3 })
    worker.stop(graceMicros: 2_000_000)
    var result = TestSupport.Result()
    for report in worker.reports(waitingFor: nil, deadlineMicros: MonotonicClock.nowMicros() + 5_000_000) {
      result.add(report)
    }
    #expect(result.failure == nil)
    #expect(count("/logout") == 3)
    #expect(result.total == server.requestsRead)
    #expect(result.outcomes[.success] == result.total)
  }

  // MARK: - Feeders

  /// `sequential`, `per = iteration`, one worker: the rows go in file order, wrapping, one per
  /// iteration (here a weighted scenario: one task per iteration), percent-encoded in the path.
  @Test func sequentialPerIterationRowsGoInFileOrder() throws {
    let server = try ScriptedServer { c in
      while c.readRequest() { Self.respond(c, "200 OK", "ok") }
    }
    defer { server.stop() }
    let feeder = DataFeederPlan(
      file: "ids.csv", columns: ["id"], variables: [0], rows: [["7"], ["8"], ["9 x"]], order: .sequential,
      per: .iteration)
    let item = Self.task(
      "item", endpoint: 0, target: "/items/${vu.id}",
      template: RequestTemplate(
        target: [TemplatePart(text: "/items/"), TemplatePart(variable: 0, escape: .percent)], headerValues: [],
        body: []))
    let plan = Self.plan(port: server.port, tasks: [item], isFlow: false, variables: ["id"], feeders: [feeder])
    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 1) { server.requestsRead >= 7 }
    #expect(result.outcomes[.success] == result.total)
    #expect(
      Array(server.requestTargets.prefix(7)) == [
        "/items/7", "/items/8", "/items/9%20x", "/items/7", "/items/8", "/items/9%20x", "/items/7",
      ])
  }

  /// `sequential`, `per = vu`: VU k keeps row k for all its requests (a flow of two tasks).
  @Test func sequentialPerVURowsStayWithTheirVU() throws {
    let targets = Box<[Int: [String]]>([:])
    let server = try ScriptedServer { c in
      while c.readRequest() {
        let target = c.lastTarget
        targets.update { $0[c.index, default: []].append(target) }
        Self.respond(c, "200 OK", "ok")
      }
    }
    defer { server.stop() }
    let feeder = DataFeederPlan(
      file: "users.csv", columns: ["name", "n"], variables: [0, 1], rows: [["ann", "1"], ["bob", "2"], ["cy", "3"]],
      order: .sequential, per: .vu)
    let template = RequestTemplate(
      target: [
        TemplatePart(text: "/u/"), TemplatePart(variable: 0, escape: .percent), TemplatePart(text: "?n="),
        TemplatePart(variable: 1, escape: .percent),
      ], headerValues: [], body: [])
    let first = Self.task("first", endpoint: 0, target: "/u/${vu.name}?n=${vu.n}", template: template)
    let second = Self.task("second", endpoint: 1, target: "/u/${vu.name}?n=${vu.n}", template: template)
    let plan = Self.plan(port: server.port, tasks: [first, second], variables: ["name", "n"], feeders: [feeder])
    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 3) { server.requestsRead >= 30 }
    #expect(result.outcomes[.success] == result.total)
    let sequences = targets.get.values.filter { !$0.isEmpty }
    #expect(sequences.count == 3)
    #expect(Set(sequences.compactMap(\.first)) == ["/u/ann?n=1", "/u/bob?n=2", "/u/cy?n=3"])
    for sequence in sequences { #expect(Set(sequence).count == 1) }
  }

  // MARK: - Checks

  /// Outcome precedence on complete responses, one task per case in a flow.
  @Test func checksDecideTheClassAndAreCounted() throws {
    let server = try ScriptedServer { c in
      while c.readRequest() {
        switch c.lastTarget {
        case "/good": Self.respond(c, "200 OK", "all ok")
        case "/bad": Self.respond(c, "200 OK", "nope")
        case "/missing": Self.respond(c, "404 Not Found", "gone")
        case "/broken": Self.respond(c, "503 Service Unavailable", "down")
        default: Self.respond(c, "404 Not Found", "")
        }
      }
    }
    defer { server.stop() }
    let containsOK = CheckPlan(kind: .bodyContains, expected: "ok", description: #"body contains "ok""#)
    let tasks = [
      Self.task("good", endpoint: 0, target: "/good", checks: [Self.status([200...200], "status 200"), containsOK]),
      Self.task("bad", endpoint: 1, target: "/bad", checks: [Self.status([200...299], "status 2xx"), containsOK]),
      Self.task("missing", endpoint: 2, target: "/missing", checks: [Self.status([404...404], "status 404")]),
      Self.task("broken", endpoint: 3, target: "/broken", checks: [Self.status([200...200], "status 200")]),
      Self.task("plain404", endpoint: 4, target: "/plain"),
    ]
    let plan = Self.plan(port: server.port, tasks: tasks)
    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 1) { server.requestsRead >= 25 }
    #expect(result.total == server.requestsRead)
    #expect(result.total >= 25)
    let o = result.endpointOutcomes
    let n = (0..<5).map { o[$0].total }
    #expect(n.allSatisfy { $0 >= 5 })
    #expect(o[0][.success] == n[0])
    #expect(result.endpointChecks[0] == CheckCounts(passed: 2 * n[0], failed: 0))
    // A complete 200 failing a body check: check_failed, timed like any complete response.
    #expect(o[1][.checkFailed] == n[1])
    #expect(result.endpointChecks[1] == CheckCounts(passed: n[1], failed: n[1]))
    #expect(result.endpointTimed[1] == UInt64(n[1]))
    // A 404 that `status = 404` accepts is a success.
    #expect(o[2][.success] == n[2])
    #expect(result.endpointChecks[2] == CheckCounts(passed: n[2], failed: 0))
    // A 503 the status check rejects keeps its HTTP class; the check still counts as failed.
    #expect(o[3][.http5xx] == n[3])
    #expect(result.endpointChecks[3] == CheckCounts(passed: 0, failed: n[3]))
    // No checks: classified by status as always.
    #expect(o[4][.http4xx] == n[4])
    #expect(result.endpointChecks[4] == CheckCounts())
    #expect(result.statusCodes[404] == n[2] + n[4])
  }

  /// Each check and capture of each task counted apart, with its first failure: setup login
  /// (status check and token capture pass), item (200 and 404 alternate), profile (a JSON
  /// check and a regex capture that never match), broken (a protocol error: nothing
  /// evaluated, nothing counted), teardown logout.
  @Test func perCheckCountsAndExamples() throws {
    let itemStatuses = Box<[Int]>([])
    let server = try ScriptedServer { c in
      while c.readRequest() {
        switch c.lastTarget {
        case "/login": Self.respond(c, "200 OK", #"{"token":"t"}"#, type: "application/json")
        case "/item":
          var status = 0
          itemStatuses.update { statuses in
            status = statuses.count % 2 == 0 ? 200 : 404
            statuses.append(status)
          }
          Self.respond(c, status == 200 ? "200 OK" : "404 Not Found", "x")
        case "/profile": Self.respond(c, "200 OK", #"{"fine":1}"#, type: "application/json")
        case "/broken":
          c.write("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n")
          return
        default: c.write("HTTP/1.1 204 No Content\r\n\r\n")
        }
      }
    }
    defer { server.stop() }
    let login = Self.task(
      "login", endpoint: 0, method: "POST", target: "/login", checks: [Self.status([200...200], "status 200")],
      captures: [CapturePlan(name: "token", variable: 0, source: .json, expression: "$.token")])
    let item = Self.task(
      "item", endpoint: 1, target: "/item", checks: [Self.status([200...299, 304...304], "status 2xx or 304")])
    let profile = Self.task(
      "profile", endpoint: 2, target: "/profile",
      checks: [CheckPlan(kind: .json, subject: "$.ok", expected: "true", description: "$.ok == true")],
      captures: [CapturePlan(name: "name", variable: 1, source: .regex, expression: #"name=(\w+)"#, group: 1)])
    let broken = Self.task("broken", endpoint: 3, target: "/broken", checks: [Self.status([200...200], "status 200")])
    let logout = Self.task("logout", endpoint: 4, target: "/logout", checks: [Self.status([204...204], "status 204")])
    let plan = Self.plan(
      port: server.port, tasks: [item, profile, broken], setup: [login], teardown: [logout],
      variables: ["token", "name"])
    #expect(
      plan.checkItems.map { $0.map(\.check) } == [
        ["status 200", "capture token"], ["status 2xx or 304"], ["$.ok == true", "capture name"], ["status 200"],
        ["status 204"],
      ])

    let result = TestSupport.runWorker(plan: plan, port: server.port, users: 1) {
      server.requestTargets.filter { $0 == "/broken" }.count >= 4
    }
    #expect(result.failure == nil)
    let items = try #require(result.checkItems)
    let statuses = itemStatuses.get
    let n = result.endpointOutcomes.map(\.total)
    #expect(n[1] == statuses.count)
    #expect(n[1] >= 4)
    #expect(n[3] >= 4)
    #expect(result.endpointOutcomes[3][.protocolError] == n[3])
    #expect(items.counts(task: 0, item: 0) == (1, 0, nil))
    #expect(items.counts(task: 0, item: 1) == (1, 0, nil))
    #expect(
      items.counts(task: 1, item: 0)
        == (statuses.filter { $0 == 200 }.count, statuses.filter { $0 == 404 }.count, "status 2xx or 304 (got 404)"))
    #expect(items.counts(task: 2, item: 0) == (0, n[2], #"$.ok == true ($ has no member "ok")"#))
    #expect(items.counts(task: 2, item: 1) == (0, n[2], "capture name (no match)"))
    #expect(items.counts(task: 3, item: 0) == (0, 0, nil))
    #expect(items.counts(task: 4, item: 0) == (1, 0, nil))
    // The run's totals are the items' sums, both ways (a capture that found a value is a
    // passed check there too).
    let all = (0..<5).flatMap { t in (0..<items.itemCount(task: t)).map { items.counts(task: t, item: $0) } }
    #expect(all.map(\.failed).reduce(0, +) == result.checks.failed)
    #expect(all.map(\.passed).reduce(0, +) == result.checks.passed)
    #expect(result.checks.passed == 1 + 1 + statuses.filter { $0 == 200 }.count + 1)
  }

  // MARK: - Bytes on the wire

  /// A plan without templates sends exactly `RequestEncoder`'s bytes; a templated request sends
  /// `RequestEncoder`'s bytes for the rendered values.
  @Test func requestBytesMatchTheEncoder() throws {
    let server = try ScriptedServer { c in
      while c.readRequest() { Self.respond(c, "200 OK", "ok") }
    }
    defer { server.stop() }
    let headers = [
      HeaderField(name: "Accept", value: "application/json"), HeaderField(name: "X-Id", value: "${vu.id}"),
    ]
    let plain = Self.task(
      "plain", endpoint: 0, method: "POST", target: "/p?q=1", headers: [headers[0]], body: #"{"a":1}"#)
    let templated = Self.task(
      "templated", endpoint: 1, method: "POST", target: "/t/${vu.id}", headers: headers, body: #"{"id":"${vu.id}"}"#,
      template: RequestTemplate(
        target: [TemplatePart(text: "/t/"), TemplatePart(variable: 0, escape: .percent)],
        headerValues: [[TemplatePart(text: "application/json")], [TemplatePart(variable: 0, escape: .header)]],
        body: [TemplatePart(text: #"{"id":""#), TemplatePart(variable: 0, escape: .json), TemplatePart(text: #""}"#)]))
    let feeder = DataFeederPlan(
      file: "ids.csv", columns: ["id"], variables: [0], rows: [["42"]], order: .sequential, per: .vu)
    let plan = Self.plan(port: server.port, tasks: [plain, templated], variables: ["id"], feeders: [feeder])
    _ = TestSupport.runWorker(plan: plan, port: server.port, users: 1) { server.requestsRead >= 4 }
    let host = "127.0.0.1:\(server.port)"
    let plainBytes = RequestEncoder.encode(
      method: "POST", target: "/p?q=1", host: host, headers: [("Accept", "application/json")],
      body: Array(#"{"a":1}"#.utf8))
    let templatedBytes = RequestEncoder.encode(
      method: "POST", target: "/t/42", host: host, headers: [("Accept", "application/json"), ("X-Id", "42")],
      body: Array(#"{"id":"42"}"#.utf8))
    let received = server.requestBytes
    #expect(received.count >= 4)
    #expect(received[0] == plainBytes)
    #expect(received[1] == templatedBytes)
    #expect(received[2] == plainBytes)
    #expect(received[3] == templatedBytes)

    // The same plain plan without any scenario feature: still the same bytes.
    let server2 = try ScriptedServer { c in
      while c.readRequest() { Self.respond(c, "200 OK", "ok") }
    }
    defer { server2.stop() }
    let bare = Self.plan(port: server2.port, tasks: [plain])
    _ = TestSupport.runWorker(plan: bare, port: server2.port, users: 1) { server2.requestsRead >= 2 }
    let bareBytes = RequestEncoder.encode(
      method: "POST", target: "/p?q=1", host: "127.0.0.1:\(server2.port)", headers: [("Accept", "application/json")],
      body: Array(#"{"a":1}"#.utf8))
    #expect(server2.requestBytes.prefix(2).allSatisfy { $0 == bareBytes })
  }
}
