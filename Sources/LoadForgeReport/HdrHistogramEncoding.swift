import Foundation
import Histogram

/// HdrHistogram's V2 encoding, compressed (`encodeIntoCompressedByteBuffer` in the Java library),
/// the payload of every `.hlog` interval line, so HdrHistogram tools read LoadForge's histograms.
///
/// Layout (big-endian): compressed cookie `0x1c849314` (`0x1c849304 | 0x10`), Int32 length of
/// the zlib stream, then the zlib stream of: cookie `0x1c849313` (`0x1c849303 | 0x10`), Int32
/// payload length, Int32 normalizing index offset (0), Int32 significant digits, Int64 lowest
/// discernible value, Int64 highest trackable value, Float64 integer-to-double ratio (1.0); then
/// the counts from index 0 to the bucket of the largest value, each as a ZigZag LEB128 varint
/// (at most 9 bytes, the 9th carrying 8 bits), a run of N > 1 zero counts as the single value −N.
/// Source: HdrHistogram `AbstractHistogram.encodeIntoByteBuffer`, `ZigZagEncoding`.
public enum HdrHistogramEncoding {
  static let encodingCookie: UInt32 = 0x1c84_9303 | 0x10
  static let compressedCookie: UInt32 = 0x1c84_9304 | 0x10
  static let headerSize = 40
  /// The largest decompressed payload accepted: a full 3-digit, 1 µs…1 h layout at 9 bytes a count
  /// is ≈ 212 KB; this leaves room for other layouts and refuses zip bombs.
  static let maxDecompressedBytes = 16 << 20

  /// `histogram` in the V2 compressed encoding, Base64 (RFC 4648 §4) as `.hlog` lines carry it.
  /// - Throws: `HdrHistogramEncodingError.zlib` when zlib fails.
  public static func base64(_ histogram: Histogram<UInt64>) throws(HdrHistogramEncodingError) -> String {
    Data(try compressed(histogram)).base64EncodedString()
  }

