import CZlib
import Foundation

/// zlib streams (RFC 1950: deflate with the zlib header and Adler-32), as HdrHistogram's
/// compressed encoding carries them (Java's `Deflater` default, Python's `zlib.compress`).
enum Zlib {
  /// `data` deflated at the default level.
  /// - Throws: `HdrHistogramEncodingError.zlib` when zlib fails (out of memory).
  static func compress(_ data: [UInt8]) throws(HdrHistogramEncodingError) -> [UInt8] {
    var capacity = compressBound(uLong(data.count))
    var out = [UInt8](repeating: 0, count: Int(capacity))
    let status = out.withUnsafeMutableBufferPointer { dst in
      data.withUnsafeBufferPointer { src in
        compress2(dst.baseAddress, &capacity, src.baseAddress, uLong(src.count), Z_DEFAULT_COMPRESSION)
      }
    }
    guard status == Z_OK else { throw .zlib("compress2 returned \(status)") }
    out.removeSubrange(Int(capacity)...)
    return out
  }

  /// `data` inflated; the output may be at most `limit` bytes.
  /// - Throws: `HdrHistogramEncodingError.zlib` for a corrupt stream or one inflating past `limit`.
  static func decompress(_ data: [UInt8], limit: Int) throws(HdrHistogramEncodingError) -> [UInt8] {
    var capacity = Swift.max(64, Swift.min(limit, data.count * 8))
    while true {
      var length = uLong(capacity)
      var out = [UInt8](repeating: 0, count: capacity)
      let status = out.withUnsafeMutableBufferPointer { dst in
        data.withUnsafeBufferPointer { src in
          uncompress(dst.baseAddress, &length, src.baseAddress, uLong(src.count))
        }
      }
      if status == Z_OK {
        out.removeSubrange(Int(length)...)
        return out
      }
      guard status == Z_BUF_ERROR, capacity < limit else { throw .zlib("uncompress returned \(status)") }
      capacity = Swift.min(limit, capacity * 2)
    }
  }
}
