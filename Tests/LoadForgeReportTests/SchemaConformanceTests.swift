import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

/// The JSON we write has every key each schema's `required` lists and no key its `properties`
/// do not, at every level (schemas/*.schema.json are the contract; a field added on one side
/// only fails here). Optional keys (declared, not required) are walked when present.
struct SchemaConformanceTests {
  static let schemas = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("schemas")

  private func schema(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: Self.schemas.appendingPathComponent(name))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  private func json(_ value: some Encodable) throws -> Any {
    try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value))
  }

  /// Walks `value` alongside `node`, following local `$ref`s; returns one message per mismatch
  /// and counts the objects compared.
  private func mismatches(
    _ value: Any, _ node: [String: Any], root: [String: Any], path: String, checked: inout Int
  ) -> [String] {
    var node = node
    if let ref = node["$ref"] as? String, ref.hasPrefix("#/") {
      var target: Any = root
      for part in ref.dropFirst(2).split(separator: "/") {
        target = (target as? [String: Any])?[String(part)] as Any
      }
      node = target as? [String: Any] ?? [:]
    }
    var out: [String] = []
    if let required = node["required"] as? [String] {
      guard let object = value as? [String: Any] else { return ["\(path): expected an object"] }
      checked += 1
      let keys = Set(object.keys)
      let want = Set(required)
      let properties = node["properties"] as? [String: Any] ?? [:]
      let extra = keys.subtracting(properties.keys)
      let missing = want.subtracting(keys)
      if !extra.isEmpty || !missing.isEmpty {
        out.append("\(path): extra \(extra.sorted()), missing \(missing.sorted())")
      }
      for key in required.sorted() where properties[key] == nil {
        out.append("\(path).\(key): required but not in properties")
      }
      for key in keys.sorted() {
        guard let sub = properties[key] as? [String: Any], let v = object[key] else { continue }
        out += mismatches(v, sub, root: root, path: "\(path).\(key)", checked: &checked)
      }
    }
    if let items = node["items"] as? [String: Any], let array = value as? [Any] {
      for (i, element) in array.enumerated() {
        out += mismatches(element, items, root: root, path: "\(path)[\(i)]", checked: &checked)
      }
    }
    return out
  }

  @Test func summaryMatchesResultsSchema() throws {
    let root = try schema("results.schema.json")
    var checked = 0
    let problems = mismatches(try json(Fixtures.summary), root, root: root, path: "summary", checked: &checked)
    #expect(problems == [])
    // summary, requests, latency, errors, checks, 2 × (endpoint, latency, errors, checks).
    #expect(checked == 13)
  }

  /// `checks.details`: four rows, `example` only on the one that failed.
  @Test func summaryWithCheckDetailsMatchesResultsSchema() throws {
    let root = try schema("results.schema.json")
    var checked = 0
    let value = try json(Fixtures.summaryWithChecks)
    let problems = mismatches(value, root, root: root, path: "summary", checked: &checked)
    #expect(problems == [])
    #expect(checked == 13 + 4)
    let checks = (value as? [String: Any])?["checks"] as? [String: Any]
    let details = try #require(checks?["details"] as? [[String: Any]])
    #expect(details.map { $0["example"] as? String } == [nil, nil, "status 2xx or 304 (got 404)", nil])
    #expect(
      details.map { $0["check"] as? String } == ["status 200", "capture token", "status 2xx or 304", "status 204"])
    #expect(details[2]["passed"] as? Int == 28)
    #expect(details[2]["failed"] as? Int == 12)
    // The example is described by the schema, optional.
    let detailDef = try #require(((root["$defs"] as? [String: Any])?["check_detail"]) as? [String: Any])
    #expect((detailDef["required"] as? [String])?.contains("example") == false)
    #expect((detailDef["properties"] as? [String: Any])?["example"] != nil)
  }

  /// A `checks.details` row with a key the schema does not declare is reported.
  @Test func walkerDetectsAnUndeclaredDetailKey() throws {
    let root = try schema("results.schema.json")
    var object = try #require(try json(Fixtures.summaryWithChecks) as? [String: Any])
    var checks = try #require(object["checks"] as? [String: Any])
    var details = try #require(checks["details"] as? [[String: Any]])
    details[0]["hint"] = "x"
    checks["details"] = details
    object["checks"] = checks
    var checked = 0
    let problems = mismatches(object, root, root: root, path: "summary", checked: &checked)
    #expect(problems == ["summary.checks.details[0]: extra [\"hint\"], missing []"])
  }

  @Test func snapshotMatchesSnapshotSchema() throws {
    let root = try schema("snapshot.schema.json")
    var checked = 0
    let problems = mismatches(try json(Fixtures.snapshot), root, root: root, path: "snapshot", checked: &checked)
    #expect(problems == [])
    #expect(checked == 8)
  }

  @Test func drainSnapshotMatchesSnapshotSchema() throws {
    let root = try schema("snapshot.schema.json")
    var checked = 0
    let value = try json(Fixtures.drainSnapshot)
    let problems = mismatches(value, root, root: root, path: "snapshot", checked: &checked)
    #expect(problems == [])
    #expect(checked == 8)
    #expect((value as? [String: Any])?["phase"] as? String == "drain")
  }

  /// `phase` takes exactly the values the schema's enum lists.
  @Test func snapshotPhasesAreTheSchemaEnum() throws {
    let root = try schema("snapshot.schema.json")
    let phase = (root["properties"] as? [String: Any])?["phase"] as? [String: Any]
    let values = try #require(phase?["enum"] as? [String])
    #expect(values == [Snapshot.Phase.load.rawValue, Snapshot.Phase.drain.rawValue])
    for value in values {
      var snapshot = Fixtures.snapshot
      snapshot.phase = try #require(Snapshot.Phase(rawValue: value))
      let object = try #require(try json(snapshot) as? [String: Any])
      #expect(object["phase"] as? String == value)
    }
  }

  @Test func runInfoMatchesRunSchema() throws {
    let root = try schema("run.schema.json")
    var checked = 0
    let problems = mismatches(try json(Fixtures.runInfo), root, root: root, path: "run", checked: &checked)
    #expect(problems == [])
    #expect(checked == 3)
  }

  /// The open model's keys (`service_ms`, `target_rate`, `achieved_rate`, `dropped_iterations`,
  /// `scheduled_iterations`, `max_deviation`) are declared, and present where the model says.
  @Test func openModelOutputMatchesSchemas() throws {
    let r = MetricsRecorder(endpointCount: 1)
    r.record(endpoint: 0, status: 200, latencyMicros: 2_500, bytesReceived: 10)
    r.recordService(endpoint: 0, micros: 1_000)
    r.recordIterationStarted()
    r.recordDroppedIteration()
    var agg = MetricsAggregator(endpoints: [EndpointInfo(name: "a", method: "GET")], isOpenModel: true)
    agg.merge(r.takeInterval())
    let snapshot = agg.closeInterval(
      elapsedSeconds: 1, intervalSeconds: 1, targetVUs: 5, activeVUs: 1, inFlight: 0, targetRate: 2)
    let summary = agg.summary(startedAt: Date(), loadDurationSeconds: 1, interrupted: false)
    let snapshotObject = try #require(try json(snapshot) as? [String: Any])
    for key in ["service_ms", "target_rate", "achieved_rate", "dropped_iterations"] {
      #expect(snapshotObject[key] != nil, "\(key)")
    }
    #expect(snapshot.achievedRate == 1)
    #expect(snapshot.droppedIterations == 1)
    #expect(snapshot.service?.max == 1.0)
    #expect(snapshot.latency.max == 2.5)
    #expect(summary.droppedIterations == 1)
    #expect(summary.scheduledIterations == 2)
    #expect(summary.maxDeviation == LoadDeviation(value: 1, unit: "it/s", elapsedSeconds: 1))
    #expect(summary.endpoints[0].service?.max == 1.0)
    var checked = 0
    let results = try schema("results.schema.json")
    let snapshots = try schema("snapshot.schema.json")
    #expect(mismatches(try json(summary), results, root: results, path: "summary", checked: &checked) == [])
    #expect(mismatches(try json(snapshot), snapshots, root: snapshots, path: "snapshot", checked: &checked) == [])
  }

  @Test func aggregatorOutputMatchesSchemasToo() throws {
    let r = MetricsRecorder(endpointCount: 1)
    r.record(endpoint: 0, status: 200, latencyMicros: 1_500, bytesReceived: 10)
    r.record(
      endpoint: 0, status: 200, outcome: .checkFailed, checksPassed: 1, checksFailed: 1, latencyMicros: 900,
      bytesReceived: 10)
    var agg = MetricsAggregator(endpoints: [EndpointInfo(name: "a", method: "GET")])
    agg.merge(r.takeInterval())
    let snapshot = agg.closeInterval(elapsedSeconds: 1, intervalSeconds: 1, targetVUs: 1, activeVUs: 1, inFlight: 1)
    r.record(endpoint: 0, outcome: .aborted, latencyMicros: 0, bytesReceived: 0)
    agg.merge(r.takeInterval())
    let drain = agg.closeDrain(elapsedSeconds: 1.5, intervalSeconds: 0.5, tickSeconds: 1)
    let summary = agg.summary(startedAt: Date(), loadDurationSeconds: 1, drainSeconds: 0.5, interrupted: false)
    var checked = 0
    let results = try schema("results.schema.json")
    let snapshots = try schema("snapshot.schema.json")
    #expect(mismatches(try json(summary), results, root: results, path: "summary", checked: &checked) == [])
    #expect(mismatches(try json(snapshot), snapshots, root: snapshots, path: "snapshot", checked: &checked) == [])
    #expect(mismatches(try json(drain), snapshots, root: snapshots, path: "drain", checked: &checked) == [])
    // The summary's objects include max_deviation (its load interval closed).
    #expect(checked == 10 + 8 + 8)
    #expect(summary.checks == CheckCounts(passed: 1, failed: 1))
    #expect(summary.errors["check_failed"] == 1)
  }

  @Test func walkerDetectsAMissingKey() throws {
    let root = try schema("results.schema.json")
    var object = try #require(try json(Fixtures.summary) as? [String: Any])
    object["rps"] = nil
    object["extra"] = 1
    var checked = 0
    let problems = mismatches(object, root, root: root, path: "summary", checked: &checked)
    #expect(problems == ["summary: extra [\"extra\"], missing [\"rps\"]"])
  }
}
