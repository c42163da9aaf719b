// libFuzzer target for `ResponseParser`. Not a SwiftPM target: scripts/fuzz-response-parser.sh
// compiles it with Sources/LoadForgeHTTP/*.swift and
// Tests/LoadForgeHTTPTests/ResponseParserInvariants.swift into one module (so nothing is
// imported) with `swiftc -sanitize=fuzzer,address -parse-as-library -D LOADFORGE_FUZZ`.
// libFuzzer supplies `main`.

/// Checks every invariant of `ResponseParserInvariants` on one input and traps on the first
/// that breaks, so libFuzzer records the input as a crash (not only crashes and ASan reports).
@_cdecl("LLVMFuzzerTestOneInput")
public func responseParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = Array(UnsafeBufferPointer(start: data, count: size))
  if let violation = ResponseParserInvariants.violation(in: input) {
    fatalError("ResponseParser invariant broken: \(violation)")
  }
  return 0
}
