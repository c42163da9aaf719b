import LoadForgeConfig

/// What the decoder left out of a spec because it was invalid, so that the plan compiler, run on
/// that best-effort spec in the same pass, does not report follow-on problems: a `${vu.token}`
/// whose capture was declared with a bad JSONPath is not "never captured", a threshold naming a
/// request that was dropped for its own errors is not "no task named …".
///
/// Empty for a spec without errors.
public struct DroppedDeclarations: Sendable, Equatable {
  /// `${vu.NAME}` names declared by a capture or `[[data]]` column that was left out for its errors.
  public var variables: Set<String>
  /// True when something left out may have declared variables whose names are unknown (a
  /// `[[data]]` entry without a valid file and without `columns`): no `${vu.NAME}` is reported
  /// as unknown then.
  public var variablesIncomplete: Bool
  /// Names of requests (tasks, flow, setup, teardown) left out for their errors.
  public var taskNames: Set<String>
  /// True when a request or scenario whose name cannot be known was left out: no threshold's
  /// request name is reported as unknown then.
  public var taskNamesIncomplete: Bool
  /// True when `base_url` was missing or invalid and `LoadTestSpec.baseURL` is a placeholder.
  public var baseURL: Bool
  /// True when `[load]` was missing or invalid and `LoadTestSpec.load` is a placeholder.
  public var load: Bool

  public init(
    variables: Set<String> = [], variablesIncomplete: Bool = false, taskNames: Set<String> = [],
    taskNamesIncomplete: Bool = false, baseURL: Bool = false, load: Bool = false
  ) {
    self.variables = variables
    self.variablesIncomplete = variablesIncomplete
    self.taskNames = taskNames
    self.taskNamesIncomplete = taskNamesIncomplete
    self.baseURL = baseURL
    self.load = load
  }
}
