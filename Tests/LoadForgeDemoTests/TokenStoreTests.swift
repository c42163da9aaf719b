import Testing

@testable import LoadForgeDemo

@Suite struct TokenStoreTests {
  @Test func issuedTokensAreValidAndDistinct() {
    let store = TokenStore()
    let tokens = (0..<200).map { _ in store.issue() }
    #expect(Set(tokens).count == 200)
    #expect(tokens.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    #expect(tokens.allSatisfy(store.isValid))
    #expect(!store.isValid("0123456789abcdef0123456789abcdef"))
    #expect(!store.isValid(""))
  }

  @Test func pastCapacityTheOldestHalfIsForgotten() {
    let store = TokenStore(capacity: 10)
    let first = (0..<10).map { _ in store.issue() }
    #expect(first.allSatisfy(store.isValid))
    let eleventh = store.issue()
    #expect(first.prefix(5).allSatisfy { !store.isValid($0) })
    #expect(first.suffix(5).allSatisfy(store.isValid))
    #expect(store.isValid(eleventh))
  }
}
