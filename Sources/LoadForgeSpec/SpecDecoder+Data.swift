import LoadForgeConfig

extension SpecDecoder {
  static let dataKeys = ["file", "columns", "order", "per"]

  /// `[[data]]`: CSV feeders. The file itself is read by the plan compiler.
  mutating func decodeDataFeeders(_ value: ConfigValue) -> [DataFeederSpec] {
    guard let array = value.arrayValue else {
      typeMismatch(value, expected: "an array of tables ([[data]])", key: "data")
      dropped.variablesIncomplete = true
      return []
    }
    var feeders: [DataFeederSpec] = []
    for (i, item) in array.enumerated() {
      let what = "\(tableArray("data")) #\(i + 1)"
      guard let table = expectTable(item, what: what, known: Self.dataKeys) else {
        dropped.variablesIncomplete = true
        continue
      }
      let file = requiredString(table, "file", in: item.location, what: what)
      if let file, file.value.isEmpty { problem("file is empty", at: file.location, length: file.length) }
      let columns = table["columns"].flatMap { decodeColumns($0) }
      // An invalid order or per was reported; the default stands in so the file is still checked.
      let order = table["order"].flatMap { choice($0, key: "order", as: DataFeederSpec.Order.self) }
      let per = table["per"].flatMap { choice($0, key: "per", as: DataFeederSpec.Scope.self) }
      guard let file, !file.value.isEmpty, table["columns"] == nil || columns != nil else {
        // Not read: the columns it declares are known only when written here.
        let declared = table["columns"]?.arrayValue?.compactMap(\.stringValue)
        if let declared { dropped.variables.formUnion(declared) } else { dropped.variablesIncomplete = true }
        continue
      }
      feeders.append(
        DataFeederSpec(
          file: file, columns: columns, order: order ?? .sequential, per: per ?? .vu, location: item.location))
    }
    return feeders
  }

  /// `columns = ["username", "password"]`: unique variable names.
  private mutating func decodeColumns(_ value: ConfigValue) -> [Located<String>]? {
    guard let array = value.arrayValue else {
      typeMismatch(value, expected: "an array of column names", key: "columns")
      return nil
    }
    if array.isEmpty {
      problem(
        "columns is empty", at: value.location, length: value.sourceLength,
        help: "name each column, or leave columns out to use the header row")
      return nil
    }
    var names: [Located<String>] = []
    for item in array {
      guard let name = item.stringValue else {
        typeMismatch(item, expected: "a string", key: "columns")
        continue
      }
      guard Self.isVariableName(name) else {
        problem(
          "invalid column name \"\(name)\"", at: item.location, length: item.sourceLength,
          help: "names are letters, digits and _ and do not start with a digit (they are used as ${vu.NAME})")
        continue
      }
      if names.contains(where: { $0.value == name }) {
        problem("column \"\(name)\" is named twice", at: item.location, length: item.sourceLength)
        continue
      }
      names.append(Located(name, writtenAs: item))
    }
    return names.count == array.count ? names : nil
  }

  /// One of an enum's raw values, with "did you mean" for a typo.
  private mutating func choice<T: RawRepresentable & CaseIterable>(_ value: ConfigValue, key: String, as: T.Type)
    -> T? where T.RawValue == String
  {
    let known = T.allCases.map(\.rawValue)
    guard let text = value.stringValue else {
      typeMismatch(value, expected: known.map { "\"\($0)\"" }.joined(separator: " or "), key: key)
      return nil
    }
    if let v = T(rawValue: text) { return v }
    let help = KeySuggestion.closest(to: text, in: known).map { "did you mean \"\($0)\"?" }
    problem(
      "unknown \(key) \"\(text)\"", at: value.location, length: value.sourceLength,
      help: help ?? "use \(known.map { "\"\($0)\"" }.joined(separator: " or "))")
    return nil
  }
}
