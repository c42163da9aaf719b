extension ExitStatus {
  /// A threshold failed (at the end, or it stopped the run with `abort_on_fail`). Far from the
  /// shell's and the usage codes so a CI step can tell "the service got slower" from "the test
  /// could not run" (k6 uses 99 for the same).
  static let thresholdsFailed: Int32 = 99
}
