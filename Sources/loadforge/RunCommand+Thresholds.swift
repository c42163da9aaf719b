import ArgumentParser
import Foundation
import LoadForgeMetrics
import LoadForgeReport

extension RunCommand {
  /// The coordinator's live check for `gate`: nil when no threshold has `abort_on_fail` (then
  /// nothing is computed per interval); else a check that prints why it stops the run, on
  /// standard error like a signal's stop message.
  static func liveCheck(for gate: ThresholdGate) -> (@Sendable (Summary, Double) -> Bool)? {
    guard gate.thresholds.contains(where: \.abortOnFail) else { return nil }
    return { summary, elapsed in
      guard let reason = gate.check(summary, elapsedSeconds: elapsed) else { return false }
      try? FileHandle.standardError.write(contentsOf: Data("\n\(reason)\n".utf8))
      return true
    }
  }

  /// Fails before the load starts when `--junit`'s file could not be written at the end, so a
  /// typo in its path does not cost a whole run: opens it for writing without truncating it, or,
  /// when it does not exist yet, creates it and removes it again (the directory must exist and
  /// be writable).
  /// - Throws: `ExitCode(1)` after saying why, naming the file and the system's reason.
  func checkJUnitWritable() throws {
    guard let path = thresholdOptions.junit else { return }
    var reason: Int32 = 0
    let created = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if created >= 0 {
      close(created)
      unlink(path)
    } else if errno == EEXIST {
      let existing = open(path, O_WRONLY | O_CLOEXEC)
      if existing >= 0 { close(existing) } else { reason = errno }
    } else {
      reason = errno
    }
    guard reason != 0 else { return }
    var message = "error: cannot write the JUnit file \(path): \(String(cString: strerror(reason)))"
    if reason == ENOENT {
      message += " (its directory \(URL(fileURLWithPath: path).deletingLastPathComponent().path) does not exist)"
    }
    FileHandle.standardError.write(Data((message + "; nothing was sent\n").utf8))
    throw ExitCode(ExitStatus.configError)
  }

  /// Writes the thresholds of `summary` as JUnit XML to `--junit`'s file, if given.
  /// - Throws: `ExitCode.failure` after saying why, when the file cannot be written.
  /// - Parameter plannedSeconds: the plan's load duration, s (named when the run was interrupted).
  func writeJUnit(_ summary: Summary, runName: String, plannedSeconds: Double) throws {
    guard let path = thresholdOptions.junit else { return }
    let xml = JUnitReport.xml(
      summary.thresholds, runName: runName, durationSeconds: summary.durationSeconds, startedAt: summary.startedAt,
      interruption: summary.interrupted ? (summary.loadDurationSeconds, plannedSeconds) : nil)
    do {
      try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      FileHandle.standardError.write(
        Data("error: cannot write the JUnit file \(path): \(error.localizedDescription)\n".utf8))
      throw ExitCode.failure
    }
  }

  /// The exit code of a finished run, nil for 0 (README's table): 99 when a threshold stopped the
  /// run or failed at the end, else 128 + the signal (130 SIGINT, 143 SIGTERM) when a signal
  /// interrupted the load phase. A stop that only cut the drain short does not count.
  static func exitStatus(_ summary: Summary, thresholdStoppedRun: Bool, firstSignal: Int32?) -> Int32? {
    if thresholdStoppedRun { return ExitStatus.thresholdsFailed }
    if summary.interrupted { return firstSignal.map { 128 + $0 } ?? ExitStatus.interrupted }
    return summary.thresholds.allSatisfy(\.passed) ? nil : ExitStatus.thresholdsFailed
  }
}
