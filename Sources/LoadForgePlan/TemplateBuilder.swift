/// Accumulates a request part (target, header value, body) both as template parts and as the
/// text `loadforge plan` shows, where each variable reads `${vu.NAME}`.
struct TemplateBuilder {
  private(set) var parts: [TemplatePart] = []
  private(set) var display = ""
  private(set) var hasVariables = false

  /// Appends literal text, merged into a preceding literal part.
  mutating func text(_ s: String) {
    guard !s.isEmpty else { return }
    display += s
    if let last = parts.indices.last, parts[last].variable == nil {
      parts[last].text += s
    } else {
      parts.append(TemplatePart(text: s))
    }
  }

  /// Appends variable `slot` (named `name`), escaped with `escape` when rendered.
  mutating func variable(_ slot: Int, name: String, escape: TemplateEscape) {
    display += "${vu.\(name)}"
    parts.append(TemplatePart(variable: slot, escape: escape))
    hasVariables = true
  }
}
