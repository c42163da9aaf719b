import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

/// `summary.json`'s text (golden, stable field order) and the writer's never-overwrite rule.
struct ReportWriterTests {
  @Test func summaryJSONGolden() throws {
    let text = String(decoding: try ReportWriter.summaryJSON(Fixtures.summary), as: UTF8.self)
    if let path = ProcessInfo.processInfo.environment["LOADFORGE_DUMP_GOLDEN"] {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    #expect(text == Self.golden)
  }

  /// Keys sorted at every level, so the order never depends on the encoder's (Fixtures.summary).
  static let golden = """
    {
      "bytes_received" : 1234567,
      "checks" : {
        "details" : [

        ],
        "failed" : 0,
        "passed" : 0
      },
      "connections_opened" : 40,
      "drain_s" : 0.2,
      "dropped_iterations" : 0,
      "duration_s" : 30.2,
      "endpoints" : [
        {
          "bytes_received" : 1200000,
          "checks" : {
            "failed" : 0,
            "passed" : 0
          },
          "errors" : {
            "aborted" : 0,
            "check_failed" : 0,
            "client_limit" : 0,
            "connect_timeout" : 0,
            "connection_refused" : 0,
            "connection_reset" : 0,
            "dns_failure" : 0,
            "http_4xx" : 0,
            "http_5xx" : 0,
            "protocol_error" : 0,
            "response_timeout" : 1,
            "tls_error" : 0
          },
          "failed" : 1,
          "latency_ms" : {
            "max" : 1000,
            "mean" : 4,
            "min" : 0.101,
            "p50" : 1.2,
            "p90" : 8,
            "p95" : 12.3,
            "p99" : 200,
            "p999" : 900
          },
          "method" : "GET",
          "name" : "list products",
          "requests" : 900,
          "rps" : 30,
          "status_codes" : {
            "200" : 899
          }
        },
        {
          "bytes_received" : 34567,
          "checks" : {
            "failed" : 0,
            "passed" : 0
          },
          "errors" : {
            "aborted" : 0,
            "check_failed" : 0,
            "client_limit" : 0,
            "connect_timeout" : 0,
            "connection_refused" : 0,
            "connection_reset" : 0,
            "dns_failure" : 0,
            "http_4xx" : 0,
            "http_5xx" : 2,
            "protocol_error" : 0,
            "response_timeout" : 0,
            "tls_error" : 0
          },
          "failed" : 2,
          "latency_ms" : {
            "max" : 1234.5,
            "mean" : 6,
            "min" : 2,
            "p50" : 9.999,
            "p90" : 10,
            "p95" : 20,
            "p99" : 250,
            "p999" : 999.96
          },
          "method" : "POST",
          "name" : "login",
          "requests" : 100,
          "rps" : 3.3333333333333335,
          "status_codes" : {
            "200" : 91,
            "302" : 5,
            "503" : 2
          }
        }
      ],
      "errors" : {
        "aborted" : 0,
        "check_failed" : 0,
        "client_limit" : 0,
        "connect_timeout" : 0,
        "connection_refused" : 0,
        "connection_reset" : 0,
        "dns_failure" : 0,
        "http_4xx" : 0,
        "http_5xx" : 2,
        "protocol_error" : 0,
        "response_timeout" : 1,
        "tls_error" : 0
      },
      "errors_detail" : [

      ],
      "interrupted" : false,
      "latency_ms" : {
        "max" : 1234.5,
        "mean" : 4.2,
        "min" : 0.101,
        "p50" : 1.234,
        "p90" : 8.5,
        "p95" : 12.345,
        "p99" : 250,
        "p999" : 999.96
      },
      "load_duration_s" : 30,
      "requests" : {
        "failed" : 3,
        "http_3xx" : 5,
        "succeeded" : 997,
        "total" : 1000
      },
      "retried" : 0,
      "rps" : 33.333333333333336,
      "schema_version" : 1,
      "started_at" : "2025-03-01T12:00:05.250Z",
      "status_codes" : {
        "200" : 990,
        "302" : 5,
        "503" : 2
      },
      "thresholds" : [

      ]
    }

    """

  @Test func keysAreSortedAtEveryLevel() throws {
    let text = String(decoding: try ReportWriter.summaryJSON(Fixtures.summaryWithChecks), as: UTF8.self)
    // Every object's keys, in written order, per nesting depth: each run must be ascending.
    var stack: [[String]] = []
    var ordered = true
    for line in text.split(separator: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("\""), let colon = trimmed.range(of: "\" : ") {
        let key = String(trimmed[trimmed.index(after: trimmed.startIndex)..<colon.lowerBound])
        if let last = stack.last?.last, last >= key { ordered = false }
        if stack.isEmpty { stack.append([]) }
        stack[stack.count - 1].append(key)
      }
      if trimmed.hasSuffix("{") { stack.append([]) }
      if trimmed.hasPrefix("}"), !stack.isEmpty { stack.removeLast() }
    }
    #expect(ordered)
    #expect(text.contains("\"details\" : [\n      {\n        \"check\" : \"status 200\""))
  }

  @Test func writesEachFormatOnceAndNeverOverwrites() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let inputs = ReportInputs(
      runInfo: RunInfo(
        name: "t", pattern: "constant 20 VUs", durationSeconds: 30, tickSeconds: 1, gracePeriodSeconds: 5, workers: 1,
        peakVUs: 20, endpoints: [EndpointInfo(name: "home", method: "GET")]),
      summary: Fixtures.summary, snapshots: [Fixtures.snapshot], latencyDistribution: [])
    let written = try ReportWriter.write(inputs, formats: [.csv, .json], to: dir)
    #expect(written.map(\.lastPathComponent) == ["summary.json", "snapshots.csv"])
    #expect(try Data(contentsOf: written[0]) == (try ReportWriter.summaryJSON(Fixtures.summary)))
    #expect(throws: ResultsDirectoryError.self) { try ReportWriter.write(inputs, formats: [.json], to: dir) }
    let first = try ReportWriter.makeRegeneratedDirectory(
      in: dir, now: Date(timeIntervalSince1970: 1_764_000_000), timeZone: .gmt)
    let second = try ReportWriter.makeRegeneratedDirectory(
      in: dir, now: Date(timeIntervalSince1970: 1_764_000_000), timeZone: .gmt)
    #expect(first.lastPathComponent == "report-20251124-160000")
    #expect(second.lastPathComponent == "report-20251124-160000-2")
  }

  @Test func formatListsParse() {
    #expect(ReportFormat.parseList("html,json,csv") == [.html, .json, .csv])
    #expect(ReportFormat.parseList(" CSV , json") == [.csv, .json])
    #expect(ReportFormat.parseList("pdf") == nil)
    #expect(ReportFormat.parseList("") == nil)
    #expect(ReportFormat.parseList("json,") == nil)
  }
}
