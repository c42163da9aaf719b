import LoadForgeConfig
import LoadForgeSpec

extension PlanCompilation {
  /// `[[data]]` feeders: each file read through `readFile`, parsed as CSV (RFC 4180), its
  /// columns given slots. A problem inside a file is located in that file (its own line:column).
  mutating func dataFeeders(
    _ specs: [DataFeederSpec], readFile: (String) throws(DataFileError) -> DataFile
  ) -> [DataFeederPlan] {
    var feeders: [DataFeederPlan] = []
    var fedBy: [String: String] = [:]
    for spec in specs {
      let before = problems.count
      var declaredColumns: [String]?
      let feeder = dataFeeder(spec, readFile: readFile, declaredColumns: &declaredColumns)
      // A problem inside the CSV is located there; say which entry of the config reads it.
      for i in before..<problems.count where problems[i].location?.file != spec.file.location.file {
        problems[i].includedFrom = spec.file.location
        let file = problems[i].location?.file ?? "the file"
        // As the config writes it: a TOML [[data]] table, a YAML or JSON entry of data.
        let entry = (ConfigFormat(path: spec.file.location.file) ?? .toml) == .toml ? "[[data]]" : "data entry"
        problems[i].note = "\(file) is read by the \(entry) at \(spec.file.location)"
      }
      guard let feeder else {
        if problems.count == before { continue }
        // Its columns, when known (given, or the header was read), are declared; otherwise any
        // ${vu.NAME} may be one of them.
        if let declaredColumns { droppedColumns.formUnion(declaredColumns) } else { feedersComplete = false }
        continue
      }
      // One problem per entry, at its columns (or its file when the header names them).
      let clashes = feeder.plan.columns.filter { fedBy[$0] != nil }
      if let first = clashes.first {
        let others = Set(clashes.compactMap { fedBy[$0] }).sorted().joined(separator: " and ")
        let column = spec.columns?.first { $0.value == first }
        let names = clashes.map { "\"\($0)\"" }.joined(separator: ", ")
        problems.append(
          Diagnostic(
            "\(clashes.count == 1 ? "column" : "columns") \(names) \(clashes.count == 1 ? "is" : "are") also fed by "
              + others, at: column?.location ?? spec.file.location, length: column?.length ?? spec.file.length,
            help: "each ${vu.NAME} comes from one [[data]] file: rename the column (or give columns = [...])"))
        droppedColumns.formUnion(feeder.plan.columns)
        continue
      }
      for column in feeder.plan.columns { fedBy[column] = JSONText.quoted(feeder.plan.file) }
      var plan = feeder.plan
      plan.variables = plan.columns.map { slot($0) }
      feeders.append(plan)
    }
    return feeders
  }

  private mutating func dataFeeder(
    _ spec: DataFeederSpec, readFile: (String) throws(DataFileError) -> DataFile, declaredColumns: inout [String]?
  ) -> (plan: DataFeederPlan, columnLocations: [SourceLocation])? {
    declaredColumns = spec.columns?.map(\.value)
    guard let path = fixed(spec.file, what: "a data file") else { return nil }
    let fileLength = spec.file.length
    let file: DataFile
    do { file = try readFile(path) } catch {
      problems.append(
        Diagnostic(
          "cannot read data file \(JSONText.quoted(path)): \(error.reason)", at: spec.file.location, length: fileLength,
          help: "the path is relative to the config file's directory"))
      return nil
    }
    func inFile(_ line: Int, _ column: Int, offset: Int = 0) -> SourceLocation {
      SourceLocation(file: file.path, line: line, column: column, offset: offset)
    }
    var records: [CSVReader.Record]
    do { records = try CSVReader.records(file.bytes) } catch {
      problems.append(
        Diagnostic(
          error.message, at: inFile(error.line, error.column, offset: error.offset),
          help: "CSV as in RFC 4180"))
      return nil
    }
    var columns: [String]
    var columnLocations: [SourceLocation]
    if let given = spec.columns {
      columns = given.map(\.value)
      columnLocations = given.map(\.location)
    } else {
      guard let header = records.first else {
        problems.append(
          Diagnostic("data file \(JSONText.quoted(path)) is empty", at: spec.file.location, length: fileLength))
        return nil
      }
      records.removeFirst()
      columns = header.fields
      declaredColumns = columns
      columnLocations = header.columns.indices.map { inFile(header.lines[$0], header.columns[$0]) }
      let before = problems.count
      for (i, name) in columns.enumerated() {
        if !SpecDecoder.isVariableName(name) {
          problems.append(
            Diagnostic(
              "invalid column name \(JSONText.quoted(name)) in the header row", at: columnLocations[i],
              length: max(1, name.count),
              help: "names are letters, digits and _ and do not start with a digit (they are used as ${vu.NAME}); "
                + "or give columns = [...] in [[data]] for a file without a header row"))
        } else if columns[..<i].contains(name) {
          problems.append(
            Diagnostic(
              "column \(JSONText.quoted(name)) is named twice in the header row", at: columnLocations[i],
              length: name.count, help: "rename one of them"))
        }
      }
      guard problems.count == before else { return nil }
    }
    guard !records.isEmpty else {
      problems.append(
        Diagnostic(
          "data file \(JSONText.quoted(path)) has no data rows", at: spec.file.location, length: fileLength,
          help: spec.columns == nil ? "the first row is the header; add rows below it" : "add rows to it"))
      return nil
    }
    let before = problems.count
    for record in records where record.fields.count != columns.count {
      problems.append(
        Diagnostic(
          "row has \(record.fields.count) \(record.fields.count == 1 ? "field" : "fields"), expected "
            + "\(columns.count) (\(columns.joined(separator: ", ")))",
          at: inFile(record.line, 1), help: "every row has one value per column; quote values that contain commas"))
      if problems.count - before >= 5 { break }  // a wrong delimiter breaks every row: five say enough
    }
    guard problems.count == before else { return nil }
    let plan = DataFeederPlan(
      file: path, columns: columns, variables: [], rows: records.map(\.fields),
      order: spec.order == .random ? .random : .sequential, per: spec.per == .iteration ? .iteration : .vu)
    return (plan, columnLocations)
  }
}
