import Foundation
import Glibc
import LoadForgeMetrics
import Synchronization
import Testing

@testable import LoadForgeReport

struct TerminalViewTests {
  @Test func statusLineGolden() {
    #expect(
      TerminalView.statusLine(Fixtures.snapshot, total: 30)
        == "  12s/30s  VUs 20/20  RPS 8123  p50 1.23ms  p95 3.40ms  p99 5.60ms  errors 0 (0.00%)")
    var s = Fixtures.snapshot
    s.requests = 400
    s.failed = 3
    s.rps = 40
    s.targetVUs = 12.5
    s.activeVUs = 12
    s.elapsedSeconds = 0.6
    #expect(
      TerminalView.statusLine(s, total: 60)
        == "  1s/60s  VUs 12/12.5  RPS 40.0  p50 1.23ms  p95 3.40ms  p99 5.60ms  errors 3 (0.75%)")
  }

  @Test func secondsWithoutACompletedResponseShowNoLatency() {
    var s = Fixtures.snapshot
    s.requests = 4
    s.failed = 4
    s.latency = .zero
    #expect(
      TerminalView.statusLine(s, total: 30)
        == "  12s/30s  VUs 20/20  RPS 8123  p50 -  p95 -  p99 -  errors 4 (100.00%)")
  }

  @Test func summaryTableGolden() {
    let expected = """
      1000 requests in 30.0s (+0.2s drain), 33.3 RPS, 3 (0.30%) failed; 40 connections opened, 1.2 MB received; 5 3xx not followed

      NAME           METHOD  REQS   RPS     P50     P90     P95      P99    MAX     ERRORS
      list products  GET      900  30.0  1.20ms  8.00ms  12.3ms  200.0ms  1.00s  1 (0.11%)
      login          POST     100   3.3  10.0ms  10.0ms  20.0ms  250.0ms  1.23s  2 (2.00%)
      TOTAL                  1000  33.3  1.23ms  8.50ms  12.3ms  250.0ms  1.23s  3 (0.30%)

      errors by class: http_5xx 2, response_timeout 1
        response_timeout  1  no complete response within timeout
      status codes: 200 990, 302 5, 503 2

      """
    var summary = Fixtures.summary
    summary.errorDetails = [
      ErrorDetail(errorClass: "response_timeout", reason: "no complete response within timeout", count: 1)
    ]
    #expect(TerminalView.summaryTable(summary) == expected)
  }

  @Test func checksLineAppearsOnlyWhenChecksRan() {
    #expect(!TerminalView.summaryTable(Fixtures.summary).contains("checks"))
    var s = Fixtures.summary
    s.checks = CheckCounts(passed: 1_488, failed: 12)
    s.errors["check_failed"] = 12
    let lines = TerminalView.summaryTable(s).split(separator: "\n").map(String.init)
    #expect(lines.last == "checks: 99.20% passed (12 failed)")
    #expect(lines.contains("errors by class: check_failed 12, http_5xx 2, response_timeout 1"))
    // Truncated, not rounded: one failure in 100,000 is not "100.00% passed".
    #expect(TerminalView.checksLine(CheckCounts(passed: 99_999, failed: 1)) == "checks: 99.99% passed (1 failed)")
    #expect(TerminalView.checksLine(CheckCounts(passed: 7, failed: 0)) == "checks: 100.00% passed (0 failed)")
    #expect(TerminalView.checksLine(CheckCounts(passed: 0, failed: 3)) == "checks: 0.00% passed (3 failed)")
    #expect(TerminalView.checksLine(CheckCounts()) == nil)
  }

  /// Under the checks line, one aligned line per check in plan order: ✓ passed every time,
  /// ✗ failed at least once (with the first failure's reason), - never evaluated.
  @Test func checkDetailLinesGolden() {
    let lines = TerminalView.summaryTable(Fixtures.summaryWithChecks).split(separator: "\n").map(String.init)
    let expected = [
      "checks: 76.00% passed (12 failed)",
      "  ✓ login   status 200         10 / 10",
      "  ✓ login   capture token      10 / 10",
      "  ✗ item    status 2xx or 304  28 / 40   e.g. got 404",
      "  - logout  status 204           0 / 0   not evaluated",
    ]
    #expect(Array(lines.suffix(5)) == expected)
  }

  /// An example of another shape than `DESCRIPTION (reason)` is shown whole; no details, no lines.
  @Test func checkDetailLinesKeepAnUnusualExampleWhole() {
    let details = [
      CheckDetail(
        endpoint: "a", check: "$.ok == true", passed: 0, failed: 3, example: "$.ok == true ($ has no member \"ok\")"),
      CheckDetail(endpoint: "bb", check: "status 200", passed: 1, failed: 2, example: "something else"),
    ]
    #expect(
      TerminalView.checkDetailLines(details) == [
        "  ✗ a   $.ok == true  0 / 3   e.g. $ has no member \"ok\"",
        "  ✗ bb  status 200    1 / 3   e.g. something else",
      ])
    #expect(TerminalView.checkDetailLines([]) == [])
  }

  /// Only the classes that occurred, highest first; under each its reasons (at most three, the
  /// rest summed with a pointer to summary.json); "none" when nothing failed.
  @Test func errorLinesListReasonsUnderTheirClass() {
    var s = Fixtures.summary
    s.errors = Fixtures.errors(["protocol_error": 17, "connection_refused": 3])
    s.errorDetails =
      (1...5).map { ErrorDetail(errorClass: "protocol_error", reason: "rule \($0)", count: 6 - $0 + ($0 == 1 ? 2 : 0)) }
      + [ErrorDetail(errorClass: "connection_refused", reason: "connect: Connection refused", count: 3)]
    #expect(
      TerminalView.errorLines(s) == [
        "errors by class: protocol_error 17, connection_refused 3",
        "  protocol_error      7  rule 1",
        "  protocol_error      4  rule 2",
        "  protocol_error      3  rule 3",
        "                      3  (2 more reasons in summary.json errors_detail)",
        "  connection_refused  3  connect: Connection refused",
      ])
    s.errors = Fixtures.errorsNone
    s.errorDetails = []
    #expect(TerminalView.errorLines(s) == ["errors by class: none"])
  }

  @Test func interruptedRunAndNoStatusCodes() {
    var s = Fixtures.summary
    s.interrupted = true
    s.statusCodes = [:]
    let table = TerminalView.summaryTable(s)
    let first = table.prefix { $0 != "\n" }
    #expect(
      first
        == "1000 requests in 30.0s (+0.2s drain), 33.3 RPS, 3 (0.30%) failed; 40 connections opened, 1.2 MB received"
        + "; 5 3xx not followed (interrupted)")
    #expect(!table.contains("status codes"))
  }

  /// Nothing listened: every request failed before a response. The table's `-` latencies do
  /// not say it; the last line does, with the classes and their counts.
  @Test func everyRequestFailedIsSaidPlainly() {
    var s = Fixtures.summary
    s.requests = RequestTotals(total: 142, succeeded: 0, failed: 142, http3xx: 0)
    s.latency = LatencyStats(p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0, min: 0)
    s.errors = Fixtures.errors(["connection_refused": 142])
    s.errorDetails = []
    s.statusCodes = [:]
    s.endpoints = []
    let table = TerminalView.summaryTable(s)
    #expect(table.contains("TOTAL           142  33.3    -    -    -    -    -  142 (100.00%)"), "\(table)")
    #expect(
      table.hasSuffix(
        "\nwarning: every request failed (connection_refused 142): no response was received from the server\n"))

    // Responses that all failed (404s) came from a server: no "no response" clause.
    s.errors = Fixtures.errors(["http_4xx": 100, "response_timeout": 42])
    s.statusCodes = ["404": 100]
    #expect(
      TerminalView.summaryTable(s).hasSuffix("\nwarning: every request failed (http_4xx 100, response_timeout 42)\n"))

    // One success: no warning; nothing sent: no warning either.
    s.requests = RequestTotals(total: 142, succeeded: 1, failed: 141, http3xx: 0)
    #expect(!TerminalView.summaryTable(s).contains("every request failed"))
    s.requests = RequestTotals(total: 0, succeeded: 0, failed: 0, http3xx: 0)
    #expect(!TerminalView.summaryTable(s).contains("every request failed"))
    #expect(!TerminalView.summaryTable(Fixtures.summary).contains("warning"))
  }

  /// The header names the load phase (the RPS denominator) and the drain after it apart; no
  /// drain, no suffix.
  @Test(arguments: [
    (4.0, 1.0, 8, 2.0, "8 requests in 4.0s (+1.0s drain), 2.0 RPS,"),
    (30.0, 0.0, 546, 18.2, "546 requests in 30.0s, 18.2 RPS,"),
    (30.0, 0.03, 546, 18.2, "546 requests in 30.0s (+30ms drain), 18.2 RPS,"),
    (2.0, 5.006, 4, 2.0, "4 requests in 2.0s (+5.0s drain), 2.0 RPS,"),
  ])
  func summaryHeaderShowsTheLoadPhaseAndTheDrain(
    load: Double, drain: Double, total: Int, rps: Double, expected: String
  ) {
    var s = Fixtures.summary
    s.loadDurationSeconds = load
    s.drainSeconds = drain
    s.durationSeconds = load + drain
    s.requests = RequestTotals(total: total, succeeded: total, failed: 0)
    s.rps = rps
    let first = String(TerminalView.summaryTable(s).prefix { $0 != "\n" })
    #expect(first.hasPrefix(expected), "\(first)")
  }

  @Test func drainNoticeGolden() {
    #expect(
      TerminalView.drainNotice(inFlight: 4, graceSeconds: 5) == "  finishing 4 in-flight requests (up to 5s)…")
    #expect(
      TerminalView.drainNotice(inFlight: 1, graceSeconds: 0.5) == "  finishing 1 in-flight request (up to 0.5s)…")
    #expect(
      TerminalView.drainNotice(inFlight: 12, graceSeconds: 90) == "  finishing 12 in-flight requests (up to 1m30s)…")
    #expect(
      TerminalView.drainNotice(inFlight: 2, graceSeconds: 0.05) == "  finishing 2 in-flight requests (up to 50ms)…")
  }

  @Test func drainLineGolden() {
    #expect(TerminalView.drainLine(Fixtures.drainSnapshot) == "  drain 5.0s: 3 finished (1 failed), 1 aborted")
    var quick = Fixtures.drainSnapshot
    quick.intervalSeconds = 0.0312
    quick.requests = 4
    quick.failed = 0
    quick.errors = Fixtures.errorsNone
    #expect(TerminalView.drainLine(quick) == "  drain 31ms: 4 finished, 0 aborted")
    var cut = Fixtures.drainSnapshot
    cut.intervalSeconds = 1.24
    cut.requests = 4
    cut.failed = 4
    cut.errors = Fixtures.errorsNone.merging(["aborted": 4]) { $1 }
    #expect(TerminalView.drainLine(cut) == "  drain 1.2s: 0 finished, 4 aborted")
  }

  @Test func columnsAreAligned() {
    let lines = TerminalView.summaryTable(Fixtures.summary).split(separator: "\n", omittingEmptySubsequences: false)
    let table = lines[2...5].map(String.init)
    // Right-aligned columns end at the same offset on every row.
    let headerEnd = table[0].range(of: "REQS")!.upperBound.utf16Offset(in: table[0])
    for row in table.dropFirst() {
      let i = row.index(row.startIndex, offsetBy: headerEnd - 1)
      #expect(row[i].isNumber, "\(row)")
      #expect(row[row.index(after: i)] == " ")
    }
  }

  @Test func millisecondFormatting() {
    let cases: [(Double, String)] = [
      (0, "0.00ms"), (0.001, "0.00ms"), (1.234, "1.23ms"), (9.99, "9.99ms"), (9.999, "10.0ms"),
      (10, "10.0ms"), (123.45, "123.5ms"), (999.9, "999.9ms"), (999.96, "1.00s"), (1_234.5, "1.23s"),
      (65_000, "65.00s"),
    ]
    for (ms, text) in cases { #expect(TerminalView.formatMillis(ms) == text, "\(ms)") }
    #expect(TerminalView.formatMillis(.nan) == "-")
  }

  @Test func otherFormatting() {
    #expect(TerminalView.formatRate(8_123.4) == "8123")
    #expect(TerminalView.formatRate(99.94) == "99.9")
    #expect(TerminalView.formatRate(0) == "0.0")
    #expect(TerminalView.formatDuration(12.34) == "12.3s")
    #expect(TerminalView.formatDuration(125) == "2m05s")
    #expect(TerminalView.formatDuration(3_725) == "1h02m05s")
    #expect(TerminalView.formatSpan(0.0312) == "31ms")
    #expect(TerminalView.formatSpan(0) == "0ms")
    #expect(TerminalView.formatSpan(0.2) == "0.2s")
    #expect(TerminalView.formatSpan(5.006) == "5.0s")
    #expect(TerminalView.formatBytes(512) == "512 B")
    #expect(TerminalView.formatBytes(1_500) == "1.5 kB")
    #expect(TerminalView.formatBytes(12_345_678) == "12.3 MB")
    #expect(TerminalView.formatBytes(4_200_000_000) == "4.20 GB")
    #expect(
      TerminalView.startLine(Fixtures.runInfo)
        == "running shop: ramp 0→50 VUs over 30s, peak 50 VUs, 2 workers, 2 endpoints")
  }

  @Test func ttyRedrawsOneLineInPlace() {
    var out: [String] = []
    let view = TerminalView(isTTY: true) { out.append($0) }
    view.runStarted(Fixtures.runInfo)
    view.record(Fixtures.snapshot)
    view.record(Fixtures.snapshot)
    view.runFinished(Fixtures.summary)
    let line = TerminalView.statusLine(Fixtures.snapshot, total: 30)
    #expect(out.count == 4)
    #expect(out[0] == TerminalView.startLine(Fixtures.runInfo) + "\n")
    #expect(out[1] == "\r\u{1B}[2K" + line)
    #expect(out[2] == out[1])
    #expect(out[3] == "\n\n" + TerminalView.summaryTable(Fixtures.summary))
  }

  /// The drain notice and the drain line are lines of their own below the last status line,
  /// which stays on screen as the load phase's final state.
  @Test func ttyShowsTheDrainBelowTheStatusLine() {
    var out: [String] = []
    let view = TerminalView(isTTY: true) { out.append($0) }
    view.runStarted(Fixtures.runInfo)
    view.record(Fixtures.snapshot)
    view.draining(inFlight: 4, graceSeconds: 5)
    view.record(Fixtures.drainSnapshot)
    view.runFinished(Fixtures.summary)
    #expect(
      out == [
        TerminalView.startLine(Fixtures.runInfo) + "\n",
        "\r\u{1B}[2K" + TerminalView.statusLine(Fixtures.snapshot, total: 30),
        "\n  finishing 4 in-flight requests (up to 5s)…\n",
        "  drain 5.0s: 3 finished (1 failed), 1 aborted\n",
        "\n" + TerminalView.summaryTable(Fixtures.summary),
      ])
  }

  @Test func pipeShowsTheDrainAsPlainLines() {
    var out: [String] = []
    let view = TerminalView(isTTY: false) { out.append($0) }
    view.runStarted(Fixtures.runInfo)
    view.record(Fixtures.snapshot)
    view.draining(inFlight: 4, graceSeconds: 5)
    view.record(Fixtures.drainSnapshot)
    view.runFinished(Fixtures.summary)
    #expect(
      out == [
        TerminalView.startLine(Fixtures.runInfo) + "\n",
        TerminalView.statusLine(Fixtures.snapshot, total: 30) + "\n",
        "  finishing 4 in-flight requests (up to 5s)…\n",
        "  drain 5.0s: 3 finished (1 failed), 1 aborted\n",
        "\n" + TerminalView.summaryTable(Fixtures.summary),
      ])
  }

  @Test func pipeGetsOnePlainLinePerSnapshot() {
    var out: [String] = []
    let view = TerminalView(isTTY: false) { out.append($0) }
    view.runStarted(Fixtures.runInfo)
    view.record(Fixtures.snapshot)
    view.record(Fixtures.snapshot)
    view.runFinished(Fixtures.summary)
    let text = out.joined()
    #expect(!text.contains("\r"))
    #expect(!text.contains("\u{1B}"))
    let line = TerminalView.statusLine(Fixtures.snapshot, total: 30)
    #expect(out[1] == line + "\n")
    #expect(out[2] == line + "\n")
    #expect(out[3] == "\n" + TerminalView.summaryTable(Fixtures.summary))
  }
}

