import Foundation

/// The text of each server → page message (docs/dashboard-protocol.md). Payloads the hub keeps
/// pre-encoded (a snapshot, `run.json`, the summary) are spliced in as they are, so a second's
/// snapshot is encoded once however many pages watch; only the few fields stamped at send time
/// are formatted here.
enum DashboardMessage {
  /// Version of the protocol, `hello`'s `protocol`.
  static let protocolVersion = 1

  /// The encoder of every payload: the same output as `snapshots.ndjson` (ResultsDirectory's line
  /// encoder), compact, keys sorted, `/` not escaped.
  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// What `hello` says about the connection.
  struct Hello {
    var mode: DashboardMode
    /// `run.json`'s object.
    var runJSON: String
    /// `DashboardPlan`'s object, whose members become `hello`'s `model`, `stages`, `target_curve`.
    var planJSON: String
    var historyFrom: Int
    var historyCount: Int
    var finished: Bool
    /// Unix epoch, µs.
    var serverMicros: Int64
  }

  static func hello(_ h: Hello) -> String {
    // The plan object's members, without its braces, sit beside the other fields.
    let planMembers = h.planJSON.dropFirst().dropLast()
    return "{\"type\":\"hello\",\"protocol\":\(protocolVersion),\"mode\":\"\(h.mode.rawValue)\",\"run\":\(h.runJSON),"
      + (planMembers.isEmpty ? "" : planMembers + ",")
      + "\"history_from\":\(h.historyFrom),\"history_count\":\(h.historyCount),\"finished\":\(h.finished),"
      + "\"server_unix_ms\":\(milliseconds(h.serverMicros))}"
  }

  /// A `snapshot` message.
  /// - Parameters:
  ///   - intervalEndMicros: the interval's end, Unix epoch µs (nil when the run's start is unknown).
  ///   - sentMicros: now, Unix epoch µs.
  ///   - withDelay: false in replay and for back-fill: `delay_ms` is then null.
  /// - Returns: the text, and `delay_ms` (ms) when it was given.
  static func snapshot(
    seq: Int, backfill: Bool, snapshotJSON: String, intervalEndMicros: Int64?, sentMicros: Int64, withDelay: Bool,
    dropped: Int
  ) -> (text: String, delayMs: Double?) {
    var delayMicros: Int64?
    if withDelay, let intervalEndMicros { delayMicros = sentMicros - intervalEndMicros }
    let text =
      "{\"type\":\"snapshot\",\"seq\":\(seq),\"backfill\":\(backfill),"
      + "\"interval_end_unix_ms\":\(intervalEndMicros.map(milliseconds) ?? "null"),"
      + "\"sent_unix_ms\":\(milliseconds(sentMicros)),\"delay_ms\":\(delayMicros.map(milliseconds) ?? "null"),"
      + "\"dropped\":\(dropped),\"snapshot\":\(snapshotJSON)}"
    return (text, delayMicros.map { Double($0) / 1000 })
  }

  /// `draining`: the load phase ended with `inFlight` requests in flight; the drain lasts at most
  /// `graceSeconds` (s).
  static func draining(inFlight: Int, graceSeconds: Double) -> String {
    "{\"type\":\"draining\",\"in_flight\":\(inFlight),\"grace_s\":\(number(graceSeconds))}"
  }

  /// `final`: `summaryJSON` is `summary.json`'s object; `dropped` the connection's lost messages.
  static func final(summaryJSON: String, dropped: Int) -> String {
    "{\"type\":\"final\",\"summary\":\(summaryJSON),\"dropped\":\(dropped)}"
  }

  /// µs as a JSON number of ms with exactly three decimals (`1764450000000.123`, `-0.250`): exact
  /// decimal arithmetic, so `delay_ms` equals `sent_unix_ms − interval_end_unix_ms` to the digit.
  static func milliseconds(_ micros: Int64) -> String {
    let sign = micros < 0 ? "-" : ""
    let magnitude = micros.magnitude
    let fraction = String(magnitude % 1000)
    return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
  }

  /// A finite double as JSON (0 otherwise): `30` for 30.0, `0.5`.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// Now, Unix epoch µs.
  static func nowMicros() -> Int64 {
    unixMicros(Date())
  }

  /// A run's start as `run.json`'s `started_at` keeps it, to the millisecond, in Unix epoch µs:
  /// live and replay then put every interval's end at the same instant.
  static func runStartMicros(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded()) * 1000
  }

  /// `date` as Unix epoch µs.
  static func unixMicros(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
  }
}
