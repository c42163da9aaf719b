import LoadForgePlan

/// Renders `TemplatePart`s with a VU's variable values, escaping each value as its part says.
enum TemplateRenderer {
  /// Appends the rendered bytes of `parts` to `out`; `values[slot]` is the UTF-8 value of
  /// variable `slot` (missing slots render empty).
  static func render(_ parts: [TemplatePart], values: [[UInt8]], into out: inout [UInt8]) {
    fatalError("TODO(C1): implement")
  }
}
