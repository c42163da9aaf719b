/// `[[data]]`: rows of a CSV file handed to virtual users as variables (`${vu.COLUMN}`).
///
/// `sequential` hands rows out in file order (wrapping around at the end), `random` draws one
/// uniformly each time. With `per = vu` a VU takes one row when it starts and keeps it; with
/// `per = iteration` it takes a new row at the start of each iteration (a task of a weighted
/// scenario, the whole list of a `flow` scenario).
public struct DataFeederPlan: Codable, Sendable, Equatable {
  public enum Order: String, Codable, Sendable, Equatable, CaseIterable { case sequential, random }
  public enum Scope: String, Codable, Sendable, Equatable, CaseIterable { case vu, iteration }

  /// The file as written (after `${ENV}` interpolation), for messages.
  public var file: String
  /// Column names, in file order.
  public var columns: [String]
  /// Slot in `Plan.variables` of each column.
  public var variables: [Int]
  /// At least one row; every row has `columns.count` values.
  public var rows: [[String]]
  public var order: Order
  public var per: Scope

  public init(file: String, columns: [String], variables: [Int], rows: [[String]], order: Order, per: Scope) {
    self.file = file
    self.columns = columns
    self.variables = variables
    self.rows = rows
    self.order = order
    self.per = per
  }
}
