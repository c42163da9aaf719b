import Glibc

/// CLOCK_MONOTONIC in µs: immune to wall-clock jumps (NTP, DST), cheap through the vDSO.
enum MonotonicClock {
  /// Microseconds since an arbitrary fixed point (boot).
  @inline(__always)
  static func nowMicros() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1_000
  }
}
