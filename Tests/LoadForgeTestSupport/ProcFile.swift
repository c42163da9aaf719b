#if canImport(Glibc)
  import Glibc
#endif

/// Reads a /proc file whole, with read(2) until the end of the file.
///
/// procfs files report a size of 0, and Foundation's `String(contentsOfFile:)` then returns only
/// the first 4 KB: a socket table on a busy machine (/proc/net/tcp with hundreds of TIME_WAIT
/// lines from the load tests) is cut off there, and a test looking for a socket in it would not
/// see it. Returns "" when the file cannot be opened.
public func readProcFile(_ path: String) -> String {
  let fd = open(path, O_RDONLY)
  guard fd >= 0 else { return "" }
  defer { close(fd) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65_536)
  while true {
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n <= 0 { break }
    bytes += buffer[0..<n]
  }
  return String(decoding: bytes, as: UTF8.self)
}
