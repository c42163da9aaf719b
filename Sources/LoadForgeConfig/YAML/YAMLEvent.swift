import CYaml

/// One libyaml parse event, copied out of the C struct so the C event can be freed at once.
///
/// Marks are libyaml's: 0-based line and column and a character `index` counted from the
/// first character after a UTF-8 BOM (libyaml counts characters, not bytes).
struct YAMLEvent {
  struct Mark {
    var index: Int
    var line: Int
    var column: Int

    init(_ mark: yaml_mark_t) {
      index = Int(mark.index)
      line = Int(mark.line)
      column = Int(mark.column)
    }
  }

  enum Style {
    case plain, singleQuoted, doubleQuoted, literal, folded
  }

  enum Kind {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case alias(anchor: String)
    case scalar(value: String, anchor: String?, tag: String?, style: Style)
    /// `flow` for `[a, b]`, false for a block sequence of `- ` lines.
    case sequenceStart(anchor: String?, tag: String?, flow: Bool)
    case sequenceEnd
    /// `flow` for `{a: 1}`, false for a block mapping of `key: value` lines.
    case mappingStart(anchor: String?, tag: String?, flow: Bool)
    case mappingEnd
  }

  var kind: Kind
  var start: Mark
  var end: Mark

  /// Copies `event`; the caller still owns it and must `yaml_event_delete` it.
  init(_ event: yaml_event_t) {
    start = Mark(event.start_mark)
    end = Mark(event.end_mark)
    func text(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }
    switch event.type {
    case YAML_STREAM_START_EVENT: kind = .streamStart
    case YAML_DOCUMENT_START_EVENT: kind = .documentStart
    case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
    case YAML_ALIAS_EVENT: kind = .alias(anchor: text(event.data.alias.anchor) ?? "")
    case YAML_SCALAR_EVENT:
      let s = event.data.scalar
      // `length` is authoritative: a double-quoted scalar may contain "\0".
      let value =
        s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(s.length)), as: UTF8.self) } ?? ""
      let style: Style =
        switch s.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
      kind = .scalar(value: value, anchor: text(s.anchor), tag: text(s.tag), style: style)
    case YAML_SEQUENCE_START_EVENT:
      let s = event.data.sequence_start
      kind = .sequenceStart(anchor: text(s.anchor), tag: text(s.tag), flow: s.style == YAML_FLOW_SEQUENCE_STYLE)
    case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
    case YAML_MAPPING_START_EVENT:
      let m = event.data.mapping_start
      kind = .mappingStart(anchor: text(m.anchor), tag: text(m.tag), flow: m.style == YAML_FLOW_MAPPING_STYLE)
    case YAML_MAPPING_END_EVENT: kind = .mappingEnd
    default: kind = .streamEnd  // YAML_NO_EVENT: only after the end of the stream
    }
  }
}
