import Glibc

/// The process's open-file limit (RLIMIT_NOFILE): every connection is one fd (HTTP-CASES C11).
enum FileDescriptorLimit {
  /// Raises the soft limit to the hard limit.
  /// - Returns: the soft limit in force afterwards.
  @discardableResult
  static func raiseToHardLimit() -> UInt64 {
    let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    var limit = rlimit()
    guard getrlimit(resource, &limit) == 0 else { return 1024 }
    // An unlimited hard limit cannot become the soft one (fs.nr_open caps it, usually 2^20).
    for candidate in [limit.rlim_max, 1 << 20]
    where candidate > limit.rlim_cur && candidate <= limit.rlim_max {
      var raised = limit
      raised.rlim_cur = candidate
      if setrlimit(resource, &raised) == 0 { return UInt64(candidate) }
    }
    return UInt64(limit.rlim_cur)
  }

  /// File descriptors a run needs: one socket per VU (each VU holds at most one connection),
  /// plus per-worker epoll and eventfd, plus headroom for stdio, output files and the
  /// dashboard.
  static func needed(peakVUs: Int, workers: Int) -> UInt64 {
    UInt64(peakVUs) + UInt64(workers) * 2 + 64
  }

  /// File descriptors this process holds now: the entries of /proc/self/fd, less the one the
  /// listing itself opens. Nil when /proc is not mounted. O(open fds), once per snapshot.
  static func openCount() -> Int? {
    guard let dir = opendir("/proc/self/fd") else { return nil }
    defer { closedir(dir) }
    var count = 0
    while let entry = readdir(dir) {
      let name = entry.pointee.d_name.0
      if name != UInt8(ascii: ".") { count += 1 }
    }
    // The directory stream's own fd is listed too.
    return max(0, count - 1)
  }
}
