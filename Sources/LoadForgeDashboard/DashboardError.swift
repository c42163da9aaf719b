/// Why the dashboard cannot serve: one line for the terminal, e.g. `cannot listen on
/// 127.0.0.1:5665: address already in use` or `not a LoadForge run directory (no run.json): PATH`.
public struct DashboardError: Error, CustomStringConvertible, Sendable, Equatable {
  public var description: String
  /// The address was busy (`EADDRINUSE`): another port may work, unlike a host that does not
  /// resolve or is not this machine's.
  public var isAddressInUse: Bool

  public init(_ description: String, isAddressInUse: Bool = false) {
    self.description = description
    self.isAddressInUse = isAddressInUse
  }
}
