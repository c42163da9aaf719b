import ArgumentParser

/// The config file, given as a positional argument or with `--config`.
struct ConfigOptions: ParsableArguments {
  @Argument(help: "The config file (.toml, .yaml/.yml or .json).")
  var file: String?

  @Option(name: .customLong("config"), help: "The config file (same as the positional argument).")
  var config: String?

  func validate() throws {
    if file != nil, config != nil, file != config {
      throw ValidationError("give the config file once: either as an argument or with --config")
    }
    if file == nil, config == nil {
      throw ValidationError(
        "missing config file: give it as an argument (loadtest.toml) or with --config loadtest.toml")
    }
  }

  var path: String { file ?? config ?? "" }
}
