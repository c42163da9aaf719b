import Foundation
import Testing

@testable import LoadForgePlan

/// `LoadPlan`'s JSON: `max_vus` in snake_case (`plan --json`, plan.json), only in the open model,
/// and older plans' `max_v_us` / `maxVUs` still read.
@Suite struct LoadPlanCodingTests {
  static let open = LoadPlan(
    pattern: .constant(ConstantPattern(users: 50, durationSeconds: 10)), model: .arrivalRate, maxVUs: 20)
  static let closed = LoadPlan(pattern: .constant(ConstantPattern(users: 5, durationSeconds: 10)))

  static func keys(_ load: LoadPlan, snakeCase: Bool) throws -> Set<String> {
    let encoder = JSONEncoder()
    if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
    let object = try JSONSerialization.jsonObject(with: try encoder.encode(load)) as? [String: Any]
    return Set(try #require(object).keys)
  }

  static func decode(_ json: String, snakeCase: Bool) throws -> LoadPlan {
    let decoder = JSONDecoder()
    if snakeCase { decoder.keyDecodingStrategy = .convertFromSnakeCase }
    return try decoder.decode(LoadPlan.self, from: Data(json.utf8))
  }

  @Test func snakeCaseKeyIsMaxVUsAndOnlyInTheOpenModel() throws {
    #expect(try Self.keys(Self.open, snakeCase: true) == ["pattern", "tick_seconds", "model", "max_vus"])
    #expect(try Self.keys(Self.closed, snakeCase: true) == ["pattern", "tick_seconds", "model"])
  }

  @Test(arguments: [true, false])
  func roundTrips(snakeCase: Bool) throws {
    for load in [Self.open, Self.closed] {
      let encoder = JSONEncoder()
      if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
      let json = String(decoding: try encoder.encode(load), as: UTF8.self)
      #expect(try Self.decode(json, snakeCase: snakeCase) == load)
    }
  }

  /// Plans written before the key was fixed: `max_v_us` in snake_case, `maxVUs` plain (made
  /// by renaming the key in today's output).
  @Test(arguments: [(true, "\"max_vus\"", "\"max_v_us\""), (false, "\"maxVus\"", "\"maxVUs\"")])
  func olderPlansStillRead(snakeCase: Bool, key: String, oldKey: String) throws {
    let encoder = JSONEncoder()
    if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
    let json = String(decoding: try encoder.encode(Self.open), as: UTF8.self)
    #expect(json.contains(key))
    let old = json.replacingOccurrences(of: key, with: oldKey)
    #expect(try Self.decode(old, snakeCase: snakeCase).maxVUs == 20)
  }
}
