import CYaml

/// Pulls events from libyaml's event API (`yaml_parser_parse`) and turns its errors into
/// `Diagnostic`s.
///
/// libyaml keeps a pointer to the input, so the caller must keep `input` alive and unmoved
/// while this reader is in use (`YAMLParser` wraps the whole parse in
/// `withUnsafeBufferPointer`). Not Sendable: one parse, one thread.
final class YAMLEventReader {
  private let parser: UnsafeMutablePointer<yaml_parser_t>
  /// Byte offset in the file of `input`'s first byte (3 after a UTF-8 BOM).
  private let bodyStart: Int
  var map: YAMLSourceMap

  /// - Parameters:
  ///   - input: the file without its BOM; must outlive the reader.
  ///   - map: locations for the whole file.
  init(input: UnsafeBufferPointer<UInt8>, bodyStart: Int, map: YAMLSourceMap) {
    parser = .allocate(capacity: 1)
    // yaml_parser_initialize only fails on malloc failure, which Swift treats as fatal too.
    precondition(yaml_parser_initialize(parser) == 1, "libyaml: out of memory")
    // Decoding is left to libyaml's BOM detection (none here, so UTF-8); the input was
    // checked to be UTF-8 before, so libyaml never guesses UTF-16.
    yaml_parser_set_input_string(parser, input.baseAddress, input.count)
    self.bodyStart = bodyStart
    self.map = map
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deallocate()
  }

  /// The next event.
  /// - Throws: `Diagnostic` for a libyaml reader, scanner or parser error, at its problem mark.
  func next() throws(Diagnostic) -> YAMLEvent {
    var event = yaml_event_t()
    guard yaml_parser_parse(parser, &event) == 1 else { throw error() }
    defer { yaml_event_delete(&event) }
    return YAMLEvent(event)
  }

  private func error() -> Diagnostic {
    let p = parser.pointee
    let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
    switch p.error {
    case YAML_READER_ERROR:
      // Reader errors carry a byte offset into the input instead of a mark.
      let location = map.location(atByte: bodyStart + Int(p.problem_offset))
      return Diagnostic(
        "invalid character: \(problem)", at: location,
        help: "YAML files must be UTF-8 text without control characters other than tab, CR and LF")
    case YAML_MEMORY_ERROR:
      return Diagnostic("libyaml ran out of memory", at: nil)
    default:
      let location = map.location(YAMLEvent.Mark(p.problem_mark))
      // libyaml's wording for a tab where a token should start never says "tab" (YAML 1.2 §6.1:
      // indentation is spaces only).
      if problem == "found character that cannot start any token", map.byte(at: location.offset) == 0x09 {
        return Diagnostic(
          "a tab cannot indent YAML or start a value", at: location, help: "indent with spaces (YAML 1.2 §6.1)")
      }
      var help: String?
      if let context = p.context.map({ String(cString: $0) }) {
        let at = map.location(YAMLEvent.Mark(p.context_mark))
        help = "\(context) that starts at line \(at.line), column \(at.column)"
      }
      return Diagnostic(problem, at: location, help: help)
    }
  }
}
