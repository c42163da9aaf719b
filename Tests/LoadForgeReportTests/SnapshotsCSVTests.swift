import Foundation
import LoadForgeMetrics
import Testing

@testable import LoadForgeReport

/// `snapshots.csv` (schemas/snapshots-csv.md): fixed columns, RFC 4180, golden output.
struct SnapshotsCSVTests {
  /// An open-model tick with service times and a known open_fds.
  static let openModelSnapshot: Snapshot = {
    var s = Fixtures.snapshot
    s.elapsedSeconds = 13
    s.targetRate = 100
    s.achievedRate = 99.5
    s.droppedIterations = 2
    s.retried = 1
    s.openFileDescriptors = 31
    s.checks = CheckCounts(passed: 7, failed: 1)
    s.service = LatencyStats(p50: 0.9, p90: 1, p95: 1.1, p99: 2.25, p999: 3, max: 4, mean: 1, min: 0.1)
    return s
  }()

  static let golden =
    "elapsed_s,phase,interval_s,target_vus,active_vus,in_flight,requests,failed,rps,p50_ms,p90_ms,p95_ms,p99_ms,"
    + "p999_ms,max_ms,mean_ms,min_ms,http_4xx,http_5xx,check_failed,connect_timeout,response_timeout,"
    + "connection_refused,connection_reset,dns_failure,tls_error,protocol_error,client_limit,aborted,"
    + "connections_opened,bytes_received,checks_passed,checks_failed,retried,dropped_iterations,open_fds,"
    + "target_rate,achieved_rate,service_p50_ms,service_p99_ms\r\n"
    + "12,load,1,20,20,20,8123,0,8123,1.234,2.5,3.4,5.6,9.1,11.2,1.5,0.2,0,0,0,0,0,0,0,0,0,0,0,0,"
    + "20,1000000,0,0,0,0,,,,,\r\n"
    + "13,load,1,20,20,20,8123,0,8123,1.234,2.5,3.4,5.6,9.1,11.2,1.5,0.2,0,0,0,0,0,0,0,0,0,0,0,0,"
    + "20,1000000,7,1,1,2,31,100,99.5,0.9,2.25\r\n"
    + "35.0125,drain,5.0125,0,0,0,4,2,0.798005,250,900,900,900,900,900,500,250,0,0,0,0,1,0,0,0,0,0,0,1,"
    + "0,300,0,0,0,0,,,,,\r\n"

  @Test func goldenFileHasFixedColumnsAndCRLF() {
    let text = SnapshotsCSV.render([Fixtures.snapshot, Self.openModelSnapshot, Fixtures.drainSnapshot])
    #expect(text == Self.golden)
  }

  @Test func everyRowHasOneFieldPerColumn() {
    let text = SnapshotsCSV.render([Fixtures.snapshot, Self.openModelSnapshot, Fixtures.drainSnapshot])
    let rows = text.split(separator: "\r\n")
    #expect(rows.count == 4)
    for row in rows { #expect(row.split(separator: ",", omittingEmptySubsequences: false).count == 40) }
    #expect(SnapshotsCSV.columns.count == 40)
    #expect(Set(SnapshotsCSV.columns).count == 40)
  }

  @Test func fieldsAreQuotedPerRFC4180() {
    #expect(SnapshotsCSV.field("load") == "load")
    #expect(SnapshotsCSV.field("a,b") == "\"a,b\"")
    #expect(SnapshotsCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(SnapshotsCSV.field("two\nlines") == "\"two\nlines\"")
  }

  @Test func numbersHaveNoExponentAndNoTrailingZeros() {
    #expect(SnapshotsCSV.number(0.00001) == "0.00001")
    #expect(SnapshotsCSV.number(1e-9) == "0")
    #expect(SnapshotsCSV.number(2.5) == "2.5")
    #expect(SnapshotsCSV.number(1e20) == "100000000000000000000")
    #expect(SnapshotsCSV.number(3) == "3")
    #expect(SnapshotsCSV.number(-0.25) == "-0.25")
  }
}
