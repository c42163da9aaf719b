/// A JSON body as written in the config: strings keep their location for `${VAR}` interpolation;
/// object members keep their written order.
public indirect enum JSONValueSpec: Sendable, Equatable {
  case string(Located<String>)
  case integer(Int64)
  /// Always finite (the decoder rejects nan and inf, which JSON cannot represent, RFC 8259 §6).
  case float(Double)
  case boolean(Bool)
  case array([JSONValueSpec])
  case object([JSONMemberSpec])
}