@Suite struct TerminalViewPipeTests {
  /// `loadforge run … | head -1`: the reader is gone. With SIGPIPE ignored (as `SignalTrap`
  /// sets it up) the write fails with EPIPE, which must be ignored, not crash or hang.
  @Test func writingToAClosedPipeIsIgnored() {
    signal(SIGPIPE, SIG_IGN)
    var fds: [Int32] = [-1, -1]
    #expect(pipe(&fds) == 0)
    defer { close(fds[1]) }
    #expect(TerminalView.writeAll("first line\n", to: fds[1]))
    close(fds[0])
    #expect(!TerminalView.writeAll("second line\n", to: fds[1]))
    #expect(errno == EPIPE)
  }

  @Test func writesEverythingAcrossPartialWrites() throws {
    var fds: [Int32] = [-1, -1]
    #expect(pipe(&fds) == 0)
    let readFD = fds[0]
    defer { close(readFD) }
    // Larger than a pipe buffer (64 KiB): the writer blocks until the reader drains it.
    let text = String(repeating: "0123456789", count: 20_000)
    let reader = Thread {
      var total = 0
      var chunk = [UInt8](repeating: 0, count: 65_536)
      while true {
        let n = chunk.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        total += n
      }
      pipeReaderBytes.withLock { $0 = total }
    }
    reader.start()
    #expect(TerminalView.writeAll(text, to: fds[1]))
    close(fds[1])
    let deadline = Date().addingTimeInterval(5)
    while pipeReaderBytes.withLock({ $0 }) < 0 && Date() < deadline { usleep(1_000) }
    #expect(pipeReaderBytes.withLock { $0 } == 200_000)
  }
}

private let pipeReaderBytes = Mutex(-1)
