extension SpecDecoder {
  /// Which list of a scenario a request table belongs to; its raw value is the config key.
  enum RequestList: String {
    case setup, tasks, flow, teardown

    /// What one entry is called in messages.
    var noun: String {
      switch self {
      case .tasks: "task"
      case .flow: "flow request"
      case .setup: "setup request"
      case .teardown: "teardown request"
      }
    }
  }
}
