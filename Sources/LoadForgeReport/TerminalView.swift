import Foundation
import Glibc
import LoadForgeMetrics

/// The live terminal output: a header, one status line per tick, the drain (a notice when it
/// starts, one line when it ends), and a summary table.
///
/// On a TTY the status line is redrawn in place (`\r` + erase line, ECMA-48 `CSI 2 K`); otherwise
/// (a pipe, a CI log) each snapshot is one plain line, so logs stay readable. All text comes from
/// pure rendering functions (`TerminalView+Rendering.swift`); this class only decides when to
/// write what.
public final class TerminalView: SnapshotObserver {
  private let isTTY: Bool
  private let write: (String) -> Void
  private var totalSeconds: Double = 0
  /// The run's header, for the summary's advice on dropped iterations (rate, pool).
  private var info: RunInfo?
  private var statusLineOpen = false

  /// - Parameters:
  ///   - isTTY: whether the output is a terminal (redraw in place) or not (one line per snapshot).
  ///   - write: where text goes; called once per update with complete text (default: standard output,
  ///     unbuffered).
  public init(isTTY: Bool, write: @escaping (String) -> Void = TerminalView.writeToStandardOutput) {
    self.isTTY = isTTY
    self.write = write
  }

  /// Writes `text` to standard output at once (no stdio buffering, so a line is visible as soon
  /// as it is drawn); errors such as a closed pipe are ignored: the run must go on.
  public static func writeToStandardOutput(_ text: String) {
    writeAll(text, to: STDOUT_FILENO)
  }

  /// Writes all of `text` to `fd`, retrying after EINTR and partial writes.
  ///
  /// Any other error ends the write silently: `loadforge run … | head -1` closes the pipe after
  /// one line, and the run must still write its results. With SIGPIPE ignored (`SignalTrap`
  /// does that) such a write fails with EPIPE instead of killing the process.
  /// - Returns: false when the write stopped on an error (EPIPE, EBADF, …).
  @discardableResult
  public static func writeAll(_ text: String, to fd: Int32) -> Bool {
    Array(text.utf8).withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n > 0 {
          offset += n
        } else if n < 0 && errno == EINTR {
          continue
        } else {
          return false
        }
      }
      return true
    }
  }

  public func runStarted(_ info: RunInfo) {
    totalSeconds = info.durationSeconds
    self.info = info
    write(Self.startLine(info) + "\n")
  }

  public func record(_ snapshot: Snapshot) {
    if snapshot.phase == .drain {
      writeLine(Self.drainLine(snapshot))
      return
    }
    let line = Self.statusLine(snapshot, total: totalSeconds)
    if isTTY {
      write("\r\u{1B}[2K" + line)
      statusLineOpen = true
    } else {
      write(line + "\n")
    }
  }

  public func draining(inFlight: Int, graceSeconds: Double) {
    writeLine(Self.drainNotice(inFlight: inFlight, graceSeconds: graceSeconds))
  }

  /// Writes `line` as a line of its own, below the status line (which stays as last drawn).
  private func writeLine(_ line: String) {
    write((statusLineOpen ? "\n" : "") + line + "\n")
    statusLineOpen = false
  }

  public func runFinished(_ summary: Summary) {
    var text = ""
    if statusLineOpen {
      text += "\n"
      statusLineOpen = false
    }
    text += "\n" + Self.summaryTable(summary, info: info)
    write(text)
  }
}
