/// One product of the demo shop's fixed catalogue.
public struct DemoProduct: Codable, Sendable, Equatable {
  public var id: Int
  public var name: String
  /// Price in cents (integers: no rounding surprises in JSON).
  public var priceCents: Int
  public var stock: Int

  enum CodingKeys: String, CodingKey {
    case id, name, stock
    case priceCents = "price_cents"
  }

  /// The catalogue: ids 1…20, the same on every start so configs can name `/products/7`.
  public static let catalogue: [DemoProduct] = {
    let names = [
      "Espresso cup", "Tea kettle", "French press", "Milk jug", "Coffee grinder", "Pour-over cone",
      "Paper filters", "Tamper", "Scale", "Thermometer", "Travel mug", "Teapot", "Matcha whisk",
      "Cold brew jar", "Knock box", "Cleaning tablets", "Descaler", "Latte glass", "Sugar bowl", "Bean tin",
    ]
    return names.enumerated().map { index, name in
      DemoProduct(id: index + 1, name: name, priceCents: 499 + index * 250, stock: (index * 7) % 23)
    }
  }()
}
