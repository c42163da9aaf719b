extension LoadPlan {
  /// The pattern as one line in this plan's unit: `constant 100 VUs for 10s` in the closed
  /// model, `constant 100 it/s for 10s` in the open model (`TrafficPattern.summary(for:)`).
  public var summary: String { pattern.summary(for: model) }
}