  /// `histogram` in the V2 compressed encoding.
  /// - Throws: `HdrHistogramEncodingError.zlib` when zlib fails.
  public static func compressed(_ histogram: Histogram<UInt64>) throws(HdrHistogramEncodingError) -> [UInt8] {
    let layout = HdrHistogramLayout(
      lowestDiscernibleValue: histogram.lowestDiscernibleValue,
      highestTrackableValue: histogram.highestTrackableValue,
      significantDigits: Int(histogram.numberOfSignificantValueDigits.rawValue))
    var counts: [UInt64] = []
    for bucket in histogram.recordedValues() {
      let index = layout.index(of: bucket.value)
      if counts.count <= index { counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count)) }
      counts[index] += UInt64(bucket.count)
    }
    let payload = zigZagCounts(counts)
    var plain: [UInt8] = []
    plain.reserveCapacity(headerSize + payload.count)
    append(encodingCookie, to: &plain)
    append(UInt32(payload.count), to: &plain)
    append(UInt32(0), to: &plain)
    append(UInt32(layout.significantDigits), to: &plain)
    append(layout.lowestDiscernibleValue, to: &plain)
    append(layout.highestTrackableValue, to: &plain)
    append((1.0 as Double).bitPattern, to: &plain)
    plain += payload
    let deflated = try Zlib.compress(plain)
    var out: [UInt8] = []
    out.reserveCapacity(8 + deflated.count)
    append(compressedCookie, to: &out)
    append(UInt32(deflated.count), to: &out)
    return out + deflated
  }

  /// Decodes a Base64 V2 compressed histogram (an `.hlog` line's last field).
  /// - Throws: `HdrHistogramEncodingError` for bad Base64, a wrong cookie, a corrupt zlib stream
  ///   or counts past the layout.
  public static func decode(base64 text: some StringProtocol) throws(HdrHistogramEncodingError) -> DecodedHistogram {
    guard let data = Data(base64Encoded: String(text)) else { throw .malformed("invalid Base64") }
    return try decode(compressed: [UInt8](data))
  }

  /// Decodes a V2 compressed histogram.
  /// - Throws: `HdrHistogramEncodingError` for a wrong cookie, a corrupt zlib stream or counts
  ///   past the layout.
  public static func decode(compressed bytes: [UInt8]) throws(HdrHistogramEncodingError) -> DecodedHistogram {
    guard bytes.count >= 8 else { throw .malformed("\(bytes.count) bytes, shorter than the 8-byte header") }
    let cookie = UInt32(readBE(bytes, 0, 4))
    guard cookie & ~0xf0 == compressedCookie & ~0xf0 else {
      throw .malformed("compressed cookie 0x\(String(cookie, radix: 16))")
    }
    let length = Int(readBE(bytes, 4, 4))
    guard length <= bytes.count - 8 else { throw .malformed("zlib length \(length) past the end") }
    let plain = try Zlib.decompress(Array(bytes[8..<(8 + length)]), limit: maxDecompressedBytes)
    guard plain.count >= headerSize else { throw .malformed("payload shorter than its 40-byte header") }
    let inner = UInt32(readBE(plain, 0, 4))
    guard inner == encodingCookie else { throw .malformed("V2 cookie 0x\(String(inner, radix: 16))") }
    let payloadLength = Int(readBE(plain, 4, 4))
    let offset = readBE(plain, 8, 4)
    let digits = Int(readBE(plain, 12, 4))
    let lowest = readBE(plain, 16, 8)
    let highest = readBE(plain, 24, 8)
    guard offset == 0 else { throw .malformed("normalizing index offset \(offset) (shifted histograms unsupported)") }
    guard (1...5).contains(digits), lowest >= 1, highest >= 2 * lowest else {
      throw .malformed("layout digits \(digits), lowest \(lowest), highest \(highest)")
    }
    guard payloadLength <= plain.count - headerSize else { throw .malformed("payload length \(payloadLength)") }
    let layout = HdrHistogramLayout(
      lowestDiscernibleValue: lowest, highestTrackableValue: highest, significantDigits: digits)
    let counts = try zigZagDecode(
      plain[headerSize..<(headerSize + payloadLength)], limit: layout.index(of: highest) + 1)
    return DecodedHistogram(
      lowestDiscernibleValue: lowest, highestTrackableValue: highest, significantDigits: digits, counts: counts)
  }

  /// Counts as ZigZag LEB128 with zero runs (see the type's documentation).
  static func zigZagCounts(_ counts: [UInt64]) -> [UInt8] {
    var out: [UInt8] = []
    var i = 0
    while i < counts.count {
      let count = counts[i]
      i += 1
      if count == 0 {
        var zeros: Int64 = 1
        while i < counts.count && counts[i] == 0 {
          zeros += 1
          i += 1
        }
        putZigZag(zeros > 1 ? -zeros : 0, into: &out)
      } else {
        putZigZag(Int64(count), into: &out)
      }
    }
    return out
  }

  /// HdrHistogram's `ZigZagEncoding.putLong`: 7 bits per byte for 8 bytes, then 8 bits.
  static func putZigZag(_ value: Int64, into out: inout [UInt8]) {
    var v = UInt64(bitPattern: (value << 1) ^ (value >> 63))
    for _ in 0..<8 {
      if v >> 7 == 0 {
        out.append(UInt8(v))
        return
      }
      out.append(UInt8(v & 0x7f) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }

  static func zigZagDecode(
    _ bytes: ArraySlice<UInt8>, limit: Int
  ) throws(HdrHistogramEncodingError) -> [UInt64] {
    var counts: [UInt64] = []
    var i = bytes.startIndex
    while i < bytes.endIndex {
      var raw: UInt64 = 0
      var shift: UInt64 = 0
      var done = false
      while !done {
        guard i < bytes.endIndex else { throw .malformed("varint cut short") }
        let byte = bytes[i]
        i += 1
        if shift == 56 {
          raw |= UInt64(byte) << 56
          done = true
        } else {
          raw |= UInt64(byte & 0x7f) << shift
          shift += 7
          done = byte & 0x80 == 0
        }
      }
      let value = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
      if value < 0 {
        guard value >= -Int64(limit), counts.count - Int(value) <= limit else {
          throw .malformed("zero run past the layout")
        }
        counts.append(contentsOf: repeatElement(0, count: Int(-value)))
      } else {
        guard counts.count < limit else { throw .malformed("count past the layout") }
        counts.append(UInt64(value))
      }
    }
    return counts
  }

  private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
  }

  private static func readBE(_ bytes: [UInt8], _ at: Int, _ width: Int) -> UInt64 {
    var v: UInt64 = 0
    for k in 0..<width { v = v << 8 | UInt64(bytes[at + k]) }
    return v
  }
}
