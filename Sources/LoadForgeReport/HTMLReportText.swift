/// The words of the HTML report written for a reader new to load testing: what each chart
/// shows and what good and bad look like, what each failure class means, and a glossary.
enum HTMLReportText {
  static let throughput =
    "How many requests finished (answered or failed) each second; the red line counts the failed ones among them "
    + "(dotted line: the average)."
  static let throughputClosedModel =
    " This test set a number of virtual users, not a request rate, so there is no target rate here. Good: the line "
    + "rises and falls with the number of users (see Users below) and stays level while they do. Bad: a fall while "
    + "the users stay the same, meaning the service slowed down or stopped answering."
  static let throughputOpenModel =
    " The dashed grey line is the rate the test asked for (iterations per second). Good: the blue line follows it. "
    + "Bad: the blue line below the grey one, meaning the service (or the pool of VUs) could not keep up."
  static let latency =
    "How long requests took, second by second. Half of the requests were faster than the p50 line, 95 in 100 "
    + "faster than p95 and 99 in 100 faster than p99. Compare the lines with what your users notice: under 100 ms "
    + "feels instant, about 1 s is a noticeable wait, several seconds make people give up. A p99 many times the "
    + "p50 is normal when both are small (3 ms against 0.2 ms is excellent). Good: lines that stay low and flat. "
    + "Bad: lines climbing as the load grows, or a p99 that reaches times your users would notice. A second's p99 "
    + "from a few hundred requests is only its one or two slowest requests, so it jumps from second to second; "
    + "the p99 line is dotted when some second had fewer than 100 responses."
  static let distribution =
    "All requests of the test sorted from fastest to slowest: read a point as \"this share of requests took at most "
    + "this long\". Towards the right are the rare slowest requests (1 in 100, 1 in 1,000…). Good: a curve that stays "
    + "low until far right. Bad: a curve that rises early, or a cliff at the right end (a few very slow requests)."
  static let endpoints =
    "Each request of the test by its name (a task of a scenario), so a slow or failing one stands out. "
    + "Good: similar, low bars. Bad: one endpoint much taller than the others, or one with a high error rate."
  static let errors =
    "Failed requests each second, coloured by why they failed; each bar stands on the end of the second it counts. "
    + "Good: an empty chart. Bad: bars that appear as the load rises (the service is overloaded) or all at once "
    + "(something broke). Bars from the very first second at a steady level usually mean a mistake in the test (a "
    + "wrong path or check). The table lists every cause with the exact messages seen."
  static let usersClosedModel =
    "Virtual users are simulated people, each sending requests one after another. Grey dashed: how many the test "
    + "asked for; green: how many were actually running. Good: the lines overlap. Bad: green below grey, meaning "
    + "the load generator could not start them all."
  static let usersOpenModel =
    "Virtual users are simulated people; in this test they start on a schedule (a rate), and each is busy while "
    + "its requests run. Grey dashed: the most that may run at once (max_vus); green: how many were busy. Green "
    + "reaching grey means requests were skipped because every user was busy (dropped iterations)."
  static let rawData =
    "Every number, one row per second of the test (the time is the end of that second), for checking or copying "
    + "into a spreadsheet; snapshots.csv in the results directory holds them all (hover a heading for its column). A last \"drain\" row, when present, covers requests that were still running when the "
    + "test's planned time was up. Unanswered: requests sent but not yet answered at that moment."

  /// What each failure class means, by `RequestOutcome.rawValue`.
  static let classMeanings: [String: String] = [
    "http_3xx": "The server answered with a redirect (3xx) that was not followed. Not counted as a failure.",
    "http_4xx":
      "The server answered with a client error (4xx, e.g. 404 Not Found, 401 Unauthorized, 429 Too Many Requests).",
    "http_5xx": "The server failed while handling the request (5xx: internal error, bad gateway, unavailable…).",
    "check_failed": "An answer arrived but did not match what the test expects (an expect check or capture).",
    "connect_timeout": "No connection to the server could be opened in time.",
    "response_timeout": "Connected, but the complete answer did not arrive in time.",
    "connection_refused": "Nothing answered at the server's address (server down or wrong port).",
    "connection_reset": "The connection was cut before the answer was complete.",
    "dns_failure": "The server's host name could not be looked up.",
    "tls_error": "The secure (https) connection could not be set up, e.g. an untrusted certificate.",
    "protocol_error": "The server's answer broke the rules of HTTP.",
    "client_limit":
      "The machine running the test ran out of resources (open files, ports, memory): not the server's fault.",
    "aborted": "Still waiting for an answer when the test ended: not the server's fault.",
  ]

  /// Latency as the README defines it for the run's model.
  static func latencyDefinition(openModel: Bool) -> String {
    openModel
      ? "How long one request took, from its iteration's scheduled start to the last byte of the answer (this open-"
        + "model test counts any wait for a free virtual user too, so a late start is not hidden). Only requests that "
        + "got a complete answer have one."
      : "How long one request took, from the first byte of the request being written to the last byte of the answer. "
        + "Only requests that got a complete answer have one."
  }

  /// Term and definition, in reading order.
  static func glossary(openModel: Bool) -> [(String, String)] {
    [
      ("Request", "One call to the service, e.g. loading one page or one API answer."),
      ("Endpoint (task name)", "A named request of the test (a task of a scenario); the report groups numbers by it."),
      ("Throughput, req/s (RPS)", "Requests finished (answered or failed) per second."),
      ("Latency", latencyDefinition(openModel: openModel)),
    ] + terms
  }

  static let terms: [(String, String)] = [
    ("ms", "Milliseconds: thousandths of a second. 100 ms feels instant; 1,000 ms is a second."),
    (
      "p50, p95, p99 (percentiles)",
      "p95 = 120 ms means 95 of every 100 requests took 120 ms or less and 5 took longer. p50 is the median, "
        + "the typical request; p99 shows the slow ones most users still meet now and then."
    ),
    ("p99.9", "999 of every 1,000 requests took this long or less: the rare slow ones, seen in the distribution."),
    ("Virtual user (VU)", "A simulated person sending requests one after another, with pauses (think time)."),
    ("Think time", "The pause a virtual user takes between two requests, as a person reads a page before clicking."),
    (
      "Check",
      "A test of an answer written in the test file (e.g. status 200, or a JSON field's value): an answer that fails "
        + "it counts as a failed request (check_failed), even though the server answered."
    ),
    (
      "Error rate",
      "The share of requests that failed: an error status (4xx, 5xx), no or a broken answer, or a failed check."
    ),
    (
      "Threshold",
      "A pass/fail rule written in the test, such as \"p95 latency under 300 ms\": the run passes when all hold."
    ),
    ("Drain", "After the planned time, no new request is started; the ones still running get a grace period."),
  ]
}
