/// Editing the members of an `HTMLReportJSON.object` under construction.
extension Array where Element == (String, HTMLReportJSON) {
  /// Replaces the value of `key`, keeping its position.
  mutating func replace(_ key: String, with value: HTMLReportJSON) {
    if let i = firstIndex(where: { $0.0 == key }) { self[i].1 = value } else { append((key, value)) }
  }
}
