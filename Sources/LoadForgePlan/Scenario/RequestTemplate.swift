/// The parts of a request that use virtual-user variables, rendered by the engine before each
/// send. A `RequestPlan` without variables has no template and is encoded once.
public struct RequestTemplate: Codable, Sendable, Equatable {
  /// The request target in origin form (path and query).
  public var target: [TemplatePart]
  /// One value per entry of `RequestPlan.headers`, in the same order (names are literal).
  public var headerValues: [[TemplatePart]]
  /// The body.
  public var body: [TemplatePart]

  public init(target: [TemplatePart], headerValues: [[TemplatePart]], body: [TemplatePart]) {
    self.target = target
    self.headerValues = headerValues
    self.body = body
  }
}
