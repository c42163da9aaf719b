import LoadForgeConfig

/// A value together with the place in the config it came from.
public struct Located<Value: Sendable & Equatable>: Sendable, Equatable {
  public var value: Value
  public var location: SourceLocation
  /// Width of the value as written, for a caret under all of it (`ConfigValue.sourceLength`).
  public var length: Int
  /// Columns from `location` to the first character of a string's content
  /// (`ConfigValue.contentOffset`), for `Interpolator` to place a `${…}` inside it.
  public var contentOffset: Int

  /// - Parameters:
  ///   - length: the caret width; 1 for values that did not come from a file.
  ///   - contentOffset: 1 after an opening quote, 0 for text that starts at `location`.
  public init(_ value: Value, at location: SourceLocation, length: Int = 1, contentOffset: Int = 0) {
    self.value = value
    self.location = location
    self.length = max(1, length)
    self.contentOffset = contentOffset
  }

  /// `value` as written at `source`: its location, width and content offset.
  public init(_ value: Value, writtenAs source: ConfigValue) {
    self.init(value, at: source.location, length: source.sourceLength, contentOffset: source.contentOffset)
  }
}
